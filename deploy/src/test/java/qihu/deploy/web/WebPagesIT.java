package qihu.deploy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import qihu.deploy.ChannelClient;
import qihu.deploy.LocalStack;
import qihu.deploy.Service;
import qihu.deploy.SignIn;
import qihu.deploy.StackConfig;
import qihu.deploy.traffic.Enterprise;
import qihu.deploy.traffic.RequestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web pages in headless Chromium against the whole stack (one stack for both tests): a handler signs in through
 * the real login form, claims and answers a task routed from a channel's request and sees it leave the list; a
 * leader's dashboard takes in a new request without reloading, and fits a phone's screen. Skipped without Chromium
 * unless {@code -Dqihu.require-browser=true} ({@link Browser}).
 */
class WebPagesIT {

    private static final Duration EVENTUAL = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int PHONE_WIDTH = 375;
    private static final int PHONE_HEIGHT = 812;
    /** Yiwu's handler for each county department the classifier's board may lead to. */
    private static final Map<String, String> YIWU_HANDLERS = Map.of(
            "330782-esc", "yiwu.esc.handler",
            "330782-drb", "yiwu.drb.handler",
            "330782-hrss", "yiwu.hrss.handler");

    @TempDir
    static Path home;

    private static LocalStack stack;
    private static ChannelClient channels;
    private static SignIn signIn;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startStack() {
        Browser.assumeInstalled();
        // Five JVMs and a browser on a shared two-core machine: give the services time to come up.
        stack = LocalStack.start(StackConfig.forTests(home).withHealthTimeout(Duration.ofMinutes(5)));
        channels = new ChannelClient(stack.serviceUrl(Service.INTAKE), ChannelClient.demoKeys(Path.of("..")));
        signIn = new SignIn(stack.issuer());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aHandlerSignsInClaimsAndAnswersATaskAndSeesItLeaveTheList() throws Exception {
        String caseId = submitAndAwaitCase("WEB-HANDLER-1");
        String taskId = caseId + "-r1";
        String supervisor = signIn.accessToken("yiwu.supervisor");
        String department = await(Service.DISPATCH, "/api/v1/tasks/" + taskId, supervisor, t -> true)
                .get("departmentId")
                .asString();
        String username = YIWU_HANDLERS.get(department);
        assertThat(username).as("a Yiwu handler of %s", department).isNotNull();

        try (Browser browser = Browser.open(PHONE_WIDTH, PHONE_HEIGHT)) {
            browser.go(stack.serviceUrl(Service.DISPATCH) + "/app/");
            browser.signInAtTheForm(username, SignIn.DEMO_PASSWORD);
            By card = By.cssSelector("[data-task-id='" + taskId + "']");
            browser.awaitElement("the routed task in " + username + "'s list", card);
            assertThat(browser.driver().getCurrentUrl()).endsWith("/app/");

            browser.driver()
                    .findElement(card)
                    .findElement(By.cssSelector("[data-action=claim]"))
                    .click();
            browser.await(
                    "the task claimed",
                    d -> "CLAIMED".equals(d.findElement(card).getAttribute("data-status")));
            browser.screenshot(SCREENSHOTS.resolve("handler-app-" + PHONE_WIDTH + "x" + PHONE_HEIGHT + ".png"));

            // An empty reply: the service's problem is shown, naming the field.
            browser.driver()
                    .findElement(card)
                    .findElement(By.cssSelector("[data-action=resolve]"))
                    .click();
            browser.awaitElement("the reply form", By.id("act-reply"));
            browser.driver().findElement(By.id("act-submit")).click();
            WebElement problem = browser.awaitElement("the problem shown", By.id("act-problem"));
            assertThat(problem.getText()).contains("reply").contains("is required");

            browser.driver().findElement(By.id("act-reply")).sendKeys("已协调消防部门于11月24日完成现场验收。");
            browser.driver().findElement(By.id("act-submit")).click();
            browser.await(
                    "the answered task gone from the list",
                    d -> d.findElements(card).isEmpty());
        }
        JsonNode task = get(Service.DISPATCH, "/api/v1/tasks/" + taskId, supervisor);
        assertThat(task.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(task.get("claimedBy").asString()).isEqualTo(username);
        assertThat(task.get("reply").asString()).isEqualTo("已协调消防部门于11月24日完成现场验收。");
    }

    @Test
    void aLeadersDashboardTakesInANewRequestWithoutReloadingAndFitsAPhone() throws Exception {
        try (Browser browser = Browser.open(PHONE_WIDTH, PHONE_HEIGHT)) {
            browser.go(stack.serviceUrl(Service.EVALUATION) + "/dashboard/");
            browser.signInAtTheForm("jinhua.leader", SignIn.DEMO_PASSWORD);
            browser.await(
                    "the first snapshot drawn", d -> browser.script("return document.body.dataset.updates") != null);
            browser.await(
                    "the live stream connected",
                    d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
            long before = intakeToday(browser);
            browser.script("window.qihuMarker = 'still the same page';");

            submit(
                    "zheliban",
                    new RequestFactory(Enterprise.demoDirectory(Path.of("..")), 1.0, 7)
                            .fresh("zheliban", "WEB-LEADER-1"));

            browser.await("today's intake above " + before, d -> intakeToday(browser) > before);
            assertThat(browser.script("return window.qihuMarker")).isEqualTo("still the same page");
            assertThat(browser.script("return performance.getEntriesByType('navigation').length"))
                    .isEqualTo(1L);
            // Nothing sticks out sideways on a phone.
            assertThat((Long) browser.script("return document.documentElement.scrollWidth"))
                    .isLessThanOrEqualTo(PHONE_WIDTH);
            assertThat(browser.driver().findElements(By.cssSelector("#chart-trend canvas")))
                    .isNotEmpty();

            Path shot =
                    browser.screenshot(SCREENSHOTS.resolve("dashboard-" + PHONE_WIDTH + "x" + PHONE_HEIGHT + ".png"));
            BufferedImage image = ImageIO.read(shot.toFile());
            assertThat(image.getWidth()).isEqualTo(PHONE_WIDTH);
            assertThat(image.getHeight()).isBetween(PHONE_HEIGHT - 150, PHONE_HEIGHT);
            assertThat(colours(image))
                    .as("distinct colours: tiles, charts and text, not a blank page")
                    .isGreaterThan(50);
        }
    }

    private static long intakeToday(Browser browser) {
        String text =
                browser.driver().findElement(By.id("intake-today")).getText().strip();
        return text.matches("\\d+") ? Long.parseLong(text) : -1;
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    /** The 12345 hotline's request of a Yiwu enterprise, as in EndToEndIT; the case it became. */
    private static String submitAndAwaitCase(String channelRequestId) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("channel", "hotline-12345");
        request.put("channelRequestId", channelRequestId);
        request.put("enterprise", Map.of("uscc", "91330782MA2D7QF513", "name", "义乌市鸿达小商品有限公司"));
        request.put("regionCode", "330782");
        request.put("title", "厂房消防验收迟迟未办结");
        request.put("content", "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理。");
        request.put("contact", Map.of("name", "王经理", "phone", "13905791234"));
        submit("hotline-12345", request);
        return await(
                        Service.INTAKE,
                        "/api/v1/channels/hotline-12345/requests/" + channelRequestId,
                        null,
                        s -> "ASSIGNED".equals(s.path("status").asString()))
                .get("caseId")
                .asString();
    }

    private static void submit(String channel, Map<String, Object> request) throws Exception {
        HttpResponse<String> response = send(channels.canonical(channel, json.writeValueAsBytes(request)));
        assertThat(response.statusCode())
                .as("POST as %s: %s", channel, response.body())
                .isEqualTo(202);
    }

    private static JsonNode await(Service service, String path, String token, Predicate<JsonNode> condition)
            throws Exception {
        long deadline = System.nanoTime() + EVENTUAL.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(request(service, path, token));
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode body = json.readTree(response.body());
                if (condition.test(body)) {
                    return body;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("within " + EVENTUAL + ", " + path + " never met the condition; last: " + last);
    }

    private static JsonNode get(Service service, String path, String token) throws Exception {
        HttpResponse<String> response = send(request(service, path, token));
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return json.readTree(response.body());
    }

    private static HttpRequest request(Service service, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.serviceUrl(service) + path))
                .GET();
        return token == null
                ? request.build()
                : request.header("Authorization", "Bearer " + token).build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS);
    }
}
