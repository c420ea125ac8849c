package ai.usheru.e2e;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import ai.usheru.support.BrowserTest;

/**
 * The chat in a real headless Chromium:
 * sign in, ask, see how the question was read, rows and a drawn chart, follow up, edit the SQL and run
 * it again, and keep screenshots at desktop and phone size under target/ (e2e-reading-*, e2e-chat-*).
 */
class ChatEndToEndTest extends BrowserTest {

    @Test
    void aUserAsksFollowsUpEditsTheSqlAndSeesChartsAndRows() throws Exception {
        var user = aUser();
        users.create(user);
        String base = base();

        browser.signIn(base, user.email(), user.password(), "/chat");
        var wait = browser.wait;

        ask("Top 5 films by box office in Germany");
        WebElement first = waitForAnswer(1);
        assertThat(first.getText()).contains("Avatar");
        wait.until(driver -> first.findElements(By.cssSelector(".echart[data-rendered='true'] canvas")).size() == 1);
        assertThat(cellTexts(first)).contains("Avatar", "$288,037,274");

        // How the question was read, as chips above the figure, before the number is used.
        assertThat(first.findElements(By.cssSelector(".reading-chip")).stream().map(WebElement::getText).toList())
                .contains("Box office", "in Germany", "by film", "top 5");
        browser.driver.executeScript("arguments[0].scrollIntoView(true)", first);
        browser.screenshot("e2e-reading-1280x800.png", 1280, 800);
        browser.screenshot("e2e-reading-390x844.png", 390, 844);

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

        browser.screenshot("e2e-chat-1280x800.png", 1280, 800);
        browser.screenshot("e2e-chat-390x844.png", 390, 844);
        assertThat(Path.of("target", "e2e-chat-390x844.png")).isNotEmptyFile();
    }

    private void ask(String question) {
        WebElement box = browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#question textarea")));
        box.sendKeys(question);
        box.sendKeys(Keys.ENTER);
    }

    private WebElement waitForAnswer(int count) {
        browser.wait.until(driver -> driver.findElements(By.cssSelector(".answer-card")).size() >= count);
        List<WebElement> cards = browser.driver.findElements(By.cssSelector(".answer-card"));
        return cards.get(count - 1);
    }

    private static List<String> cellTexts(WebElement card) {
        return card.findElements(By.cssSelector("vaadin-grid-cell-content")).stream().map(WebElement::getText).toList();
    }
}
