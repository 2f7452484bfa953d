package qihu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system as it runs for real: an embedded KRaft broker, the embedded Mongo-compatible store, the sign-in and
 * the four services as separate JVMs, driven only through their HTTP APIs, as channels, handlers and enterprises
 * would. People sign in at the real sign-in (auth-server) through its login form.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final Duration EVENTUAL = Duration.ofSeconds(60);
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);
    private static final String USCC = "91330782MA2D7QF513";
    private static final String CONTENT = "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理。";

    @TempDir
    static Path home;

    private static LocalStack stack;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    /** Yiwu's handler for each county department the classifier's board may lead to. */
    private static final Map<String, String> YIWU_HANDLERS = Map.of(
            "330782-esc", "yiwu.esc.handler",
            "330782-drb", "yiwu.drb.handler",
            "330782-hrss", "yiwu.hrss.handler");

    private static String caseId;
    private static ChannelClient channels;
    private static SignIn signIn;
    /** Sees every task of Yiwu, whichever department it went to. */
    private static String supervisor;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(StackConfig.forTests(home));
        channels = new ChannelClient(stack.serviceUrl(Service.INTAKE), ChannelClient.demoKeys(Path.of("..")));
        signIn = new SignIn(stack.issuer());
        supervisor = signIn.accessToken("yiwu.supervisor");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aRequestBecomesACaseWithAnAssignedTaskAndADeadline() throws Exception {
        JsonNode accepted = submit("hotline-12345", request("hotline-12345", "HL-E2E-1", CONTENT), 202);
        String requestId = accepted.get("requestId").asString();

        JsonNode status = await(
                Service.INTAKE,
                "/api/v1/channels/hotline-12345/requests/HL-E2E-1",
                s -> "ASSIGNED".equals(s.path("status").asString()));

        assertThat(status.get("requestId").asString()).isEqualTo(requestId);
        assertThat(status.get("caseNumber").asString()).matches("QH\\d{8}-\\d{6}");
        // Routed in Yiwu (330782); which department depends on the board the classifier chose.
        assertThat(status.get("departmentName").asString()).startsWith("义乌市");
        assertThat(status.get("dueAt").asString()).endsWith("T15:59:59Z"); // 23:59:59 in Asia/Shanghai
        caseId = status.get("caseId").asString();
    }

    @Test
    @Order(2)
    void reSendingTheSameChannelIdCreatesNothingNew() throws Exception {
        JsonNode first = get(Service.INTAKE, "/api/v1/channels/hotline-12345/requests/HL-E2E-1", 200);

        JsonNode again = submit("hotline-12345", request("hotline-12345", "HL-E2E-1", CONTENT), 202);

        assertThat(again.get("requestId").asString())
                .isEqualTo(first.get("requestId").asString());
        assertThat(again.get("replayed").asBoolean()).isTrue();
        Thread.sleep(2_000);
        assertThat(get(Service.DISPATCH, "/api/v1/tasks?caseId=" + caseId, supervisor, 200))
                .hasSize(1);
        assertThat(get(Service.EVALUATION, "/api/v1/stats", 200).get("cases").asLong())
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void theSameProblemFromTheSameEnterpriseThroughAnotherChannelIsMergedIntoTheCase() throws Exception {
        String reworded = "我司新建厂房于一月提交消防验收申请 至今未收到验收结果 影响投产 请协调加快办理";
        submit("zheliban", request("zheliban", "ZLB-E2E-1", reworded), 202);

        JsonNode merged =
                await(Service.INTAKE, "/api/v1/channels/zheliban/requests/ZLB-E2E-1", s -> s.hasNonNull("caseId"));

        assertThat(merged.get("caseId").asString()).isEqualTo(caseId);
        assertThat(merged.get("caseNumber").asString())
                .isEqualTo(get(Service.INTAKE, "/api/v1/channels/hotline-12345/requests/HL-E2E-1", 200)
                        .get("caseNumber")
                        .asString());
        await(Service.EVALUATION, "/api/v1/stats", s -> s.get("mergedRequests").asLong() == 1);
        assertThat(get(Service.DISPATCH, "/api/v1/tasks?caseId=" + caseId, supervisor, 200))
                .hasSize(1);
    }

    @Test
    @Order(4)
    void theCaseIsClaimedResolvedRatedAndClosedAndEveryChannelSeesIt() throws Exception {
        String task = "/api/v1/tasks/" + caseId + "-r1";
        String department =
                get(Service.DISPATCH, task, supervisor, 200).get("departmentId").asString();
        String username = YIWU_HANDLERS.get(department);
        assertThat(username).as("a Yiwu handler of %s", department).isNotNull();
        String handler = signIn.accessToken(username);
        // Nobody else: not without signing in, not the sibling county's handler, not the supervisor.
        post(Service.DISPATCH, task + "/claim", Map.of(), null, 401);
        post(Service.DISPATCH, task + "/claim", Map.of(), signIn.accessToken("dongyang.esc.handler"), 404);
        post(Service.DISPATCH, task + "/claim", Map.of(), supervisor, 403);

        post(Service.DISPATCH, task + "/claim", Map.of(), handler, 200);
        JsonNode resolved = post(Service.DISPATCH, task + "/resolve", Map.of("reply", "已于11月24日完成现场验收。"), handler, 200);
        assertThat(resolved.get("claimedBy").asString()).isEqualTo(username);
        await(
                Service.EVALUATION,
                "/api/v1/cases/" + caseId,
                c -> "AWAITING_FEEDBACK".equals(c.path("state").asString()));

        // The enterprise rates with the signed link it was sent; a channel that polls finds it in the status.
        JsonNode asked = await(
                Service.INTAKE, "/api/v1/channels/hotline-12345/requests/HL-E2E-1", s -> s.hasNonNull("ratingLink"));
        String link = asked.get("ratingLink").asString();
        String token = java.net.URLDecoder.decode(
                link.substring(link.indexOf("token=") + "token=".length()), java.nio.charset.StandardCharsets.UTF_8);
        post(
                Service.EVALUATION,
                "/api/v1/cases/" + caseId + "/feedback",
                Map.of("rating", "SATISFIED", "comment", "办理及时", "token", token),
                null,
                200);

        for (String channelRequest : new String[] {"hotline-12345/requests/HL-E2E-1", "zheliban/requests/ZLB-E2E-1"}) {
            JsonNode status = await(
                    Service.INTAKE,
                    "/api/v1/channels/" + channelRequest,
                    s -> "CLOSED".equals(s.path("status").asString()));
            assertThat(status.get("reply").asString()).isEqualTo("已于11月24日完成现场验收。");
        }
        JsonNode stats = get(Service.EVALUATION, "/api/v1/stats", 200);
        assertThat(stats.get("closed").asLong()).isEqualTo(1);
        assertThat(stats.get("ratings").get("SATISFIED").asLong()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void badInputIsAProblemNamingTheFieldAndNothingIsStored() throws Exception {
        // Only a channel with a key can sign, and a channel may only submit its own requests.
        JsonNode unknownChannel = submit("fax-machine", request("fax-machine", "FAX-1", CONTENT), 401);
        assertThat(unknownChannel.get("errors").get(0).get("field").asString()).isEqualTo("X-Qihu-Channel");
        JsonNode foreign = submit("hotline-12345", request("zheliban", "ZLB-E2E-FOREIGN", CONTENT), 403);
        assertThat(foreign.get("errors").get(0).get("field").asString()).isEqualTo("channel");
        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(uri(Service.INTAKE, "/api/v1/requests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(request("hotline-12345", "HL-E2E-UNSIGNED", CONTENT))))
                .build());
        assertThat(unsigned.statusCode()).isEqualTo(401);

        Map<String, Object> badCode = request("hotline-12345", "HL-E2E-BAD", CONTENT);
        badCode.put("enterprise", Map.of("uscc", "91330782MA2D7QF51X", "name", "某公司"));
        badCode.remove("title");
        JsonNode problems = submit("hotline-12345", badCode, 400);
        assertThat(problems.get("errors").toString()).contains("enterprise.uscc", "title");

        HttpResponse<String> malformed =
                send(signed("hotline-12345", "{\"channel\": ".getBytes(StandardCharsets.UTF_8)));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        get(Service.INTAKE, "/api/v1/channels/hotline-12345/requests/HL-E2E-BAD", 404);
        assertThatThrownBy(() -> signIn.accessToken("yiwu.esc.handler", "guessed"))
                .hasMessageContaining("wrong username or password");
        Thread.sleep(2_000);
        assertThat(get(Service.EVALUATION, "/api/v1/stats", 200).get("cases").asLong())
                .isEqualTo(1);
    }

    private static Map<String, Object> request(String channel, String channelRequestId, String content) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("channel", channel);
        request.put("channelRequestId", channelRequestId);
        request.put("enterprise", Map.of("uscc", USCC, "name", "义乌市鸿达小商品有限公司"));
        request.put("regionCode", "330782");
        request.put("title", "厂房消防验收迟迟未办结");
        request.put("content", content);
        request.put("contact", Map.of("name", "王经理", "phone", "13905791234"));
        return request;
    }

    /** A canonical request, signed as {@code channel} signs (intake-service/CHANNELS.md, "Signing"). */
    private static JsonNode submit(String channel, Map<String, Object> request, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(signed(channel, json.writeValueAsBytes(request)));
        assertThat(response.statusCode())
                .as("POST /api/v1/requests as %s: %s", channel, response.body())
                .isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    private static HttpRequest signed(String channel, byte[] body) {
        return channels.canonical(channel, body);
    }

    private static JsonNode await(Service service, String path, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + EVENTUAL.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(uri(service, path)).GET().build());
            if (response.statusCode() == 200) {
                last = json.readTree(response.body());
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("within " + EVENTUAL + ", " + path + " never met the condition; last: " + last);
    }

    private static JsonNode get(Service service, String path, int expectedStatus) throws Exception {
        return get(service, path, null, expectedStatus);
    }

    /** With the person's access token, or without one when it is null. */
    private static JsonNode get(Service service, String path, String token, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(signedIn(HttpRequest.newBuilder(uri(service, path)), token)
                .GET()
                .build());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    private static JsonNode post(Service service, String path, Object body, String token, int expectedStatus)
            throws Exception {
        HttpResponse<String> response = send(signedIn(HttpRequest.newBuilder(uri(service, path)), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build());
        assertThat(response.statusCode())
                .as("POST %s: %s", path, response.body())
                .isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    private static HttpRequest.Builder signedIn(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** Every call has a deadline: a service that never answers fails the test instead of hanging the build. */
    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .get(ANSWER_LIMIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static URI uri(Service service, String path) {
        return URI.create(stack.serviceUrl(service) + path);
    }
}
