package ai.usheru.e2e;

import static ai.usheru.db.Tables.VERIFIED_EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.memory.Recall;
import ai.usheru.memory.Threads;
import ai.usheru.support.BrowserTest;
import ai.usheru.support.Keyboard;

/**
 * The admin console from the keyboard alone (Selenium sends keys, never a click): sign in, go to the
 * users through the navigation, create a user in the form, find it with the filter and open its Edit
 * action in the grid; and Escape closes the admin dialogs with the focus back where it was.
 */
class KeyboardOnlyAdminEndToEndTest extends BrowserTest {

    private static final String OPEN_DIALOG = "vaadin-dialog[opened], vaadin-confirm-dialog[opened]";

    @Autowired
    private Threads threads;

    @Autowired
    private Recall recall;

    @Autowired
    private DSLContext db;

    private Keyboard keyboard;

    @Test
    void anAdminCreatesAUserAndOpensItsEditActionInTheGridWithTheKeyboardOnly() {
        keyboard = new Keyboard(browser);
        String email = "keyboard-" + System.nanoTime() % 1_000_000 + "@client.test";

        signInWithTheKeyboard();

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

    /**
     * The admin console's dialogs (the user form opened from New user, from Invite and from a row's Edit
     * button; the language-model form; a confirmation opened from a grid row): Escape closes it and the focus is back on the element
     * that opened it. The chat's rename dialog is checked the same way in KeyboardOnlyEndToEndTest.
     */
    @Test
    void escapeClosesEachDialogAndGivesTheFocusBackToTheElementThatOpenedIt() {
        keyboard = new Keyboard(browser);
        signInWithTheKeyboard();
        browser.driver.get(base() + "/admin/users");
        browser.waitForVaadin();

        keyboard.tabTo("#new-user");
        enterOpensADialogThatEscapeClosesBackToItsOpener("New user");
        keyboard.tabBackTo("#invite-user");
        enterOpensADialogThatEscapeClosesBackToItsOpener("Invite");
        keyboard.tabTo("td[part~='body-cell']");
        keyboard.arrowRightToCellHolding("vaadin-button[aria-label^='Edit ']", 12);
        keyboard.press(Keys.ENTER);
        enterOpensADialogThatEscapeClosesBackToItsOpener("Edit (in the users' grid)");

        browser.driver.get(base() + "/admin/models");
        browser.waitForVaadin();
        keyboard.tabTo("#new-model");
        enterOpensADialogThatEscapeClosesBackToItsOpener("New model");

        // A confirmation (Vaadin's ConfirmDialog): removing a verified example, which Escape cancels.
        String question = "Which films opened in week " + System.nanoTime() % 1_000_000 + "?";
        UUID example = threads.addVerifiedExample(question, "SELECT title FROM films", "usheru_data_mart", null);
        try {
            browser.driver.get(base() + "/admin/examples");
            browser.waitForVaadin();
            String remove = "vaadin-button[aria-label='Remove " + question + "']";
            keyboard.tabTo("td[part~='body-cell']");
            keyboard.arrowRightToCellHolding(remove, 12);
            keyboard.press(Keys.ENTER);
            enterOpensADialogThatEscapeClosesBackToItsOpener("Remove (a confirmation)");
            assertThat(db.fetchExists(VERIFIED_EXAMPLES, VERIFIED_EXAMPLES.ID.eq(example))).as("Escape cancels the removal").isTrue();
        } finally {
            db.deleteFrom(VERIFIED_EXAMPLES).where(VERIFIED_EXAMPLES.ID.eq(example)).execute();
            recall.forgetExample(example);
        }
    }

    /** Enter on the focused element opens a dialog; Escape closes it and the focus is back on that element. */
    private void enterOpensADialogThatEscapeClosesBackToItsOpener(String opened) {
        WebElement opener = (WebElement) browser.driver.executeScript("return document.activeElement");
        keyboard.press(Keys.ENTER);
        awaitDialog();
        browser.wait.until(driver -> Boolean.FALSE.equals(browser.driver.executeScript("return document.activeElement === arguments[0]", opener)));
        browser.waitForVaadin();
        keyboard.press(Keys.ESCAPE);
        awaitNoDialog();
        try {
            browser.wait.until(driver -> Boolean.TRUE.equals(browser.driver.executeScript("return document.activeElement === arguments[0]", opener)));
        } catch (TimeoutException e) {
            throw new AssertionError("After Escape closed the dialog " + opened + " opened, the focus is on " + keyboard.focused()
                    + ", not on " + opened, e);
        }
    }

    private void signInWithTheKeyboard() {
        browser.driver.get(base() + "/login");
        browser.waitForVaadin();
        keyboard.tabTo("input[name='username']");
        keyboard.press(ADMIN_EMAIL, Keys.TAB, ADMIN_PASSWORD, Keys.ENTER);
        browser.wait.until(driver -> driver.getCurrentUrl().contains("/admin"));
        browser.waitForVaadin();
    }

    private WebElement awaitDialog() {
        return browser.wait.until(driver -> {
            List<WebElement> open = driver.findElements(By.cssSelector(OPEN_DIALOG));
            return open.isEmpty() ? null : open.getFirst();
        });
    }

    private void awaitNoDialog() {
        browser.wait.until(driver -> driver.findElements(By.cssSelector(OPEN_DIALOG)).isEmpty());
        browser.waitForVaadin();
    }
}
