package ai.usheru.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium driven through its ChromeDriver (Debian's chromium and chromium-driver;
 * nothing is downloaded), with the flags this closed network needs, a sign-in through the real login
 * form, screenshots under target/, and the page's Content-Security-Policy violations as Chromium reports
 * them in its console.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    public final ChromeDriver driver;
    public final WebDriverWait wait;
    private final List<String> policyViolations = new ArrayList<>();

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    public static Browser start() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium package (.ci/run installs it)").exists();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver package (.ci/run installs it)").exists();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-features=Translate,OptimizationHints,MediaRouter", "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    /** Signs in on the login page and waits for the page a person of that role lands on. */
    public void signIn(String base, String email, String password, String landing) {
        driver.get(base + "/login");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name='username']"))).sendKeys(email);
        driver.findElement(By.cssSelector("input[name='password']")).sendKeys(password);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
        wait.until(ExpectedConditions.urlContains(landing));
    }

    /**
     * Every Content-Security-Policy violation Chromium has reported since the browser started, across
     * page loads (its console log is read and kept here, since reading it empties it).
     */
    public List<String> policyViolations() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getMessage().contains("Content Security Policy")) {
                policyViolations.add(entry.getMessage());
            }
        }
        return List.copyOf(policyViolations);
    }

    /** Forgets the violations seen so far (for a test that provokes one on purpose). */
    public void forgetPolicyViolations() {
        policyViolations();
        policyViolations.clear();
    }

    /** Waits until Vaadin's client engine has loaded and has no request to the server in flight. */
    public void waitForVaadin() {
        wait.until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("""
                const flow = window.Vaadin && window.Vaadin.Flow;
                if (!flow || !flow.clients || Object.keys(flow.clients).length === 0) { return false; }
                return Object.values(flow.clients).every(client => !client.isActive || !client.isActive());
                """)));
    }

    public void screenshot(String name, int width, int height) throws Exception {
        driver.manage().window().setSize(new Dimension(width, height));
        ((JavascriptExecutor) driver).executeScript("window.dispatchEvent(new Event('resize'))");
        Thread.sleep(800);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
