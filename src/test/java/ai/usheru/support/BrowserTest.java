package ai.usheru.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** The whole application with a fresh headless Chromium ({@link Browser}) for each test. */
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
        if (browser != null) {
            browser.close();
        }
    }

    protected String base() {
        return "http://localhost:" + port;
    }
}
