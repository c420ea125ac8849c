package ai.usheru.accounts;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestHttp;
import ai.usheru.support.TestUsers;

/** Password guessing is slowed down per account and per address, in the API and the sign-in form, on every instance. */
class SignInThrottleTest extends IntegrationTest {

    @Autowired
    TestUsers users;

    @Autowired
    SignInThrottle throttle;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneWaitsUntilAnAdminClearsTheAccount() {
        var user = aUser();
        users.create(user);
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(exchange(user.email(), "wrong-password-" + attempt).status()).isEqualTo(401);
        }
        TestHttp.Reply throttled = exchange(user.email(), user.password());
        assertThat(throttled.status()).as("the right password too").isEqualTo(429);
        assertThat(throttled.json().get("code").asString()).isEqualTo("too_many_attempts");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 30);
        assertThat(throttle.recent()).anySatisfy(row -> {
            assertThat(row.email()).isEqualTo(user.email());
            assertThat(row.failures()).isEqualTo(5);
        });

        var form = http().signIn(user.email(), user.password());
        assertThat(form.status()).as("the sign-in form is throttled the same way").isEqualTo(302);
        assertThat(form.location()).contains("/login?throttled=");

        String admin = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(http().get("/api/v1/admin/sign-in-throttles", admin).body()).contains(user.email(), "waitSeconds");
        assertThat(http().delete("/api/v1/admin/sign-in-throttles?email=" + user.email(), admin).status()).isEqualTo(204);
        assertThat(exchange(user.email(), user.password()).status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordsInTheSignInFormCountAndASuccessClearsThem() {
        var user = aUser();
        users.create(user);
        for (int attempt = 0; attempt < 4; attempt++) {
            assertThat(http().signIn(user.email(), "wrong-" + attempt).location()).endsWith("/login?error");
        }
        assertThat(http().signIn(user.email(), user.password()).location()).doesNotContain("error", "throttled");
        assertThat(throttle.recent()).noneMatch(row -> row.email().equals(user.email()));
        for (int attempt = 0; attempt < 5; attempt++) {
            http().signIn(user.email(), "wrong-again-" + attempt);
        }
        assertThat(http().signIn(user.email(), user.password()).location()).contains("/login?throttled=");
        throttle.clear(user.email());
    }

    @Test
    void anAddressWithTwentyFailuresWaitsForEveryAccountAndTheStateIsSharedByInstances() {
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        jdbc.update("DELETE FROM sign_in_failures WHERE address = ?", address);
        // Two instances: two throttles over the same PostgreSQL, with the production limits.
        var first = new SignInThrottle(jdbc, 5, 20);
        var second = new SignInThrottle(jdbc, 5, 20);
        for (int attempt = 0; attempt < 20; attempt++) {
            (attempt % 2 == 0 ? first : second).failed("guess-" + UUID.randomUUID() + "@example.com", address);
        }
        assertThat(first.retryAfter("someone-new@example.com", address)).as("a fresh account from that address").isPresent();
        assertThat(second.retryAfter("someone-new@example.com", address)).as("the other instance knows").isPresent();
        assertThat(second.retryAfter("someone-new@example.com", "198.51.100.1")).as("another address").isEmpty();

        String account = "target-" + UUID.randomUUID() + "@example.com";
        for (int attempt = 0; attempt < 5; attempt++) {
            (attempt % 2 == 0 ? first : second).failed(account, "198.51.100." + attempt);
        }
        var wait = first.retryAfter(account, "192.0.2.9").orElseThrow();
        assertThat(wait.toSeconds()).isBetween(25L, 30L);
        second.failed(account, "192.0.2.9");
        assertThat(first.retryAfter(account, "192.0.2.9").orElseThrow().toSeconds()).as("each further failure doubles the wait")
                .isBetween(55L, 60L);
        jdbc.update("DELETE FROM sign_in_failures WHERE address = ? OR email = ?", address, account);
    }

    private TestHttp.Reply exchange(String email, String password) {
        return http().postJson("/api/v1/auth/token", Map.of("email", email, "password", password), null);
    }
}
