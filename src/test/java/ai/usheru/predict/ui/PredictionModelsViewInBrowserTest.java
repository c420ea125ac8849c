package ai.usheru.predict.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.predict.ModelVersion;
import ai.usheru.predict.PredictionModelAdministration;
import ai.usheru.predict.PredictionModels;
import ai.usheru.support.BrowserTest;

/**
 * The prediction models view in Chromium with a film model's version selected, saved as screenshots at desktop and phone
 * sizes, and a pin made with the keyboard alone.
 */
class PredictionModelsViewInBrowserTest extends BrowserTest {

    @Autowired
    PredictionModels models;

    @Autowired
    PredictionModelAdministration administration;

    @Test
    void anAdminSeesAVersionsBacktestPinsItFromTheKeyboardAndReadsItOnAPhone() throws Exception {
        PredictionModels.NAMES.forEach(name -> models.resolve(name, null, null));
        // A candidate beside the approved versions, and a pin, so every part of the page has something to show.
        users.asAdmin(() -> administration.retrain(PredictionModels.SERIES_YEARLY));
        String clientName = "Screenshot Pictures " + UUID.randomUUID().toString().substring(0, 6);
        users.create(aUser().ofClient(clientName));
        ModelVersion opening = models.resolve(PredictionModels.FILM_OPENING_WEEK, null, null);
        users.asAdmin(() -> administration.pin(opening.id(), clientName, null));
        browser.signIn(base(), ADMIN_EMAIL, ADMIN_PASSWORD, "/admin");

        browser.driver.get(base() + "/admin/prediction-models");
        browser.wait.until(driver -> cell(PredictionModels.FILM_TOTAL_GROSS) != null);
        cell(PredictionModels.FILM_TOTAL_GROSS).click();
        browser.wait.until(driver -> !driver.findElements(By.cssSelector("#backtest-chart[data-rendered='true'] canvas")).isEmpty());
        assertThat(browser.driver.findElement(By.cssSelector("#version-detail h2")).getText()).startsWith(PredictionModels.FILM_TOTAL_GROSS);
        assertThat(browser.driver.findElements(By.cssSelector("#backtest-periods vaadin-grid-cell-content")).stream().map(WebElement::getText))
                .as("the backtest per test year").anyMatch(text -> text.startsWith("×"));

        browser.screenshot("e2e-prediction-models-desktop.png", 1280, 800);
        scrollTo("version-detail");
        browser.screenshot("e2e-prediction-models-detail-desktop.png", 1280, 800);

        // Pinning from the keyboard: type part of the client's name, arrow down to it, Enter to pick it, Enter to pin.
        browser.driver.findElement(By.id("pin-version")).click();
        WebElement client = browser.wait.until(driver -> driver.findElements(By.cssSelector("vaadin-combo-box#pin-client input")).stream()
                .findFirst().orElse(null));
        client.sendKeys(clientName.substring(0, 12));
        browser.wait.until(driver -> !driver.findElements(By.cssSelector("vaadin-combo-box-item")).isEmpty());
        client.sendKeys(Keys.ARROW_DOWN);
        client.sendKeys(Keys.ENTER);
        browser.wait.until(driver -> clientName.equals(client.getDomProperty("value")));
        browser.screenshot("e2e-prediction-models-pin-dialog-desktop.png", 1280, 800);
        client.sendKeys(Keys.ENTER);
        browser.wait.until(driver -> driver.findElements(By.cssSelector("vaadin-combo-box#pin-client")).isEmpty());
        browser.wait.until(driver -> driver.findElements(By.cssSelector("#model-pins vaadin-grid-cell-content")).stream()
                .filter(cell -> cell.getDomProperty("textContent").equals("client " + clientName)).count() == 2);
        scrollTo("model-pins");
        browser.screenshot("e2e-prediction-models-pins-desktop.png", 1280, 800);

        // On a phone the detail stacks below the versions, and tapping a version brings its detail into sight.
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        scrollTo("prediction-models-title");
        browser.screenshot("e2e-prediction-models-phone.png", 390, 844);
        cell(PredictionModels.FILM_OPENING_WEEK).click();
        browser.wait.until(driver -> driver.findElement(By.cssSelector("#version-detail h2")).getText()
                .startsWith(PredictionModels.FILM_OPENING_WEEK));
        browser.screenshot("e2e-prediction-models-detail-phone.png", 390, 844);
        assertThat(((Number) browser.driver.executeScript("return document.getElementById('version-detail').getBoundingClientRect().top"))
                .doubleValue())
                .as("the detail scrolled into sight").isLessThan(200);
    }

    private void scrollTo(String id) throws InterruptedException {
        browser.driver.executeScript("document.getElementById(arguments[0]).scrollIntoView({ block: 'start' })", id);
        Thread.sleep(300);
    }

    /** The first cell of the versions grid that reads {@code text}, or null while there is none. */
    private WebElement cell(String text) {
        return browser.driver.findElements(By.cssSelector("#model-versions vaadin-grid-cell-content")).stream()
                .filter(cell -> text.equals(cell.getDomProperty("textContent").strip())).findFirst().orElse(null);
    }
}
