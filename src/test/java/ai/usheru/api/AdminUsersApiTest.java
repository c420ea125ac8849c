package ai.usheru.api;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.Role;
import ai.usheru.quota.Quota;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

class AdminUsersApiTest extends IntegrationTest {

    @Autowired
    TestUsers users;

    @Autowired
    AccountService accounts;

    String adminToken;

    @BeforeEach
    void signInAsAdmin() {
        adminToken = tokenOf(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @Test
    void anAdminCreatesAScopedUserWithQuotaWhoCanThenSignIn() {
        String email = "analyst-" + UUID.randomUUID() + "@client.test";
        var reply = http().postJson("/api/v1/admin/users", Map.of(
                "email", email,
                "password", "Secret-password-1",
                "role", "USER",
                "client", "Odeon Test",
                "scope", Map.of("datamarts", List.of("usheru_data_mart"), "regions", List.of("IE", "gb")),
                "quota", Map.of("queriesPerDay", 10, "tokensPerMonth", 50000, "usdPerMonth", 12.5)), adminToken);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        UUID id = UUID.fromString(reply.text("id"));
        var created = users.asAdmin(() -> accounts.list()).stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
        assertThat(created.email()).isEqualTo(email);
        assertThat(created.role()).isEqualTo(Role.USER);
        assertThat(created.clientName()).isEqualTo("Odeon Test");
        assertThat(created.scope().regions()).containsExactlyInAnyOrder("IE", "GB");
        assertThat(created.scope().datamarts()).containsExactly("usheru_data_mart");
        assertThat(created.quota().queriesPerDay()).isEqualTo(10);
        assertThat(created.quota().queriesPerMonth()).isNull();
        assertThat(created.quota().tokensPerMonth()).isEqualTo(50000L);
        assertThat(created.quota().usdPerMonth()).isEqualByComparingTo(new BigDecimal("12.5"));
        assertThat(tokenOf(email, "Secret-password-1")).isNotBlank();
    }

    @Test
    void aDuplicateEmailIsA409WhateverItsCase() {
        var existing = aUser();
        users.create(existing);

        var reply = http().postJson("/api/v1/admin/users", Map.of(
                "email", existing.email().toUpperCase(), "password", "password-123", "role", "USER"), adminToken);

        assertThat(reply.status()).as(reply.body()).isEqualTo(409);
        assertThat(reply.text("code")).isEqualTo("email_taken");
    }

    @Test
    void anUnknownRegionIsA400AndCreatesNothing() {
        String email = "nowhere-" + UUID.randomUUID() + "@client.test";
        var reply = http().postJson("/api/v1/admin/users", Map.of(
                "email", email, "password", "password-123", "role", "USER",
                "scope", Map.of("regions", List.of("IE", "XX"))), adminToken);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("code")).isEqualTo("unknown_region");
        assertThat(reply.text("message")).contains("XX");
        assertThat(users.asAdmin(() -> accounts.list())).noneMatch(account -> account.email().equals(email));
    }

    @Test
    void anUnknownDatamartIsA400() {
        var reply = http().postJson("/api/v1/admin/users", Map.of(
                "email", "dm-" + UUID.randomUUID() + "@client.test", "password", "password-123", "role", "USER",
                "scope", Map.of("datamarts", List.of("no_such_mart"))), adminToken);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("code")).isEqualTo("unknown_datamart");
    }

    @Test
    void badInputIsRefusedWithItsOwnCode() {
        assertThat(http().postJson("/api/v1/admin/users", Map.of("email", "not-an-email", "role", "USER"), adminToken)
                .text("code")).isEqualTo("invalid_email");
        assertThat(http().postJson("/api/v1/admin/users",
                Map.of("email", "short-" + UUID.randomUUID() + "@client.test", "password", "short", "role", "USER"), adminToken)
                .text("code")).isEqualTo("weak_password");
        assertThat(http().postJson("/api/v1/admin/users",
                Map.of("email", "role-" + UUID.randomUUID() + "@client.test", "role", "OWNER"), adminToken)
                .text("code")).isEqualTo("unknown_role");
        assertThat(http().postJson("/api/v1/admin/users",
                Map.of("email", "quota-" + UUID.randomUUID() + "@client.test", "role", "USER",
                        "quota", Map.of("queriesPerDay", -1)), adminToken)
                .text("code")).isEqualTo("invalid_quota");
    }

    @Test
    void anAnonymousCallIsRefusedWith401() {
        var reply = http().postJson("/api/v1/admin/users", Map.of("email", "x@client.test", "role", "USER"), null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text("code")).isEqualTo("unauthenticated");
    }

    @Test
    void anUnknownTokenIsRefusedWith401() {
        var reply = http().postJson("/api/v1/admin/users", Map.of("email", "x@client.test", "role", "USER"), "usk_forged");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text("code")).isEqualTo("invalid_token");
    }

    @Test
    void aUserTokenIsRefusedWith403() {
        var user = aUser();
        users.create(user);
        String userToken = tokenOf(user.email(), user.password());

        var reply = http().postJson("/api/v1/admin/users", Map.of("email", "x@client.test", "role", "USER"), userToken);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.text("code")).isEqualTo("forbidden");
    }

    @Test
    void aTokenStopsWorkingOnceItsHolderIsBlocked() {
        var user = aUser().admin();
        var account = users.create(user);
        String token = tokenOf(user.email(), user.password());
        users.asAdmin(() -> {
            accounts.setBlocked(account.id(), true);
            return null;
        });

        var reply = http().postJson("/api/v1/admin/users", Map.of("email", "x@client.test", "role", "USER"), token);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.text("code")).isEqualTo("user_blocked");
    }

    private String tokenOf(String email, String password) {
        var reply = http().postJson("/api/v1/auth/token", Map.of("email", email, "password", password), null);
        assertThat(reply.status()).as("token for %s: %s", email, reply.body()).isEqualTo(200);
        return reply.text("token");
    }

    @Test
    void anAdminChangesAUsersQuotaScopeAndModelsAndTheNextAskObeysThem() {
        var user = aUser().scopedTo("IE").withQuota(new Quota(1, null, null, null, null));
        UUID id = users.create(user).id();
        String token = tokenOf(user.email(), user.password());
        assertThat(http().postJson("/api/v1/ask", Map.of("question", "Total box office"), token).status()).isEqualTo(200);
        assertThat(http().postJson("/api/v1/ask", Map.of("question", "Total box office"), token).status()).isEqualTo(429);

        var changed = http().patchJson("/api/v1/admin/users/" + id, Map.of(
                "client", "Cineworld Test",
                "scope", Map.of("regions", List.of("DE")),
                "quota", Map.of("queriesPerDay", 5, "tokensPerDay", 20000)), adminToken);

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("client").asString()).isEqualTo("Cineworld Test");
        assertThat(changed.json().get("scope").get("regions").toString()).isEqualTo("[\"DE\"]");
        assertThat(changed.json().get("quota").get("queriesPerDay").asInt()).isEqualTo(5);
        assertThat(changed.json().get("quota").get("tokensPerDay").asLong()).isEqualTo(20000);
        assertThat(changed.json().get("role").asString()).as("what the change leaves out stays").isEqualTo("USER");
        var asked = http().postJson("/api/v1/ask", Map.of("question", "Total box office"), token);
        assertThat(asked.status()).as("the raised quota counts at once").isEqualTo(200);
        assertThat(asked.text("scope")).isEqualTo("Germany only");
        assertThat(asked.text("sql")).contains("'DE'").doesNotContain("'IE'");
        assertThat(asked.json().get("quota").get("queriesLeftToday").asInt()).isEqualTo(3);
    }

    @Test
    void aBadChangeIsRefusedWithItsCodeAndChangesNothing() {
        var user = aUser().scopedTo("IE");
        UUID id = users.create(user).id();

        var badRegion = http().patchJson("/api/v1/admin/users/" + id, Map.of("client", "Ghost Client",
                "scope", Map.of("regions", List.of("XX"))), adminToken);
        var negative = http().patchJson("/api/v1/admin/users/" + id, Map.of("quota", Map.of("queriesPerDay", -1)), adminToken);
        var unknownModel = http().patchJson("/api/v1/admin/users/" + id, Map.of("models", List.of("no-such-model")), adminToken);
        var nobody = http().patchJson("/api/v1/admin/users/" + UUID.randomUUID(), Map.of("role", "ADMIN"), adminToken);
        var notAnId = http().patchJson("/api/v1/admin/users/not-an-id", Map.of("role", "ADMIN"), adminToken);
        var asUser = http().patchJson("/api/v1/admin/users/" + id, Map.of("role", "ADMIN"), tokenOf(user.email(), user.password()));

        assertThat(badRegion.status()).isEqualTo(400);
        assertThat(badRegion.text("code")).isEqualTo("unknown_region");
        assertThat(negative.text("code")).isEqualTo("invalid_quota");
        assertThat(unknownModel.text("code")).isEqualTo("unknown_model");
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.text("code")).isEqualTo("user_not_found");
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.text("code")).isEqualTo("invalid_id");
        assertThat(asUser.status()).isEqualTo(403);
        var unchanged = users.asAdmin(() -> accounts.list()).stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
        assertThat(unchanged.clientName()).as("a refused change is rolled back whole").isNull();
        assertThat(unchanged.scope().regions()).containsExactly("IE");
        assertThat(unchanged.role()).isEqualTo(Role.USER);
    }

    @Test
    void anAdminCannotTakeAwayTheirOwnAdminRole() {
        UUID me = users.asAdmin(() -> accounts.list()).stream().filter(a -> a.email().equals(ADMIN_EMAIL)).findFirst().orElseThrow().id();

        var demoted = http().patchJson("/api/v1/admin/users/" + me, Map.of("role", "USER"), adminToken);

        assertThat(demoted.status()).isEqualTo(400);
        assertThat(demoted.text("code")).isEqualTo("cannot_demote_self");
    }
}
