package ai.usheru.accounts;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.mail.Mailer;
import ai.usheru.mail.OutboxMail;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/** Sign-in through the real form and the real magic-link endpoints, over HTTP with a cookie session. */
class SignInTest extends IntegrationTest {

    private static final Pattern LINK = Pattern.compile("(http://\\S+/login/ott\\?token=\\S+)");

    @Autowired
    TestUsers users;

    @Autowired
    Mailer mailer;

    @Test
    void theFormSignsInAUserWhoCanThenOpenTheChat() {
        var user = aUser();
        users.create(user);
        var browser = http();

        assertThat(browser.get("/chat").status()).as("before sign-in the chat redirects").isEqualTo(302);
        var reply = browser.signIn(user.email(), user.password());

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.location()).as("back to the page asked for").contains("/chat").doesNotContain("login");
        assertThat(browser.get("/chat").status()).isEqualTo(200);
    }

    @Test
    void metricsAreForAdminsOnly() {
        var user = aUser();
        users.create(user);
        var person = http();
        person.signIn(user.email(), user.password());
        var admin = http();
        admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

        assertThat(http().get("/actuator/prometheus").status()).as("anonymous").isIn(302, 401, 403);
        assertThat(person.get("/actuator/prometheus").status()).as("a user").isEqualTo(403);
        var metrics = admin.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(http().get("/actuator/health").status()).as("health stays open for probes").isEqualTo(200);
    }

    @Test
    void aWrongPasswordReturnsToTheLoginViewWithAnError() {
        var reply = http().signIn(ADMIN_EMAIL, "not-the-password");

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.location()).endsWith("/login?error");
    }

    @Test
    void aBlockedUserIsRefusedEvenWithTheRightPassword() {
        var blocked = aUser().blocked();
        users.create(blocked);
        var browser = http();

        var reply = browser.signIn(blocked.email(), blocked.password());

        assertThat(reply.location()).endsWith("/login?blocked");
        assertThat(browser.get("/chat").status()).isEqualTo(302);
    }

    @Test
    void aMagicLinkFromTheOutboxSignsInOnceAndOnlyOnce() {
        var user = aUser().withPassword(null);
        users.create(user);
        var browser = http();

        String csrf = browser.csrfTokenFrom(browser.get("/login"));
        var asked = browser.postForm("/ott/generate", Map.of("username", user.email(), "_csrf", csrf));
        assertThat(asked.location()).endsWith("/login?link-sent");

        String link = linkMailedTo(user.email());
        var clicker = http();
        var submitPage = clicker.get(link);
        assertThat(submitPage.status()).isEqualTo(200);
        String token = link.substring(link.indexOf("token=") + "token=".length());
        var signedIn = clicker.postForm("/login/ott", Map.of("token", token, "_csrf", clicker.csrfTokenFrom(submitPage)));

        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).doesNotContain("error");
        assertThat(clicker.get("/chat").status()).isEqualTo(200);

        var again = http();
        var reused = again.postForm("/login/ott", Map.of("token", token, "_csrf", again.csrfTokenFrom(again.get(link))));
        assertThat(reused.location()).as("a used token must not sign in again").contains("error");
        assertThat(again.get("/chat").status()).isEqualTo(302);
    }

    @Test
    void noLinkIsMailedToABlockedUserOrAnUnknownAddress() {
        var blocked = aUser().blocked();
        users.create(blocked);
        var browser = http();
        String csrf = browser.csrfTokenFrom(browser.get("/login"));

        var forBlocked = browser.postForm("/ott/generate", Map.of("username", blocked.email(), "_csrf", csrf));
        var forUnknown = browser.postForm("/ott/generate", Map.of("username", "ghost@usheru.test", "_csrf", csrf));

        assertThat(forBlocked.location()).as("the answer does not reveal who has an account").isEqualTo(forUnknown.location());
        assertThat(users.asAdmin(() -> mailer.latest(500)))
                .noneMatch(mail -> mail.recipient().equals(blocked.email()) || mail.recipient().equals("ghost@usheru.test"));
    }

    private String linkMailedTo(String email) {
        OutboxMail mail = users.asAdmin(() -> mailer.latest(100)).stream()
                .filter(candidate -> candidate.recipient().equals(email))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No mail in the outbox for " + email));
        var matcher = LINK.matcher(mail.body());
        assertThat(matcher.find()).as("the mail carries a sign-in link: %s", mail.body()).isTrue();
        return matcher.group(1).replaceFirst("http://localhost:\\d+", "http://localhost:" + port);
    }

}
