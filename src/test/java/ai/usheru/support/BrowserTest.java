package ai.usheru.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole application with a fresh headless Chromium ({@link Browser}) for each test. Every browser
 * test also checks that the pages it went through ran under the Content-Security-Policy without a
 * single violation.
 */
public abstract class BrowserTest extends IntegrationTest {

    @Autowired
    protected TestUsers users;

    protected Browser browser;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterEach
    void stopBrowser() {
        if (browser == null) {
            return;
        }
        try {
            assertThat(browser.policyViolations()).as("Content-Security-Policy violations in the console").isEmpty();
        } finally {
            browser.close();
        }
    }

    protected String base() {
        return "http://localhost:" + port;
    }
}
