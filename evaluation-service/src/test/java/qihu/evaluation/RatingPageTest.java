package qihu.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static qihu.evaluation.CaseBuilder.aCase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.evaluation.feedback.CaseState;
import qihu.evaluation.feedback.EvaluatedCase;
import qihu.events.Rating;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/**
 * The signed rating link opened by a person: a page (phone first) that shows the answer and takes 满意 / 基本满意 /
 * 不满意 with a comment, and says so plainly when the link is forged or expired. The page in headless Chromium
 * (Debian's {@code chromium} and {@code chromedriver}; skipped without them unless {@code -Dqihu.require-browser=true}).
 */
@QihuServiceTest
@TestPropertySource(properties = {"qihu.evaluation.poll-interval=1h", "qihu.evaluation.feedback.link-validity=3650d"})
class RatingPageTest extends ServiceTestSupport {

    private static final Path CHROMIUM = Path.of(System.getProperty("qihu.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("qihu.chromedriver", "/usr/bin/chromedriver"));

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
    }

    @Test
    void theLinkShowsTheAnswerAndWhatItInvitesToRateAndRefusesAForgedOne() {
        CaseBuilder aCase = awaitingARating("rating-page-api");
        String token = CaseBuilder.storedToken(mongo, aCase.caseId());
        String feedback = "/api/v1/cases/" + aCase.caseId() + "/feedback";

        http.get()
                .uri(feedback + "?token=" + token)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(page -> assertThat(page).contains("办理结果评价", "基本满意", "不满意"));
        http.get()
                .uri(feedback + "?token=" + token)
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.caseNumber")
                .isEqualTo(aCase.caseNumber())
                .jsonPath("$.round")
                .isEqualTo(1)
                .jsonPath("$.awaitingRating")
                .isEqualTo(true)
                .jsonPath("$.reply")
                .value(reply -> assertThat((String) reply).contains("已协调消防救援大队"));
        isProblem(
                        http.get()
                                .uri(feedback + "?token=" + forged(token))
                                .accept(MediaType.APPLICATION_JSON)
                                .exchange(),
                        HttpStatus.FORBIDDEN)
                .jsonPath("$.errors[0].field")
                .isEqualTo("token");
        isProblem(http.get().uri(feedback).accept(MediaType.APPLICATION_JSON).exchange(), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anEnterpriseRatesThroughThePageOnAPhone() throws Exception {
        assumeChromium();
        CaseBuilder aCase = awaitingARating("rating-page-browser");
        String link = localLink(
                mongo.findById(aCase.caseId(), EvaluatedCase.class).block().ratingLink());

        ChromeDriver browser = phone();
        try {
            browser.get(localLink(link.replace("token=", "token=" + "x")));
            WebElement refused = awaitShown(browser, By.id("message"));
            assertThat(refused.getText()).contains("无效或已过期");
            assertThat(browser.findElement(By.id("form")).isDisplayed()).isFalse();

            browser.get(link);
            awaitShown(browser, By.id("form"));
            assertThat(browser.findElement(By.id("caseNumber")).getText()).isEqualTo(aCase.caseNumber());
            browser.findElement(By.cssSelector("button[data-rating=BASICALLY_SATISFIED]"))
                    .click();
            browser.findElement(By.id("comment")).sendKeys("办理及时，验收还需跟进");
            Path screenshots = Path.of("target", "screenshots");
            Files.createDirectories(screenshots);
            Files.write(screenshots.resolve("rating-page-375.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.findElement(By.id("submit")).click();
            WebElement done = awaitShown(browser, By.id("message"));
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d -> done.getText().contains("评价已提交"));
            // The page fits a phone: nothing wider than the screen.
            assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth"))
                    .isLessThanOrEqualTo(375L);
        } finally {
            browser.quit();
        }

        EvaluatedCase rated =
                mongo.findById(aCase.caseId(), EvaluatedCase.class).block();
        assertThat(rated.state()).isEqualTo(CaseState.CLOSED);
        assertThat(rated.ratings()).singleElement().satisfies(entry -> {
            assertThat(entry.rating()).isEqualTo(Rating.BASICALLY_SATISFIED);
            assertThat(entry.comment()).isEqualTo("办理及时，验收还需跟进");
        });
    }

    private CaseBuilder awaitingARating(String label) {
        CaseBuilder aCase = aCase(label);
        publish(aCase.opened(), aCase.resolved(1));
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> mongo.findById(aCase.caseId(), EvaluatedCase.class)
                                .block(),
                        c -> Objects.nonNull(c) && c.state() == CaseState.AWAITING_FEEDBACK && c.ratingLink() != null);
        return aCase;
    }

    /** The link as issued, pointing at this test's server instead of the configured public address. */
    private String localLink(String link) {
        return link.replaceFirst("^https?://[^/]+", "http://localhost:" + port);
    }

    private static String forged(String token) {
        int dot = token.indexOf('.');
        return token.substring(0, dot + 1) + (token.charAt(dot + 1) == 'A' ? 'B' : 'A') + token.substring(dot + 2);
    }

    private static WebElement awaitShown(ChromeDriver browser, By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElements(locator).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null));
    }

    private static void assumeChromium() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        assertThat(!installed && Boolean.getBoolean("qihu.require-browser"))
                .as("qihu.require-browser is set but there is no %s or %s", CHROMIUM, CHROMEDRIVER)
                .isFalse();
        assumeTrue(
                installed, "no " + CHROMIUM + " or " + CHROMEDRIVER + "; the rating page was not tried in a browser");
    }

    /** Headless Chromium showing pages as a 375 × 740 phone does. */
    private static ChromeDriver phone() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=800,740");
        options.setExperimentalOption(
                "mobileEmulation",
                Map.of(
                        "deviceMetrics",
                        Map.of("width", 375, "height", 740, "pixelRatio", 1.0, "mobile", true, "touch", true)));
        return new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }
}
