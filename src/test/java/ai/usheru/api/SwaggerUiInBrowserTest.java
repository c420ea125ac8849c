package ai.usheru.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import ai.usheru.support.BrowserTest;

/**
 * The Swagger UI page renders the API's description for a signed-in admin in Chromium, under the UI's
 * Content-Security-Policy without a violation ({@link BrowserTest} checks the console), and the product's
 * own pages still work beside it.
 */
class SwaggerUiInBrowserTest extends BrowserTest {

    @Test
    void anAdminBrowsesTheApiDescriptionWithoutPolicyViolations() {
        browser.signIn(base(), ADMIN_EMAIL, ADMIN_PASSWORD, "/admin");

        browser.driver.get(base() + "/swagger-ui.html");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .info .title")));
        assertThat(browser.driver.findElement(By.cssSelector(".swagger-ui .info .title")).getText()).contains("usheru AI API");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));
        assertThat(browser.driver.findElements(By.cssSelector(".opblock-summary-path")))
                .as("the operations are listed").anyMatch(path -> path.getText().contains("/api/v1/ask"));
        assertThat(browser.driver.findElements(By.cssSelector(".swagger-ui .btn.authorize")))
                .as("the bearer scheme offers Authorize").isNotEmpty();
        assertThat(browser.policyViolations()).as("violations on the Swagger UI page").isEmpty();

        browser.driver.get(base() + "/chat");
        browser.waitForVaadin();
        assertThat(browser.driver.getCurrentUrl()).as("Vaadin's routes are still Vaadin's").endsWith("/chat");
    }
}
