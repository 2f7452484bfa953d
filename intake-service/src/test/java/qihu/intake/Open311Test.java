package qihu.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static qihu.intake.CaseEvents.caseOf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import qihu.events.EventEnvelope;
import qihu.events.RequestReceived;
import qihu.events.Topics;
import qihu.intake.enterprise.DirectoryLoader;
import qihu.intake.enterprise.EnterpriseIdentity;
import qihu.intake.request.IntakeRequest;

/**
 * Open311 GeoReport v2 from a client's side, in JSON and in XML: the services, a post (unsigned, with an api_key)
 * accepted on the channels' path, the request found again with its case's progress, and every kind of bad input
 * refused in the spec's error format, naming the field, with nothing stored.
 */
class Open311Test extends IntakeServiceTest {

    private static final String V2 = "/open311/v2";
    private static final String DUE_AT_IN_CHINA = "2026-11-25T23:59:59+08:00";

    @Autowired
    DirectoryLoader directory;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
    }

    @AfterEach
    void storeBack() {
        STORE.restore();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "xml"})
    void theServicesAreTheServiceBoardsEachAskingForTheEnterprise(String format) {
        List<Map<String, Object>> services =
                Open311Answers.list(format, get(format, "/services." + format, 200), "services");

        assertThat(services)
                .extracting(s -> s.get("service_code"))
                .containsExactly(
                        "PROJECT",
                        "POLICY",
                        "FINANCE",
                        "TALENT",
                        "LEGAL",
                        "SCI_TECH",
                        "OPENING",
                        "DATA",
                        "APPEAL",
                        "FALLBACK");
        assertThat(services)
                .extracting(s -> s.get("service_name"))
                .containsExactly("项目", "政策", "金融", "人才", "法治", "科创", "开放", "数据", "诉求", "兜底");
        assertThat(services).allSatisfy(s -> {
            assertThat(s).containsEntry("metadata", "true").containsEntry("type", "realtime");
            assertThat(s.keySet())
                    .containsExactly(
                            "service_code", "service_name", "description", "metadata", "type", "keywords", "group");
        });

        Map<String, Object> definition =
                Open311Answers.object(format, get(format, "/services/OPENING." + format, 200), "service_definition");
        assertThat(definition).containsEntry("service_code", "OPENING");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attributes = (List<Map<String, Object>>) definition.get("attributes");
        assertThat(attributes)
                .extracting(a -> a.get("code") + "=" + a.get("required"))
                .containsExactly("uscc=false", "enterprise_name=true", "region=false", "client_request_id=false");
        assertThat(attributes)
                .allSatisfy(a -> assertThat(a)
                        .containsEntry("variable", "true")
                        .containsEntry("datatype", "string")
                        .containsKey("order"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "xml"})
    void aPostedRequestIsStoredPublishedAndFollowedUntilItsCaseIsClosed(String format) {
        // POST, unsigned: the api_key is the authentication
        Instant posted = Instant.now();
        List<Map<String, Object>> created =
                Open311Answers.list(format, post(format, Open311Forms.exportRebate(), 201), "service_requests");
        assertThat(created).hasSize(1);
        String requestId = (String) created.get(0).get("service_request_id");
        assertThat(requestId).startsWith("req-");
        assertThat((String) created.get(0).get("service_notice")).contains("3个工作日");
        assertThat(created.get(0)).containsEntry("account_id", null);

        // stored like a channel's request, and published once
        IntakeRequest stored = mongo.findById(requestId, IntakeRequest.class).block();
        assertThat(stored.channel()).isEqualTo("open311");
        assertThat(stored.enterprise().uscc()).isEqualTo(Open311Forms.USCC_YONGKANG);
        assertThat(stored.enterprise().name()).isEqualTo(Open311Forms.YONGKANG_NAME);
        assertThat(stored.enterpriseIdentity()).isEqualTo(EnterpriseIdentity.CREDIT_CODE);
        assertThat(stored.regionCode()).isEqualTo("330784");
        assertThat(stored.title()).isEqualTo("出口退税办理进度查询无反馈");
        assertThat(stored.content()).isEqualTo(Open311Forms.DESCRIPTION);
        assertThat(stored.contact().name()).isEqualTo("李会计");
        assertThat(stored.contact().phone()).isEqualTo("13757912345");
        assertThat(stored.attachments())
                .extracting(a -> a.uri())
                .containsExactly("https://oss.yk-hardware.example/rebate/2026-09.pdf");
        assertThat(stored.channelDetails())
                .containsEntry("serviceCode", "OPENING")
                .containsEntry("lat", "28.8953")
                .containsEntry("long", "120.0339")
                .containsEntry("email", "li.kuaiji@yk-hardware.example");
        assertThat(await().atMost(Duration.ofSeconds(20))
                        .until(() -> publishedSince(posted, requestId), e -> !e.isEmpty()))
                .hasSize(1);

        // the same form again (a client retrying) is the same request
        List<Map<String, Object>> again =
                Open311Answers.list(format, post(format, Open311Forms.exportRebate(), 200), "service_requests");
        assertThat(again.get(0)).containsEntry("service_request_id", requestId);
        assertThat(storedCount()).isEqualTo(1);

        // found by its id (which overrides the other filters) and by the filters, open, with no deadline yet
        Map<String, Object> found = only(
                format,
                "/requests." + format + "?api_key=" + Open311Forms.KEY
                        + "&service_code=PROJECT&status=closed&start_date=2020-01-01T00:00:00Z"
                        + "&end_date=2020-03-01T00:00:00Z&service_request_id=" + requestId + ",req-unknown");
        assertThat(found)
                .containsEntry("service_request_id", requestId)
                .containsEntry("status", "open")
                .containsEntry("service_code", "OPENING")
                .containsEntry("service_name", "开放")
                .containsEntry("description", Open311Forms.DESCRIPTION)
                .containsEntry("address", "浙江省金华市永康市经济开发区长城路8号")
                .containsEntry("lat", "28.8953")
                .containsEntry("long", "120.0339")
                .containsEntry("media_url", "https://oss.yk-hardware.example/rebate/2026-09.pdf")
                .containsEntry("expected_datetime", null)
                .containsEntry("agency_responsible", null);
        assertThat((String) found.get("requested_datetime")).endsWith("+08:00");
        assertThat((String) found.get("status_notes")).contains("已受理");
        assertThat(search(format, "&service_code=OPENING,APPEAL&status=open"))
                .extracting(r -> r.get("service_request_id"))
                .containsExactly(requestId);
        assertThat(search(format, "&service_code=PROJECT")).isEmpty();
        assertThat(search(format, "&status=closed")).isEmpty();
        assertThat(search(format, "&start_date=2020-01-01T00:00:00Z&end_date=2020-03-01T00:00:00Z"))
                .isEmpty();

        // the case is opened and assigned: the deadline and the department appear
        CaseEvents c = caseOf(requestId);
        publish(c.opened(), c.assigned());
        Map<String, Object> assigned = awaitRequest(format, requestId, r -> r.get("expected_datetime") != null);
        assertThat(assigned)
                .containsEntry("status", "open")
                .containsEntry("expected_datetime", DUE_AT_IN_CHINA)
                .containsEntry("agency_responsible", CaseEvents.DEPARTMENT);
        assertThat((String) assigned.get("status_notes"))
                .contains(c.caseNumber())
                .contains("已交办");

        // answered and closed
        publish(c.claimed(), c.resolved(), c.closed());
        Map<String, Object> closed = awaitRequest(format, requestId, r -> "closed".equals(r.get("status")));
        assertThat((String) closed.get("status_notes")).contains("已办结").contains(CaseEvents.REPLY);
        assertThat(closed).containsEntry("expected_datetime", DUE_AT_IN_CHINA);
        assertThat(search(format, "&status=closed"))
                .extracting(r -> r.get("service_request_id"))
                .containsExactly(requestId);
        assertThat(search(format, "&status=open")).isEmpty();
        assertThat(search(format, "&status=open,closed")).hasSize(1);
    }

    @Test
    void aClientsOwnRequestIdMakesAPostIdempotentAndItsReuseAConflict() {
        Consumer<MultiValueMap<String, String>> ownId = f -> f.set("attribute[client_request_id]", "YK-2026-0042");
        String first = createdId(post("json", Open311Forms.exportRebate(ownId), 201));
        String again = createdId(post("json", Open311Forms.exportRebate(ownId), 200));
        assertThat(again).isEqualTo(first);

        byte[] conflict = post(
                "json", Open311Forms.exportRebate(ownId.andThen(f -> f.set("description", "另一个问题：用电报装进度缓慢。"))), 409);
        assertThat(errors("json", conflict))
                .anySatisfy(e -> assertThat(e).startsWith("attribute[client_request_id]: "));
        assertThat(storedCount()).isEqualTo(1);
    }

    @Test
    void anEnterpriseNamedWithoutItsCodeIsFoundInTheDirectory() {
        directory.load().block();
        String requestId = createdId(post(
                "json",
                Open311Forms.exportRebate(f -> {
                    f.remove("attribute[uscc]");
                    f.remove("attribute[region]");
                }),
                201));

        IntakeRequest stored = mongo.findById(requestId, IntakeRequest.class).block();
        assertThat(stored.enterprise().uscc()).isEqualTo(Open311Forms.USCC_YONGKANG);
        assertThat(stored.enterpriseIdentity()).isEqualTo(EnterpriseIdentity.NAME_MATCHED);
        assertThat(stored.regionCode()).as("the enterprise's registered region").isEqualTo("330784");
    }

    @Test
    void aChannelUsingOpen311KeepsItsOwnChannelAndSeesOnlyItsOwnRequests() {
        String minqings = createdId(
                post("json", Open311Forms.exportRebate(f -> f.set("api_key", Open311Forms.MINQING_KEY)), 201));
        String shared = createdId(
                post("json", Open311Forms.exportRebate(f -> f.set("description", "另一个问题：企业用电报装进度缓慢，请协调供电公司。")), 201));

        assertThat(mongo.findById(minqings, IntakeRequest.class).block().channel())
                .isEqualTo("minqing");
        assertThat(search("json", ""))
                .extracting(r -> r.get("service_request_id"))
                .containsExactly(shared);
        assertThat(Open311Answers.list(
                        "json",
                        get("json", "/requests.json?api_key=" + Open311Forms.MINQING_KEY, 200),
                        "service_requests"))
                .extracting(r -> r.get("service_request_id"))
                .containsExactly(minqings);
        byte[] notYours = get("json", "/requests/" + minqings + ".json?api_key=" + Open311Forms.KEY, 404);
        assertThat(errors("json", notYours)).anySatisfy(e -> assertThat(e).startsWith("service_request_id: "));
    }

    static Stream<Arguments> badPosts() {
        return Stream.of(
                bad("missing service_code", f -> f.remove("service_code"), 400, "service_code"),
                bad("unknown service_code", f -> f.set("service_code", "POTHOLE"), 404, "service_code"),
                bad("missing api_key", f -> f.remove("api_key"), 403, "api_key"),
                bad("wrong api_key", f -> f.set("api_key", "not-a-key-of-anyone-here"), 403, "api_key"),
                bad("unknown jurisdiction", f -> f.set("jurisdiction_id", "sfgov.org"), 404, "jurisdiction_id"),
                bad("missing description", f -> f.remove("description"), 400, "description"),
                bad("blank description", f -> f.set("description", "   "), 400, "description"),
                bad(
                        "description over 4000 characters",
                        f -> f.set("description", "长".repeat(4001)),
                        400,
                        "description"),
                bad("lat not a number", f -> f.set("lat", "north"), 400, "lat"),
                bad("lat out of range", f -> f.set("lat", "128.9"), 400, "lat"),
                bad("long out of range", f -> f.set("long", "-181"), 400, "long"),
                bad("lat without long", f -> f.remove("long"), 400, "long"),
                bad(
                        "no location at all",
                        f -> {
                            f.remove("lat");
                            f.remove("long");
                            f.remove("address_string");
                        },
                        400,
                        "lat"),
                bad("bad credit code", f -> f.set("attribute[uscc]", "91330784MA25P0X217"), 400, "attribute[uscc]"),
                bad(
                        "missing enterprise name",
                        f -> f.remove("attribute[enterprise_name]"),
                        400,
                        "attribute[enterprise_name]"),
                bad("unknown region", f -> f.set("attribute[region]", "火星"), 400, "attribute[region]"),
                bad("undefined attribute", f -> f.set("attribute[colour]", "red"), 400, "attribute[colour]"),
                bad(
                        "list for a single-value attribute",
                        f -> f.set("attribute[uscc][]", Open311Forms.USCC_YONGKANG),
                        400,
                        "attribute[uscc][]"),
                bad(
                        "bad client request id",
                        f -> f.set("attribute[client_request_id]", "YK 42/x"),
                        400,
                        "attribute[client_request_id]"),
                bad("bad phone", f -> f.set("phone", "call me"), 400, "phone"),
                bad("bad e-mail", f -> f.set("email", "li at example"), 400, "email"),
                bad("media_url not http", f -> f.set("media_url", "file:///C:/x.jpg"), 400, "media_url"),
                bad(
                        "address_string over 200 characters",
                        f -> f.set("address_string", "路".repeat(201)),
                        400,
                        "address_string"));
    }

    private static Arguments bad(
            String why, Consumer<MultiValueMap<String, String>> breaking, int status, String field) {
        return Arguments.of(why, breaking, status, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPosts")
    void badInputIsRefusedNamingTheFieldAndNothingIsStored(
            String why, Consumer<MultiValueMap<String, String>> breaking, int status, String field) {
        for (String format : List.of("json", "xml")) {
            byte[] answer = post(format, Open311Forms.exportRebate(breaking), status);
            List<String> errors = errors(format, answer);
            assertThat(errors)
                    .as(why + " in " + format)
                    .anySatisfy(e -> assertThat(e).startsWith(field + ": "));
        }
        assertThat(storedCount()).as("nothing stored").isZero();
    }

    @Test
    void aBodyThatIsNotAFormIsRefused() {
        byte[] answer = http.post()
                .uri(V2 + "/requests.json")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"service_code\":\"OPENING\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .returnResult()
                .getResponseBody();
        assertThat(errors("json", answer)).anySatisfy(e -> assertThat(e).startsWith("Content-Type: "));
        assertThat(storedCount()).isZero();
    }

    @Test
    void aFormOverTheBodyLimitIsRefusedBeforeItIsRead() {
        http.post()
                .uri(V2 + "/requests.json")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("api_key=" + Open311Forms.KEY + "&description=" + "x".repeat(70 * 1024))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(storedCount()).isZero();
    }

    static Stream<Arguments> badSearches() {
        return Stream.of(
                Arguments.of("start_date without an offset", "&start_date=2026-11-20T00:00:00", 400, "start_date"),
                Arguments.of("start_date not a date", "&start_date=yesterday", 400, "start_date"),
                Arguments.of("end_date not a date", "&end_date=2026-13-01T00:00:00Z", 400, "end_date"),
                Arguments.of(
                        "a span over 90 days",
                        "&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
                        400,
                        "end_date"),
                Arguments.of(
                        "start after end",
                        "&start_date=2026-06-01T00:00:00Z&end_date=2026-05-01T00:00:00Z",
                        400,
                        "start_date"),
                Arguments.of("unknown status", "&status=pending", 400, "status"),
                Arguments.of("unknown service code", "&service_code=POTHOLE", 400, "service_code"),
                Arguments.of("unknown jurisdiction", "&jurisdiction_id=sfgov.org", 404, "jurisdiction_id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSearches")
    void badSearchFiltersAreRefusedNamingTheFilter(String why, String filters, int status, String field) {
        for (String format : List.of("json", "xml")) {
            byte[] answer = get(format, "/requests." + format + "?api_key=" + Open311Forms.KEY + filters, status);
            assertThat(errors(format, answer))
                    .as(why)
                    .anySatisfy(e -> assertThat(e).startsWith(field + ": "));
        }
    }

    @Test
    void readingRequestsNeedsAKeyAndUnknownThingsAreNotFound() {
        assertThat(errors("json", get("json", "/requests.json", 403))).containsExactly("api_key: is required");
        assertThat(errors("xml", get("xml", "/requests.xml?api_key=wrong-key-wrong-key", 403)))
                .containsExactly("api_key: is not a valid key");
        assertThat(errors(
                        "xml",
                        get("xml", "/requests/req-000000000000000000000000.xml?api_key=" + Open311Forms.KEY, 404)))
                .anySatisfy(e -> assertThat(e).startsWith("service_request_id: "));
        assertThat(errors("json", get("json", "/services/POTHOLE.json", 404)))
                .anySatisfy(e -> assertThat(e).startsWith("service_code: "));
        assertThat(errors("json", get("json", "/services.csv", 404)))
                .anySatisfy(e -> assertThat(e).startsWith("format: "));
        assertThat(errors("xml", get("xml", "/tokens/abc.xml", 404))).hasSize(1);
    }

    @Test
    void whileTheStoreIsDownAPostIsToldToRetryAndNothingIsStored() {
        STORE.cut();
        EntityExchangeResult<byte[]> answer = http.post()
                .uri(V2 + "/requests.xml")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(Open311Forms.exportRebate()))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .returnResult();
        assertThat(errors("xml", answer.getResponseBody())).hasSize(1);

        STORE.restore();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> storedCount() == 0);
    }

    private byte[] post(String format, MultiValueMap<String, String> form, int status) {
        return answered(
                http.post()
                        .uri(V2 + "/requests." + format)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body(BodyInserters.fromFormData(form))
                        .exchange(),
                format,
                status);
    }

    private byte[] get(String format, String path, int status) {
        return answered(http.get().uri(V2 + path).exchange(), format, status);
    }

    /** The body of an answer with this status, in the format asked for, refusals too. */
    private static byte[] answered(WebTestClient.ResponseSpec response, String format, int status) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(mediaType(format))
                .expectBody()
                .returnResult()
                .getResponseBody();
    }

    private static MediaType mediaType(String format) {
        return "json".equals(format) ? MediaType.APPLICATION_JSON : MediaType.TEXT_XML;
    }

    private List<Map<String, Object>> search(String format, String filters) {
        return Open311Answers.list(
                format,
                get(format, "/requests." + format + "?api_key=" + Open311Forms.KEY + filters, 200),
                "service_requests");
    }

    private Map<String, Object> only(String format, String pathAndQuery) {
        List<Map<String, Object>> found =
                Open311Answers.list(format, get(format, pathAndQuery, 200), "service_requests");
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private Map<String, Object> request(String format, String requestId) {
        return only(format, "/requests/" + requestId + "." + format + "?api_key=" + Open311Forms.KEY);
    }

    private Map<String, Object> awaitRequest(String format, String requestId, Predicate<Map<String, Object>> reached) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> request(format, requestId), reached);
    }

    private static String createdId(byte[] answer) {
        return (String)
                Open311Answers.list("json", answer, "service_requests").get(0).get("service_request_id");
    }

    /** Each error's description; every error's code is the answer's HTTP status. */
    private static List<String> errors(String format, byte[] answer) {
        List<Map<String, Object>> errors = Open311Answers.list(format, answer, "errors");
        assertThat(errors).isNotEmpty();
        assertThat(errors).extracting(e -> e.get("code")).doesNotContainNull();
        assertThat(new String(answer, StandardCharsets.UTF_8))
                .doesNotContain("Exception")
                .doesNotContain("at qihu.");
        return errors.stream().map(e -> (String) e.get("description")).toList();
    }

    /** The request's request.received events; the topic outlives the database, and the other format's run. */
    private List<EventEnvelope<?>> publishedSince(Instant posted, String requestId) {
        return eventsOn(Topics.REQUEST_RECEIVED, Duration.ofSeconds(1)).stream()
                .filter(e -> e.payload() instanceof RequestReceived r
                        && r.requestId().equals(requestId)
                        && !e.occurredAt().isBefore(posted))
                .toList();
    }

    private long storedCount() {
        return mongo.count(new Query(), IntakeRequest.class).block();
    }
}
