package ai.usheru.insights;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.accounts.NotificationService;
import ai.usheru.mail.MailMessage;
import ai.usheru.support.BrowserTest;

/**
 * The digest as a mail program shows it (its HTML with the inline charts, rendered by Chromium, light
 * and dark) and the Insights view, each saved as screenshots at desktop and phone sizes.
 */
class InsightsInBrowserTest extends BrowserTest {

    private static final LocalDate WEEK = LocalDate.parse("2010-06-14");

    @Autowired
    InsightService insights;

    @Autowired
    DigestSender digests;

    @Autowired
    DigestMail mails;

    @Autowired
    NotificationService notifications;

    @Test
    void theDigestReadsWellInLightAndDarkOnADesktopAndAPhone() throws Exception {
        var reader = users.create(aUser());
        var subscriber = notifications.subscribers().stream()
                .filter(candidate -> candidate.account().id().equals(reader.id())).findFirst().orElseThrow();
        List<Insight> chosen = digests.choose(insights.insights(insights.scopeOf(reader), WEEK));
        MailMessage mail = mails.compose(subscriber, WEEK, chosen);

        String html = mail.html();
        for (MailMessage.InlineImage image : mail.images()) {
            html = html.replace("cid:" + image.contentId(), "data:image/png;base64," + Base64.getEncoder().encodeToString(image.png()));
        }
        Path page = Path.of("target", "digest-preview.html").toAbsolutePath();
        Files.writeString(page, html);
        Files.writeString(Path.of("target", "digest-preview.txt"), mail.text());
        browser.driver.get(page.toUri().toString());
        browser.wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                "return [...document.images].every(image => image.complete && image.naturalWidth > 0)"));
        assertThat(browser.driver.findElements(By.cssSelector(".card"))).hasSize(chosen.size());
        assertThat(browser.driver.findElements(By.cssSelector("img"))).hasSize(mail.images().size());
        browser.screenshot("e2e-digest-1280x800.png", 1280, 800);
        browser.screenshot("e2e-digest-390x844.png", 390, 844);

        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        String background = (String) ((JavascriptExecutor) browser.driver).executeScript(
                "return getComputedStyle(document.body).backgroundColor");
        assertThat(background).as("the dark palette applies").isEqualTo("rgb(17, 20, 24)");
        browser.screenshot("e2e-digest-dark-390x844.png", 390, 844);
    }

    @Test
    void theInsightsViewShowsTheWeeksCardsWithCharts() throws Exception {
        var reader = aUser();
        users.create(reader);
        browser.signIn(base(), reader.email(), reader.password(), "/chat");

        browser.driver.get(base() + "/insights?week=" + WEEK);
        browser.wait.until(driver -> !driver.findElements(By.cssSelector(".insight-card img.insight-chart")).isEmpty());
        assertThat(browser.driver.findElement(By.id("insights-summary")).getText()).contains("week of 14 June 2010");
        browser.screenshot("e2e-insights-1280x800.png", 1280, 800);
        browser.screenshot("e2e-insights-390x844.png", 390, 844);

        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        browser.driver.get(base() + "/dashboard");
        browser.wait.until(driver -> driver.findElements(By.cssSelector(".echart[data-rendered='true'] canvas")).size() == 3);
        var cards = browser.driver.findElements(By.cssSelector(".kpi-card"));
        assertThat(cards).hasSize(3);
        assertThat(cards.stream().map(card -> card.getLocation().getY()).distinct()).as("the three figure cards share one row").hasSize(1);
        browser.screenshot("e2e-dashboard-1280x800.png", 1280, 800);
    }

    @Test
    void anAdminSeesTheRunsAndEveryoneTheirDigestSettings() throws Exception {
        users.asAdmin(() -> insights.runNow(WEEK, false));
        browser.signIn(base(), ADMIN_EMAIL, ADMIN_PASSWORD, "/admin");

        browser.driver.get(base() + "/admin/insights");
        browser.wait.until(driver -> !driver.findElements(By.cssSelector("#insight-runs vaadin-grid-cell-content")).isEmpty());
        assertThat(browser.driver.findElements(By.cssSelector("#insight-runs vaadin-grid-cell-content")).stream()
                .map(org.openqa.selenium.WebElement::getText)).contains("2010-06-14", "admin");
        browser.screenshot("e2e-insight-runs-1280x800.png", 1280, 800);
        browser.screenshot("e2e-insight-runs-390x844.png", 390, 844);

        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        browser.driver.get(base() + "/account");
        browser.wait.until(driver -> !driver.findElements(By.id("weekly-digest")).isEmpty());
        browser.screenshot("e2e-account-1280x800.png", 1280, 800);
        browser.screenshot("e2e-account-390x844.png", 390, 844);
    }
}
