package ai.usheru.support;

import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * A person at the keyboard, for the keyboard-only tests: keys sent to whatever has the focus (never a
 * click), Tab and Shift+Tab until the focus reaches an element, and where the focus is, looked up
 * through shadow roots (a grid's focused cell lives in the grid's shadow DOM).
 */
public final class Keyboard {

    private static final int MAX_TABS = 120;

    /** The focused element, followed into open shadow roots. */
    private static final String DEEP_ACTIVE = """
            let active = document.activeElement;
            while (active && active.shadowRoot && active.shadowRoot.activeElement) { active = active.shadowRoot.activeElement; }
            """;

    private final Browser browser;

    public Keyboard(Browser browser) {
        this.browser = browser;
    }

    public void press(CharSequence... keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    /** Presses Tab until the focused element matches {@code selector}, failing after {@value #MAX_TABS} presses. */
    public void tabTo(String selector) {
        tabTo(selector, null, Keys.TAB);
    }

    /** Presses Tab until the focused element matches {@code selector} and is inside {@code within}. */
    public void tabTo(String selector, WebElement within) {
        tabTo(selector, within, Keys.TAB);
    }

    /** Presses Shift+Tab until the focused element matches {@code selector}. */
    public void tabBackTo(String selector) {
        tabTo(selector, null, Keys.chord(Keys.SHIFT, Keys.TAB));
    }

    private void tabTo(String selector, WebElement within, CharSequence key) {
        browser.waitForVaadin();
        for (int presses = 0; presses < MAX_TABS; presses++) {
            if (within == null ? focusIsOn(selector) : focusIsIn(within, selector)) {
                return;
            }
            press(key);
        }
        throw new AssertionError("Tab never reached " + selector + " in " + MAX_TABS + " presses; the focus is on " + focused());
    }

    /**
     * In a grid, presses the right arrow until the focused cell holds an element matching {@code selector}
     * (an action column's button), failing after {@code atMost} presses.
     */
    public void arrowRightToCellHolding(String selector, int atMost) {
        browser.waitForVaadin();
        for (int presses = 0; presses < atMost; presses++) {
            if (focusIsOnCellHolding(selector)) {
                return;
            }
            press(Keys.ARROW_RIGHT);
        }
        throw new AssertionError("The arrows never reached a cell holding " + selector + "; the focus is on " + focused());
    }

    /** Waits until the focus is on an element matching {@code selector}, and says where it is if it never gets there. */
    public void awaitFocusOn(String selector) {
        try {
            browser.wait.until(driver -> focusIsOn(selector));
        } catch (TimeoutException e) {
            throw new AssertionError("The focus never reached " + selector + "; it is on " + focused(), e);
        }
    }

    /**
     * Whether the focused element matches {@code selector}: the document's own (a component's host) or the
     * one inside its shadow roots (a grid's cell).
     */
    public boolean focusIsOn(String selector) {
        return Boolean.TRUE.equals(browser.driver.executeScript(DEEP_ACTIVE + """
                const host = document.activeElement;
                return (!!host && host.matches(arguments[0])) || (!!active && active.matches(arguments[0]));
                """, selector));
    }

    public boolean focusIsIn(WebElement within, String selector) {
        return Boolean.TRUE.equals(browser.driver.executeScript("""
                const active = document.activeElement;
                return !!active && arguments[0].contains(active) && active.matches(arguments[1]);
                """, within, selector));
    }

    /** Whether the focus is in a grid cell whose content holds an element matching {@code selector}. */
    public boolean focusIsOnCellHolding(String selector) {
        return Boolean.TRUE.equals(browser.driver.executeScript(DEEP_ACTIVE
                + "return !!active && !!active._content && !!active._content.querySelector(arguments[0]);", selector));
    }

    /** The start of the focused element's markup, for a failure message. */
    public String focused() {
        return String.valueOf(browser.driver.executeScript(DEEP_ACTIVE + "return active && active.outerHTML.slice(0, 200);"));
    }
}
