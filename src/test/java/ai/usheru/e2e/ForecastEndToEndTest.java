package ai.usheru.e2e;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import ai.usheru.support.BrowserTest;

/** A forecast in the chat: the sentence with its range and error, and the chart with history, forecast and band. */
class ForecastEndToEndTest extends BrowserTest {

    @Test
    void aForecastShowsItsRangeInWordsAndAsABand() throws Exception {
        WebElement card = askAndWaitForTheChart("Forecast next year's box office");
        assertThat(card.getText()).contains("80% range", "typically off by", "cannot know");
        Object series = ((JavascriptExecutor) browser.driver).executeScript(
                "return arguments[0].querySelector('.echart').__chart.getOption().series.map(s => s.name)", card);
        assertThat(series.toString()).contains("Actual", "Forecast", "80% range");

        browser.screenshot("e2e-forecast-1280x800.png", 1280, 800);
        browser.screenshot("e2e-forecast-390x844.png", 390, 844);
    }

    @Test
    void aDescribedFilmsForecastShowsItsRangeBesideEarlierFilmsLikeIt() throws Exception {
        WebElement card = askAndWaitForTheChart("Predict the opening week of a $100M PG-13 action film released in July 2011");
        assertThat(card.getText()).contains("Forecast opening week", "80% range", "typically off by a factor", "film-opening-week v");
        Object series = ((JavascriptExecutor) browser.driver).executeScript(
                "return arguments[0].querySelector('.echart').__chart.getOption().series.map(s => s.name)", card);
        assertThat(series.toString()).contains("Earlier films", "Forecast", "80% range");

        browser.screenshot("e2e-film-forecast-1280x800.png", 1280, 800);
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].querySelector('.echart').scrollIntoView({block: 'center'})", card);
        browser.screenshot("e2e-film-forecast-chart-1280x800.png", 1280, 800);
        browser.screenshot("e2e-film-forecast-390x844.png", 390, 844);
        Object overflowing = ((JavascriptExecutor) browser.driver).executeScript(
                "const right = arguments[0].getBoundingClientRect().right; return [...arguments[0].querySelectorAll('*')]"
                        + ".filter(e => !e.closest('vaadin-grid') && e.getBoundingClientRect().right > right + 1).map(e => e.tagName).join(' ')", card);
        assertThat(overflowing).as("nothing but the table's own scroller is wider than the card on a phone").isEqualTo("");
    }

    /** Signs a new user in, asks in the chat and waits for the answer's chart to be drawn. */
    private WebElement askAndWaitForTheChart(String question) {
        var user = aUser();
        users.create(user);
        browser.signIn(base(), user.email(), user.password(), "/chat");
        WebElement box = browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#question textarea")));
        box.sendKeys(question);
        box.sendKeys(Keys.ENTER);
        browser.wait.until(driver -> !driver.findElements(By.cssSelector(".answer-card")).isEmpty());
        WebElement card = browser.driver.findElement(By.cssSelector(".answer-card"));
        browser.wait.until(driver -> card.findElements(By.cssSelector(".echart[data-rendered='true'] canvas")).size() == 1);
        return card;
    }
}
