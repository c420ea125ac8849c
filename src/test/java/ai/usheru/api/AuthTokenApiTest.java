package ai.usheru.api;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

class AuthTokenApiTest extends IntegrationTest {

    @Autowired
    TestUsers users;

    @Test
    void validCredentialsGetABearerTokenThatExpiresInTheFuture() {
        var reply = http().postJson("/api/v1/auth/token", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD), null);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("token")).startsWith("usk_").hasSizeGreaterThan(40);
        assertThat(OffsetDateTime.parse(reply.text("expiresAt"))).isAfter(OffsetDateTime.now());
    }

    @Test
    void theEmailIsMatchedWhateverItsCase() {
        var reply = http().postJson("/api/v1/auth/token",
                Map.of("email", "  " + ADMIN_EMAIL.toUpperCase() + " ", "password", ADMIN_PASSWORD), null);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefusedWith401AndAJsonError() {
        var reply = http().postJson("/api/v1/auth/token", Map.of("email", ADMIN_EMAIL, "password", "not-the-password"), null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text("code")).isEqualTo("invalid_credentials");
        assertThat(reply.text("message")).isNotBlank();
    }

    @Test
    void anUnknownEmailIsRefusedExactlyLikeAWrongPassword() {
        var reply = http().postJson("/api/v1/auth/token", Map.of("email", "nobody@usheru.test", "password", "whatever-1"), null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text("code")).isEqualTo("invalid_credentials");
    }

    @Test
    void aBlockedUserIsRefusedWith403() {
        var blocked = aUser().blocked();
        users.create(blocked);

        var reply = http().postJson("/api/v1/auth/token", Map.of("email", blocked.email(), "password", blocked.password()), null);

        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.text("code")).isEqualTo("user_blocked");
    }

    @Test
    void aUserWithoutPasswordCannotGetATokenByPassword() {
        var linkOnly = aUser().withPassword(null);
        users.create(linkOnly);

        var reply = http().postJson("/api/v1/auth/token", Map.of("email", linkOnly.email(), "password", ""), null);

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void aMalformedBodyIsA400WithoutAStackTrace() {
        var reply = http().postJson("/api/v1/auth/token", "{\"email\": ", null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("code")).isEqualTo("bad_request");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at ai.usheru");
    }

    @Test
    void theHealthEndpointIsOpenAndUp() {
        var reply = http().get("/api/v1/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("UP");
    }
}
