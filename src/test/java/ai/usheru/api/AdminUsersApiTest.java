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
}
