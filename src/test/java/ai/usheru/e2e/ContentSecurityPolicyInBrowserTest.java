package ai.usheru.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import com.vaadin.flow.router.Route;

import ai.usheru.support.BrowserTest;

/**
 * Every view of the product runs in Chromium under the UI's Content-Security-Policy without one
 * violation in the console: the routes are found by scanning for {@code @Route}, so a new view is
 * checked without anyone remembering to add it here. (Flows with answers, charts, dialogs and edits
 * are checked by every other browser test, whose {@link BrowserTest} fails on any violation too.) A
 * screenshot of each view is kept under target/ (view-*.png) for review.
 */
class ContentSecurityPolicyInBrowserTest extends BrowserTest {

    @Test
    void everyViewRunsUnderThePolicyAndAViolationWouldBeSeen() throws Exception {
        String base = base();
        browser.driver.get(base + "/login");
        browser.waitForVaadin();
        browser.driver.get(base + "/invitation?token=not-a-real-token");
        browser.waitForVaadin();

        browser.signIn(base, ADMIN_EMAIL, ADMIN_PASSWORD, "/admin");
        List<String> routes = routes();
        assertThat(routes).contains("chat", "dashboard", "admin/users", "admin/usage", "admin/prediction-models");
        for (String route : routes) {
            browser.driver.get(base + "/" + route);
            browser.waitForVaadin();
            assertThat(browser.driver.findElements(By.cssSelector("vaadin-app-layout, vaadin-login-form, main, div")))
                    .as("%s rendered", route).isNotEmpty();
            assertThat(browser.policyViolations()).as("violations on /%s", route).isEmpty();
            browser.screenshot("view-" + (route.isEmpty() ? "home" : route.replace('/', '-')) + "-1280x800.png", 1280, 800);
        }

        // The check sees a violation when there is one: an image from another origin is refused.
        browser.driver.executeScript("""
                const image = document.createElement('img');
                image.src = 'https://images.example.invalid/poster.png';
                document.body.append(image);
                """);
        browser.wait.until(driver -> !browser.policyViolations().isEmpty());
        assertThat(browser.policyViolations().getFirst()).contains("img-src");
        browser.forgetPolicyViolations();
    }

    /** The path of every view without route parameters. */
    private static List<String> routes() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        return scanner.findCandidateComponents("ai.usheru").stream()
                .map(candidate -> {
                    try {
                        return Class.forName(candidate.getBeanClassName()).getAnnotation(Route.class).value();
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(Objects::nonNull)
                .filter(path -> !path.contains(":"))
                .sorted()
                .toList();
    }
}
