package ai.usheru.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.spring.SpringServlet;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestHttp;

/**
 * The hardening headers on the UI's pages and the API's replies, HSTS and Secure cookies when a TLS
 * proxy says the request came over https, and the idle session timeout. (That Vaadin runs under the
 * policy without a single violation is checked in Chromium, in {@code ContentSecurityPolicyInBrowserTest}.)
 */
class SecurityHeadersTest extends IntegrationTest {

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    ServletRegistrationBean<SpringServlet> vaadinServlet;

    @Test
    void pagesCarryThePolicyAndTheHardeningHeadersButNoHstsOverPlainHttp() {
        TestHttp.Reply page = http().get("/login");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).isEqualTo(SecurityConfiguration.UI_CONTENT_SECURITY_POLICY)
                .contains("frame-ancestors 'none'", "object-src 'none'", "default-src 'self'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Permissions-Policy")).contains("camera=()", "microphone=()");
        assertThat(page.header("Strict-Transport-Security")).as("no HSTS over plain http").isNull();
        String cookie = page.header("Set-Cookie");
        assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
    }

    @Test
    void signingInGivesTheSessionANewIdSoAnIdPlantedBeforeIsWorthNothing() {
        TestHttp http = http();
        String before = sessionId(http.get("/login").header("Set-Cookie"));

        TestHttp.Reply signedIn = http.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

        assertThat(signedIn.status()).as("redirected into the product").isEqualTo(302);
        assertThat(signedIn.location()).doesNotContain("error");
        String after = sessionId(signedIn.header("Set-Cookie"));
        assertThat(after).isNotBlank().isNotEqualTo(before);
    }

    private static String sessionId(String setCookie) {
        assertThat(setCookie).as("a session cookie is set").startsWith("JSESSIONID=");
        return setCookie.substring("JSESSIONID=".length(), setCookie.indexOf(';'));
    }

    @Test
    void behindATlsProxyThePageGetsHstsAndASecureSessionCookie() {
        TestHttp.Reply page = http().getWithHeaders("/login", Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Strict-Transport-Security")).contains("max-age=").contains("includeSubDomains");
        assertThat(page.header("Set-Cookie")).contains("Secure", "HttpOnly");
    }

    @Test
    void apiRepliesMayNotRunOrBeFramedAndSendNoReferrer() {
        TestHttp.Reply health = http().get("/api/v1/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(health.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(health.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(health.header("Set-Cookie")).isNull();
    }

    @Test
    void sessionsEndAfterAnHourWithoutUseEvenWithTheirTabOpen() {
        http().get("/login");
        Context tomcat = (Context) ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().findChildren()[0];
        assertThat(tomcat.getSessionTimeout()).as("minutes (APP_SESSION_TIMEOUT)").isEqualTo(60);
        VaadinService service = vaadinServlet.getServlet().getService();
        assertThat(service.getDeploymentConfiguration().isCloseIdleSessions())
                .as("Vaadin's heartbeats must not keep an unused session alive").isTrue();
    }
}
