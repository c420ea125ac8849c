package ai.usheru.e2e;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.accounts.AccountService;
import ai.usheru.support.BrowserTest;

/**
 * The admin console in a real headless Chromium: the usage and cost report draws its chart for what
 * was asked today, and a user's quota is changed in the user dialog; screenshots at desktop and phone
 * size under target/.
 */
class AdminConsoleEndToEndTest extends BrowserTest {

    @Autowired
    AccountService accounts;

    @Test
    void anAdminReadsTodaysUsageAndRaisesAUsersQuota() throws Exception {
        var user = aUser().ofClient("Delta Cinemas");
        users.create(user);
        String token = http().token(user.email(), user.password());
        assertThat(http().postJson("/api/v1/ask", Map.of("question", "Top 5 films by box office"), token).status()).isEqualTo(200);
        String base = base();
        browser.signIn(base, ADMIN_EMAIL, ADMIN_PASSWORD, "/admin");

        browser.driver.get(base + "/admin/usage");
        browser.wait.until(driver -> driver.findElements(By.cssSelector(".echart[data-rendered='true'] canvas")).size() == 1);
        // Other tests ask today too, so only what this one adds is certain: at least its own question.
        String questions = browser.driver.findElement(By.cssSelector("#usage-questions .kpi-value")).getText().replace(",", "");
        assertThat(Long.parseLong(questions)).isPositive();
        assertThat(browser.driver.findElements(By.cssSelector("vaadin-grid-cell-content")).stream().map(WebElement::getText))
                .contains("Questions", "Cost");
        browser.screenshot("e2e-usage-1280x800.png", 1280, 800);
        browser.screenshot("e2e-usage-390x844.png", 390, 844);
        browser.driver.manage().window().setSize(new Dimension(1280, 800));

        browser.driver.get(base + "/admin/users");
        browser.wait.until(driver -> !driver.findElements(By.cssSelector("vaadin-button[aria-label='Edit " + user.email() + "']")).isEmpty());
        browser.driver.findElement(By.cssSelector("vaadin-button[aria-label='Edit " + user.email() + "']")).click();
        WebElement questionsPerDay = browser.wait.until(
                driver -> driver.findElement(By.cssSelector("#quota-queries-per-day input")));
        browser.screenshot("e2e-edit-user-1280x800.png", 1280, 800);
        browser.screenshot("e2e-edit-user-390x844.png", 390, 844);
        questionsPerDay.sendKeys("40");
        questionsPerDay.sendKeys(Keys.ENTER);
        browser.wait.until(driver -> driver.findElements(By.cssSelector("#quota-queries-per-day")).isEmpty());

        var changed = users.asAdmin(() -> accounts.list()).stream().filter(account -> account.email().equals(user.email()))
                .findFirst().orElseThrow();
        assertThat(changed.quota().queriesPerDay()).isEqualTo(40);
    }

    @Test
    void aThrottledSignInIsToldHowLongToWaitAndTheAdminClearsIt(@Autowired ai.usheru.accounts.SignInThrottle throttle) throws Exception {
        var user = aUser();
        users.create(user);
        String base = base();
        for (int attempt = 0; attempt < 5; attempt++) {
            http().signIn(user.email(), "wrong-" + attempt);
        }
        var form = http().signIn(user.email(), user.password());
        assertThat(form.location()).contains("/login?throttled=");
        browser.driver.get(form.location().startsWith("http") ? form.location() : base + form.location());
        browser.wait.until(driver -> driver.findElement(By.tagName("vaadin-login-form")).getText().contains("Too many failed sign-ins"));
        browser.screenshot("e2e-login-throttled-1280x800.png", 1280, 800);
        browser.screenshot("e2e-login-throttled-390x844.png", 390, 844);
        browser.driver.manage().window().setSize(new Dimension(1280, 800));

        browser.signIn(base, ADMIN_EMAIL, ADMIN_PASSWORD, "/admin/users");
        By clear = By.cssSelector("vaadin-button[aria-label='Clear the failed sign-ins of " + user.email() + "']");
        WebElement button = browser.wait.until(driver -> driver.findElement(clear));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        browser.screenshot("e2e-sign-in-throttles-1280x800.png", 1280, 800);
        browser.screenshot("e2e-sign-in-throttles-390x844.png", 390, 844);
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
        browser.driver.findElement(clear).click();
        // The grid hides rather than removes its rows when it empties, so the state is what tells.
        browser.wait.until(driver -> throttle.retryAfter(user.email(), "192.0.2.1").isEmpty());
        // Asked in the page, in one go: the grid re-renders its rows, so element handles may go stale between calls.
        browser.wait.until(driver -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll(arguments[0])].every(e => e.offsetParent === null)",
                "vaadin-button[aria-label='Clear the failed sign-ins of " + user.email() + "']"));
    }
}
