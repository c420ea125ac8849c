package ai.usheru.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import ai.usheru.support.BrowserTest;
import ai.usheru.support.Keyboard;

/**
 * The admin console from the keyboard alone (Selenium sends keys, never a click): sign in, go to the
 * users through the navigation, create a user in the form, find it with the filter and open its Edit
 * action in the grid.
 */
class KeyboardOnlyAdminEndToEndTest extends BrowserTest {

    private Keyboard keyboard;

    @Test
    void anAdminCreatesAUserAndOpensItsEditActionInTheGridWithTheKeyboardOnly() {
        keyboard = new Keyboard(browser);
        String email = "keyboard-" + System.nanoTime() % 1_000_000 + "@client.test";

        browser.driver.get(base() + "/login");
        browser.waitForVaadin();
        keyboard.tabTo("input[name='username']");
        keyboard.press(ADMIN_EMAIL, Keys.TAB, ADMIN_PASSWORD, Keys.ENTER);
        browser.wait.until(driver -> driver.getCurrentUrl().contains("/admin"));
        browser.waitForVaadin();

        // The users, from the admin console's navigation.
        keyboard.tabTo("vaadin-side-nav-item[path*='admin/users']");
        keyboard.press(Keys.ENTER);
        browser.wait.until(driver -> driver.getCurrentUrl().endsWith("/admin/users") && !driver.findElements(By.id("new-user")).isEmpty());

        // New user: the form opens with the focus in the e-mail field; Tab goes from field to field and
        // Space on Create user saves.
        keyboard.tabTo("#new-user");
        keyboard.press(Keys.ENTER);
        keyboard.awaitFocusOn("vaadin-email-field input");
        keyboard.press(email, Keys.TAB);
        assertThat(keyboard.focusIsOn("vaadin-password-field input")).as("Tab goes from the e-mail to the password").isTrue();
        keyboard.press("a-keyboard-password-1");
        keyboard.tabTo("#create-user");
        keyboard.press(Keys.SPACE);
        awaitNoDialog();
        keyboard.awaitFocusOn("#new-user");

        // Find the new user with the filter, then in the grid: Tab reaches the header, then the first row;
        // the arrows go to the Edit cell, Enter puts the focus on its button and Enter presses it.
        String edit = "vaadin-button[aria-label='Edit " + email + "']";
        keyboard.tabBackTo("#user-filter input");
        keyboard.press(email);
        // One query while the grid re-renders, so no element goes stale between finding and reading it.
        browser.wait.until(driver -> Boolean.TRUE.equals(browser.driver.executeScript("""
                const shown = [...document.querySelectorAll("vaadin-button[aria-label^='Edit ']")].filter(button => button.offsetParent !== null);
                return shown.length === 1 && shown[0].matches(arguments[0]);
                """, edit)));
        keyboard.tabTo("td[part~='body-cell']");
        keyboard.arrowRightToCellHolding(edit, 12);
        keyboard.press(Keys.ENTER);
        assertThat(keyboard.focusIsOn(edit)).as("Enter on the Edit cell puts the focus on its button, not %s", keyboard.focused()).isTrue();
        keyboard.press(Keys.ENTER);
        WebElement dialog = awaitDialog();
        assertThat(dialog.getDomProperty("headerTitle")).as("the dialog the Edit button opened").isEqualTo("Edit " + email);
    }

    private WebElement awaitDialog() {
        return browser.wait.until(driver -> {
            List<WebElement> open = driver.findElements(By.cssSelector("vaadin-dialog[opened]"));
            return open.isEmpty() ? null : open.getFirst();
        });
    }

    private void awaitNoDialog() {
        browser.wait.until(driver -> driver.findElements(By.cssSelector("vaadin-dialog[opened]")).isEmpty());
        browser.waitForVaadin();
    }
}
