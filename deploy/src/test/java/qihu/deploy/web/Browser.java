package qihu.deploy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through Debian's chromedriver ({@code chromium} and {@code chromium-driver}), both named
 * explicitly so that Selenium never looks for a driver on the network. Without them the browser tests are skipped,
 * unless {@code -Dqihu.require-browser=true} (set by .ci/run, which installs them): then they fail. Other paths:
 * {@code -Dqihu.chromium=…}, {@code -Dqihu.chromedriver=…}.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("qihu.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("qihu.chromedriver", "/usr/bin/chromedriver"));
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Skips the calling test when there is no Chromium, or fails it when one is required. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            assertThat(Boolean.getBoolean("qihu.require-browser"))
                    .as(
                            "no %s or %s, but qihu.require-browser is set: install Debian's 'chromium' and"
                                    + " 'chromium-driver'",
                            CHROMIUM, CHROMEDRIVER)
                    .isFalse();
            assumeTrue(
                    false,
                    "no " + CHROMIUM + " or " + CHROMEDRIVER + "; the browser tests did not run"
                            + " (Debian: apt-get install chromium chromium-driver)");
        }
    }

    /**
     * A fresh browser (its own profile: no cookies, nobody signed in) showing pages as a phone of this size does
     * (device emulation: a desktop window is never narrower than 500 pixels).
     */
    public static Browser open(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--window-size=" + Math.max(width, 800) + "," + height);
        options.setExperimentalOption(
                "mobileEmulation",
                Map.of(
                        "deviceMetrics",
                        Map.of("width", width, "height", height, "pixelRatio", 1.0, "mobile", true, "touch", true)));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(String url) {
        driver.get(url);
    }

    /** Waits until the condition holds (a value other than null or false), and returns it. */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage(what).until(condition);
    }

    public WebElement awaitElement(String what, By locator) {
        return await(
                what,
                d -> d.findElements(locator).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null));
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Signs in through the sign-in's own login form, as a person would. */
    public void signInAtTheForm(String username, String password) {
        awaitElement("the sign-in's login form", By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit], input[type=submit]"))
                .click();
    }

    /** A PNG of what the window shows. */
    public Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
