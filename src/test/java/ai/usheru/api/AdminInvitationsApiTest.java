package ai.usheru.api;

import static ai.usheru.db.Tables.INVITATIONS;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.Role;
import ai.usheru.llm.LlmModels;
import ai.usheru.mail.Mailer;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.MailedInvitations;
import ai.usheru.support.TestHttp;
import ai.usheru.support.TestUsers;

/** Invitations over the HTTP API, from the admin's invite to the invitee's first token, with the mail in between. */
class AdminInvitationsApiTest extends IntegrationTest {

    @Autowired
    TestUsers users;

    @Autowired
    AccountService accounts;

    @Autowired
    Mailer mailer;

    @Autowired
    LlmModels models;

    @Autowired
    DSLContext db;

    @Autowired
    MailedInvitations mailed;

    String adminToken;

    @BeforeEach
    void signInAsAdmin() {
        adminToken = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @Test
    void anInviteeAcceptsWithAPasswordAndGetsExactlyWhatTheInvitationSaid() {
        String model = "invited-model-" + UUID.randomUUID().toString().substring(0, 8);
        models.save(model, "http://localhost:1/v1", null, BigDecimal.ZERO, BigDecimal.ZERO, false);
        String email = "Invitee-" + UUID.randomUUID() + "@Client.test";

        var invited = http().postJson("/api/v1/admin/invitations", Map.of(
                "email", email,
                "role", "USER",
                "client", "Vue Test",
                "scope", Map.of("datamarts", List.of("usheru_data_mart"), "regions", List.of("IE", "gb")),
                "quota", Map.of("queriesPerDay", 7, "tokensPerMonth", 40000, "usdPerMonth", 3.5),
                "models", List.of(model),
                "defaultModel", model), adminToken);

        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(invited.text("email")).as("stored normalised").isEqualTo(email.toLowerCase());
        var expiresAt = OffsetDateTime.parse(invited.text("expiresAt"));
        assertThat(expiresAt).isBetween(OffsetDateTime.now().plusDays(7).minusMinutes(5), OffsetDateTime.now().plusDays(7).plusMinutes(5));
        var listed = http().get("/api/v1/admin/invitations", adminToken);
        assertThat(listed.body()).contains(invited.text("id")).contains("\"status\":\"PENDING\"");

        var mail = mailed.latestTo(email.toLowerCase());
        assertThat(mail.subject()).contains("invited");
        assertThat(mail.body()).contains(ADMIN_EMAIL).contains("/invitation?token=");
        String token = mailed.tokenFor(email.toLowerCase());
        assertThat(db.fetchExists(INVITATIONS, INVITATIONS.TOKEN_HASH.eq(token))).as("the raw token is never stored").isFalse();

        var accepted = http().postJson("/api/v1/invitations/accept", Map.of("token", token, "password", "a-good-password"), null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        UUID id = UUID.fromString(accepted.text("id"));
        Account created = find(id);
        assertThat(created.email()).isEqualTo(email.toLowerCase());
        assertThat(created.role()).isEqualTo(Role.USER);
        assertThat(created.clientName()).isEqualTo("Vue Test");
        assertThat(created.scope().regions()).containsExactlyInAnyOrder("IE", "GB");
        assertThat(created.scope().datamarts()).containsExactly("usheru_data_mart");
        assertThat(created.quota().queriesPerDay()).isEqualTo(7);
        assertThat(created.quota().queriesPerMonth()).isNull();
        assertThat(created.quota().tokensPerMonth()).isEqualTo(40000L);
        assertThat(created.quota().usdPerMonth()).isEqualByComparingTo("3.5");
        var grants = users.asAdmin(() -> accounts.modelGrants(id));
        assertThat(grants.models()).containsExactly(model);
        assertThat(grants.defaultModel()).isEqualTo(model);
        assertThat(http().token(email, "a-good-password")).as("the new user signs in").isNotBlank();
        assertThat(http().get("/api/v1/admin/invitations", adminToken).body())
                .as("an accepted invitation is no longer listed").doesNotContain(invited.text("id"));
    }

    @Test
    void anInvitationIsAcceptedOnceOnly() {
        String token = mailed.tokenFor(invite(newEmail()).text("email"));

        var first = accept(token, "first-password");
        var second = accept(token, "second-password");

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("code")).isEqualTo("invitation_used");
        assertThat(second.text("message")).contains("accepted already");
    }

    @Test
    void anInviteeWithoutAPasswordIsMailedASignInLink() {
        String email = newEmail();
        String token = mailed.tokenFor(invite(email).text("email"));

        var accepted = http().postJson("/api/v1/invitations/accept", Map.of("token", token), null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(users.asAdmin(() -> mailer.latest(200)))
                .anySatisfy(mail -> {
                    assertThat(mail.recipient()).isEqualTo(email);
                    assertThat(mail.body()).contains("/login/ott?token=");
                });
        var noPassword = http().postJson("/api/v1/auth/token", Map.of("email", email, "password", ""), null);
        assertThat(noPassword.status()).as("the account has no password").isEqualTo(401);
    }

    @Test
    void aWeakPasswordIsRefusedAndTheInvitationStaysUsable() {
        String token = mailed.tokenFor(invite(newEmail()).text("email"));

        var weak = accept(token, "short");
        var empty = accept(token, "");

        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.text("code")).isEqualTo("weak_password");
        assertThat(empty.text("code")).isEqualTo("weak_password");
        assertThat(accept(token, "long-enough-now").status()).isEqualTo(201);
    }

    @Test
    void anExistingEmailIsRefusedClearly() {
        var existing = aUser();
        users.create(existing);

        var reply = invite(existing.email().toUpperCase());

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("code")).isEqualTo("email_taken");
        assertThat(reply.text("message")).contains(existing.email()).contains("exists already");
    }

    @Test
    void aSecondInvitationWhileOneIsPendingIsRefused() {
        String email = newEmail();
        invite(email);

        var again = invite(email);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("already_invited");
        assertThat(again.text("message")).contains("Resend or revoke");
    }

    @Test
    void badTermsAreRefusedWhenInvitingNotWhenAccepting() {
        var region = http().postJson("/api/v1/admin/invitations", Map.of("email", newEmail(), "role", "USER",
                "scope", Map.of("regions", List.of("XX"))), adminToken);
        var model = http().postJson("/api/v1/admin/invitations", Map.of("email", newEmail(), "models", List.of("no-such-model")),
                adminToken);
        var email = http().postJson("/api/v1/admin/invitations", Map.of("email", "not-an-email"), adminToken);
        var role = http().postJson("/api/v1/admin/invitations", Map.of("email", newEmail(), "role", "OWNER"), adminToken);
        var quota = http().postJson("/api/v1/admin/invitations", Map.of("email", newEmail(), "quota", Map.of("queriesPerDay", -1)),
                adminToken);

        assertThat(region.status()).isEqualTo(400);
        assertThat(region.text("code")).isEqualTo("unknown_region");
        assertThat(model.text("code")).isEqualTo("unknown_model");
        assertThat(email.text("code")).isEqualTo("invalid_email");
        assertThat(role.text("code")).isEqualTo("unknown_role");
        assertThat(quota.text("code")).isEqualTo("invalid_quota");
    }

    @Test
    void aRevokedInvitationCannotBeAccepted() {
        var invited = invite(newEmail());
        String token = mailed.tokenFor(invited.text("email"));

        var revoked = http().delete("/api/v1/admin/invitations/" + invited.text("id"), adminToken);
        var accepted = accept(token, "a-good-password");

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(accepted.status()).isEqualTo(409);
        assertThat(accepted.text("code")).isEqualTo("invitation_revoked");
        assertThat(http().get("/api/v1/admin/invitations", adminToken).body()).doesNotContain(invited.text("id"));
        assertThat(invite(invited.text("email")).status()).as("a revoked invitation leaves room for a new one").isEqualTo(201);
    }

    @Test
    void resendingMailsANewLinkAndTheOldOneStopsWorking() {
        var invited = invite(newEmail());
        String email = invited.text("email");
        String oldToken = mailed.tokenFor(email);

        var resent = http().postJson("/api/v1/admin/invitations/" + invited.text("id") + "/resend", Map.of(), adminToken);
        String newToken = mailed.tokenFor(email);

        assertThat(resent.status()).as(resent.body()).isEqualTo(200);
        assertThat(resent.text("id")).isEqualTo(invited.text("id"));
        assertThat(newToken).isNotEqualTo(oldToken);
        var withOld = accept(oldToken, "a-good-password");
        assertThat(withOld.status()).isEqualTo(404);
        assertThat(withOld.text("code")).isEqualTo("invitation_not_found");
        assertThat(accept(newToken, "a-good-password").status()).isEqualTo(201);
    }

    @Test
    void anExpiredInvitationIsRefusedButCanBeResent() {
        var invited = invite(newEmail());
        UUID id = UUID.fromString(invited.text("id"));
        String token = mailed.tokenFor(invited.text("email"));
        db.update(INVITATIONS).set(INVITATIONS.EXPIRES_AT, OffsetDateTime.now().minusHours(1)).where(INVITATIONS.ID.eq(id)).execute();

        var accepted = accept(token, "a-good-password");
        var listed = http().get("/api/v1/admin/invitations", adminToken);

        assertThat(accepted.status()).isEqualTo(409);
        assertThat(accepted.text("code")).isEqualTo("invitation_expired");
        assertThat(accepted.text("message")).contains("expired").contains("send it again");
        assertThat(listed.body()).contains(id.toString()).contains("\"status\":\"EXPIRED\"");
        http().postJson("/api/v1/admin/invitations/" + id + "/resend", Map.of(), adminToken);
        assertThat(accept(mailed.tokenFor(invited.text("email")), "a-good-password").status()).isEqualTo(201);
    }

    @Test
    void anExpiredInvitationIsReplacedByANewOne() {
        var invited = invite(newEmail());
        db.update(INVITATIONS).set(INVITATIONS.EXPIRES_AT, OffsetDateTime.now().minusHours(1))
                .where(INVITATIONS.ID.eq(UUID.fromString(invited.text("id")))).execute();

        var again = invite(invited.text("email"));

        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(http().get("/api/v1/admin/invitations", adminToken).body())
                .contains(again.text("id")).doesNotContain(invited.text("id"));
    }

    @Test
    void anUnknownLinkOrInvitationIsA404() {
        assertThat(accept("not-a-real-token", "a-good-password").text("code")).isEqualTo("invitation_not_found");
        var resend = http().postJson("/api/v1/admin/invitations/" + UUID.randomUUID() + "/resend", Map.of(), adminToken);
        assertThat(resend.status()).isEqualTo(404);
        assertThat(resend.text("code")).isEqualTo("invitation_not_found");
        assertThat(http().postJson("/api/v1/invitations/accept", "{not json", null).text("code")).isEqualTo("bad_request");
    }

    @Test
    void theLinkOpensTheAcceptPageWithoutSigningIn() {
        String token = mailed.tokenFor(invite(newEmail()).text("email"));

        var page = http().get("/invitation?token=" + token);

        assertThat(page.status()).as("not redirected to the login page").isEqualTo(200);
    }

    @Test
    void onlyAdminsInvite() {
        var user = aUser();
        users.create(user);
        String userToken = http().token(user.email(), user.password());

        var asUser = http().postJson("/api/v1/admin/invitations", Map.of("email", newEmail()), userToken);
        var listAsUser = http().get("/api/v1/admin/invitations", userToken);
        var anonymous = http().postJson("/api/v1/admin/invitations", Map.of("email", newEmail()), null);

        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.text("code")).isEqualTo("forbidden");
        assertThat(listAsUser.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    private TestHttp.Reply invite(String email) {
        return http().postJson("/api/v1/admin/invitations", Map.of("email", email, "role", "USER",
                "scope", Map.of("regions", List.of("IE"))), adminToken);
    }

    private TestHttp.Reply accept(String token, String password) {
        return http().postJson("/api/v1/invitations/accept", Map.of("token", token, "password", password), null);
    }

    private Account find(UUID id) {
        return users.asAdmin(() -> accounts.list()).stream().filter(account -> account.id().equals(id)).findFirst().orElseThrow();
    }

    private static String newEmail() {
        return "invitee-" + UUID.randomUUID() + "@client.test";
    }
}
