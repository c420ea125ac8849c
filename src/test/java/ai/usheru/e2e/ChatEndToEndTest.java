package ai.usheru.e2e;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/**
 * The chat in a real headless Chromium (the system's, with its ChromeDriver; nothing is downloaded):
 * sign in, ask, see rows and a drawn chart, follow up, edit the SQL and run it again, and keep
 * screenshots at desktop and phone size under target/.
 */
class ChatEndToEndTest extends IntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Autowired
    TestUsers users;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium package (.ci/run installs it)").exists();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver package (.ci/run installs it)").exists();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-features=Translate,OptimizationHints,MediaRouter", "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aUserAsksFollowsUpEditsTheSqlAndSeesChartsAndRows() throws Exception {
        var user = aUser();
        users.create(user);
        String base = "http://localhost:" + port;

        browser.get(base + "/login");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name='username']"))).sendKeys(user.email());
        browser.findElement(By.cssSelector("input[name='password']")).sendKeys(user.password());
        browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
        wait.until(ExpectedConditions.urlContains("/chat"));

        ask("Top 5 films by box office in Germany");
        WebElement first = waitForAnswer(1);
        assertThat(first.getText()).contains("Avatar");
        wait.until(driver -> first.findElements(By.cssSelector(".echart[data-rendered='true'] canvas")).size() == 1);
        assertThat(cellTexts(first)).contains("Avatar", "$288,037,274");

        ask("What about in France?");
        WebElement second = waitForAnswer(2);
        assertThat(second.getText()).contains("France");
        wait.until(driver -> second.findElements(By.cssSelector(".echart[data-rendered='true'] canvas")).size() == 1);

        second.findElement(By.cssSelector("vaadin-details.sql-panel vaadin-details-summary")).click();
        wait.until(ExpectedConditions.elementToBeClickable(second.findElement(By.cssSelector("vaadin-button.sql-edit")))).click();
        WebElement editor = wait.until(driver -> second.findElement(By.cssSelector("vaadin-text-area.sql-editor textarea")));
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys("SELECT region_code, SUM(gross_usd) AS gross_usd FROM box_office WHERE region_code IN ('FR', 'DE') "
                + "GROUP BY region_code ORDER BY region_code");
        second.findElement(By.cssSelector("vaadin-button.sql-run")).click();
        WebElement third = waitForAnswer(3);
        assertThat(cellTexts(third)).contains("DE", "FR");

        screenshot("e2e-chat-1280x800.png", 1280, 800);
        screenshot("e2e-chat-390x844.png", 390, 844);
        assertThat(Path.of("target", "e2e-chat-390x844.png")).isNotEmptyFile();
    }

    private void ask(String question) {
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#question textarea")));
        box.sendKeys(question);
        box.sendKeys(Keys.ENTER);
    }

    private WebElement waitForAnswer(int count) {
        wait.until(driver -> driver.findElements(By.cssSelector(".answer-card")).size() >= count);
        List<WebElement> cards = browser.findElements(By.cssSelector(".answer-card"));
        return cards.get(count - 1);
    }

    private static List<String> cellTexts(WebElement card) {
        return card.findElements(By.cssSelector("vaadin-grid-cell-content")).stream().map(WebElement::getText).toList();
    }

    private void screenshot(String name, int width, int height) throws Exception {
        browser.manage().window().setSize(new Dimension(width, height));
        ((JavascriptExecutor) browser).executeScript("window.dispatchEvent(new Event('resize'))");
        Thread.sleep(800);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
