package ai.usheru.e2e;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import ai.usheru.support.BrowserTest;
import ai.usheru.support.Keyboard;

/**
 * The chat from the keyboard alone (Selenium sends keys, never a click): sign in, skip to the content,
 * ask, hear the answer in the live region, switch the chart type, open the SQL, re-run it, download the
 * rows as CSV, rate the answer, and rename a conversation in a dialog that Escape closes, giving the focus
 * back. Screenshots of focus states and of the dark theme at desktop and phone width go to target/a11y-*.png.
 */
class KeyboardOnlyEndToEndTest extends BrowserTest {

    private Keyboard keyboard;

    @Test
    void aUserSignsInAsksOpensAndRerunsTheSqlAndDownloadsTheCsvWithTheKeyboardOnly() throws Exception {
        keyboard = new Keyboard(browser);
        var user = aUser();
        users.create(user);
        Path downloads = Files.createTempDirectory("usheru-downloads");
        browser.driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));

        // Sign in: Tab to the e-mail field, type, Tab, type the password, Enter.
        browser.driver.get(base() + "/login");
        browser.waitForVaadin();
        keyboard.tabTo("input[name='username']");
        keyboard.press(user.email(), Keys.TAB, user.password(), Keys.ENTER);
        browser.wait.until(driver -> driver.getCurrentUrl().contains("/chat"));
        browser.waitForVaadin();

        // Ask: the chat puts the focus in the question box, Enter sends; the live region then says the
        // answer's sentence.
        assertThat(keyboard.focusIsOn("#question textarea")).as("the chat opens with the focus in the question box").isTrue();
        browser.screenshot("a11y-focus-question-1280x800.png", 1280, 800);
        keyboard.press("Top 5 films by box office in Germany", Keys.ENTER);
        WebElement first = answer(1);
        String sentence = first.findElement(By.cssSelector(".answer-text")).getText();
        assertThat(sentence).contains("Avatar");
        browser.wait.until(driver -> sentence.equals(
                driver.findElement(By.cssSelector("#answer-announcer[aria-live='polite']")).getText()));

        // Switch the chart type: Tab reaches the checked type, the right arrow picks the next one.
        keyboard.tabTo(".chart-switcher input[type='radio']", first);
        String typeBefore = checkedChartType(first);
        keyboard.press(Keys.ARROW_RIGHT);
        browser.wait.until(driver -> !typeBefore.equals(checkedChartType(first)));
        String typeAfter = checkedChartType(first).toLowerCase(java.util.Locale.ROOT);
        browser.wait.until(driver -> typeAfter.equals(browser.driver.executeScript(
                "const chart = arguments[0].querySelector('.echart'); return chart.__chart && chart.__chart.getOption().series[0].type;", first)));
        browser.screenshot("a11y-focus-chart-type-1280x800.png", 1280, 800);

        // Open the SQL, edit and run it again, all by keyboard.
        keyboard.tabTo(".answer-card vaadin-details.sql-panel vaadin-details-summary");
        browser.screenshot("a11y-focus-sql-summary-1280x800.png", 1280, 800);
        keyboard.press(Keys.SPACE);
        browser.wait.until(driver -> first.findElement(By.cssSelector("vaadin-details.sql-panel")).getDomProperty("opened").equals("true"));
        keyboard.tabTo(".answer-card vaadin-button.sql-edit");
        keyboard.press(Keys.ENTER);
        browser.wait.until(driver -> keyboard.focusIsOn(".sql-editor textarea"));
        keyboard.tabTo(".answer-card vaadin-button.sql-run");
        browser.screenshot("a11y-focus-sql-run-1280x800.png", 1280, 800);
        keyboard.press(Keys.ENTER);
        WebElement second = answer(2);
        assertThat(second.findElements(By.cssSelector("vaadin-grid-cell-content")).stream().map(WebElement::getText))
                .contains("Avatar");

        // Download the rows of the re-run answer as CSV.
        keyboard.tabTo("a.csv-download", second);
        browser.screenshot("a11y-focus-csv-1280x800.png", 1280, 800);
        keyboard.press(Keys.ENTER);
        Path csv = awaitDownload(downloads);
        assertThat(Files.readString(csv)).as("the downloaded CSV").contains("Avatar");

        // Rate the re-run answer: Enter on Helpful; the button then says it is pressed, and Not helpful is off.
        keyboard.tabTo("vaadin-button.thumbs-up", second);
        keyboard.press(Keys.ENTER);
        browser.wait.until(driver -> "true".equals(second.findElement(By.cssSelector("vaadin-button.thumbs-up")).getDomAttribute("aria-pressed")));
        assertThat(second.findElement(By.cssSelector("vaadin-button.thumbs-down")).getDomAttribute("disabled"))
                .as("Not helpful is disabled once Helpful is chosen").isNotNull();

        // Rename the conversation: Escape closes the dialog and the focus returns to the rename button.
        keyboard.tabTo(".thread-row vaadin-button[aria-label^='Rename']");
        String opener = (String) browser.driver.executeScript("return document.activeElement.getAttribute('aria-label')");
        keyboard.press(Keys.ENTER);
        browser.wait.until(driver -> keyboard.focusIsOn("#thread-title-field input"));
        browser.screenshot("a11y-focus-rename-dialog-1280x800.png", 1280, 800);
        keyboard.press(Keys.ESCAPE);
        browser.wait.until(driver -> driver.findElements(By.cssSelector("vaadin-dialog[opened]")).isEmpty());
        browser.wait.until(driver -> opener.equals(
                browser.driver.executeScript("return document.activeElement && document.activeElement.getAttribute('aria-label')")));

        // The dark theme from its button, at desktop and phone width.
        keyboard.tabTo("#theme-toggle");
        browser.screenshot("a11y-focus-theme-toggle-1280x800.png", 1280, 800);
        keyboard.press(Keys.ENTER);
        browser.wait.until(driver -> "dark".equals(browser.driver.executeScript("return document.documentElement.getAttribute('theme')")));
        browser.screenshot("a11y-dark-chat-1280x800.png", 1280, 800);
        browser.screenshot("a11y-dark-chat-390x844.png", 390, 844);
        browser.driver.get(base() + "/dashboard");
        browser.waitForVaadin();
        browser.wait.until(driver -> driver.findElements(By.cssSelector(".echart[data-rendered='true'] canvas")).size() == 3);

        // On a view that does not place the focus, the first Tab stop is the skip link; Enter moves the focus
        // to the view (main), from where the keys scroll it.
        keyboard.press(Keys.TAB);
        assertThat(keyboard.focusIsOn("#skip-link")).as("the first Tab stop is the skip link").isTrue();
        browser.screenshot("a11y-focus-skip-link-dark-1280x800.png", 1280, 800);
        keyboard.press(Keys.ENTER);
        assertThat(keyboard.focusIsOn("main#main-content")).as("the skip link moves the focus into main").isTrue();
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        keyboard.press(Keys.PAGE_DOWN);
        browser.wait.until(driver -> ((Number) browser.driver.executeScript("""
                const layout = document.querySelector('vaadin-app-layout');
                const scroller = layout.shadowRoot.querySelector("[part~='content']");
                return scroller ? scroller.scrollTop : -1;
                """)).intValue() > 0);
        browser.screenshot("a11y-dark-dashboard-1280x800.png", 1280, 800);
        browser.screenshot("a11y-dark-dashboard-390x844.png", 390, 844);
    }

    private String checkedChartType(WebElement answer) {
        return String.valueOf(browser.driver.executeScript(
                "const checked = arguments[0].querySelector('.chart-switcher vaadin-radio-button[checked]'); return checked && checked.textContent.trim();",
                answer));
    }

    private WebElement answer(int count) {
        browser.wait.until(driver -> driver.findElements(By.cssSelector(".answer-card")).size() >= count);
        List<WebElement> cards = browser.driver.findElements(By.cssSelector(".answer-card"));
        return cards.get(count - 1);
    }

    private Path awaitDownload(Path directory) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(directory)) {
                var done = files.filter(file -> file.toString().endsWith(".csv")).findFirst();
                if (done.isPresent() && Files.size(done.get()) > 0) {
                    return done.get();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No CSV was downloaded into " + directory);
    }
}
