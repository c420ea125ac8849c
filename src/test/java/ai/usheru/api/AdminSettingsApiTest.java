package ai.usheru.api;

import static ai.usheru.db.Tables.ADMIN_AUDIT_LOG;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import ai.usheru.settings.Setting;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.MailedInvitations;
import ai.usheru.support.TestHttp;
import ai.usheru.support.TestUsers;

class AdminSettingsApiTest extends IntegrationTest {

    private static final String SETTINGS = "/api/v1/admin/settings";

    @Autowired
    TestUsers users;

    @Autowired
    DSLContext db;

    @Autowired
    MailedInvitations mailed;

    String admin;

    @BeforeEach
    void signInAsAdmin() {
        admin = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** Tests share one application: every setting goes back to the environment's value. */
    @AfterEach
    void resetEverySetting() {
        for (Setting setting : Setting.values()) {
            http().delete(SETTINGS + "/" + setting.key(), admin);
        }
    }

    @Test
    void loweringTheRowCapCutsWhatAQueryReturnsAndTheReplySaysSo() {
        var user = aUser();
        users.create(user);
        String token = http().token(user.email(), user.password());
        String sql = "SELECT region_code, gross_usd FROM box_office";
        var before = http().postJson("/api/v1/query", Map.of("sql", sql), token);

        var changed = http().putJson(SETTINGS + "/query.max-rows", Map.of("value", 3), admin);
        var after = http().postJson("/api/v1/query", Map.of("sql", sql), token);

        assertThat(before.json().get("rows")).as("the environment's cap").hasSize(1000);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.text("value")).isEqualTo("3");
        assertThat(changed.text("default")).isEqualTo("1000");
        assertThat(changed.json().get("overridden").asBoolean()).isTrue();
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().get("rows")).as("the admin's cap, at once on this instance").hasSize(3);
        assertThat(after.json().get("truncated").asBoolean()).as("the reply says it cut").isTrue();
    }

    @Test
    void aShorterTimeoutStopsARunawayQueryAtIt() {
        var user = aUser().scopedTo("IE");
        users.create(user);
        String token = http().token(user.email(), user.password());
        http().putJson(SETTINGS + "/query.timeout", Map.of("value", "1s"), admin);

        long started = System.nanoTime();
        var reply = http().postJson("/api/v1/query", Map.of("sql",
                "SELECT COUNT(*) FROM box_office a, box_office b, box_office c WHERE a.gross_usd + b.gross_usd > c.gross_usd"), token);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(reply.status()).as(reply.body()).isEqualTo(408);
        assertThat(reply.text("code")).isEqualTo("query_timeout");
        assertThat(millis).as("stopped at the admin's 1 s, not the environment's 30 s").isLessThan(15_000);
    }

    @Test
    void badValuesAreRefusedWithTheAllowedRangeAndUnknownNamesAreNotFound() {
        var zero = http().putJson(SETTINGS + "/query.max-rows", Map.of("value", 0), admin);
        var tooMany = http().putJson(SETTINGS + "/query.max-rows", Map.of("value", 100_001), admin);
        var most = http().putJson(SETTINGS + "/query.max-rows", Map.of("value", 100_000), admin);
        var tooLong = http().putJson(SETTINGS + "/query.timeout", Map.of("value", "11m"), admin);
        var words = http().putJson(SETTINGS + "/query.timeout", Map.of("value", "soon"), admin);
        var emptyTimeout = http().putJson(SETTINGS + "/query.timeout", Map.of("value", ""), admin);
        var negative = http().putJson(SETTINGS + "/quota.default.queries-per-day", Map.of("value", -1), admin);
        var cents = http().putJson(SETTINGS + "/quota.default.usd-per-month", Map.of("value", "1.005"), admin);
        var noValue = http().putJson(SETTINGS + "/query.timeout", Map.of("other", 1), admin);
        var unknown = http().putJson(SETTINGS + "/query.max-columns", Map.of("value", 5), admin);
        var unknownReset = http().delete(SETTINGS + "/query.max-columns", admin);

        for (var refused : List.of(zero, tooMany, tooLong, words, emptyTimeout, negative, cents)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.text("code")).as(refused.body()).isEqualTo("invalid_setting");
        }
        assertThat(zero.text("message")).contains("query.max-rows").contains("from 1 to 100,000");
        assertThat(tooLong.text("message")).contains("from 1s to 10m");
        assertThat(negative.text("message")).contains("0 or more, or empty for unlimited");
        assertThat(most.status()).as("the limit itself is allowed").isEqualTo(200);
        assertThat(noValue.status()).isEqualTo(400);
        assertThat(noValue.text("code")).isEqualTo("bad_request");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("code")).isEqualTo("setting_not_found");
        assertThat(unknownReset.status()).isEqualTo(404);
        var listed = listed();
        assertThat(listed.get("query.timeout").get("value").asString()).as("no refused value was stored").isEqualTo("30s");
        assertThat(listed.get("query.timeout").get("overridden").asBoolean()).isFalse();
        assertThat(listed.get("quota.default.queries-per-day").get("value").isNull()).isTrue();
    }

    @Test
    void aNewUserOrInvitationWithoutAQuotaGetsTheDefaultOneAndOneWithAQuotaKeepsItsOwn() {
        http().putJson(SETTINGS + "/quota.default.queries-per-day", Map.of("value", 7), admin);
        http().putJson(SETTINGS + "/quota.default.usd-per-month", Map.of("value", "2.50"), admin);
        String plain = "default-quota-" + UUID.randomUUID() + "@client.test";
        String own = "own-quota-" + UUID.randomUUID() + "@client.test";
        String invitee = "invited-quota-" + UUID.randomUUID() + "@client.test";

        var created = http().postJson("/api/v1/admin/users", Map.of("email", plain, "password", "long-enough-1"), admin);
        var createdWithQuota = http().postJson("/api/v1/admin/users",
                Map.of("email", own, "password", "long-enough-1", "quota", Map.of("queriesPerDay", 100)), admin);
        var invited = http().postJson("/api/v1/admin/invitations", Map.of("email", invitee), admin);
        var accepted = http().postJson("/api/v1/invitations/accept",
                Map.of("token", mailed.tokenFor(invitee), "password", "a-good-password"), null);

        assertThat(List.of(created.status(), createdWithQuota.status(), invited.status(), accepted.status()))
                .as(created.body() + invited.body() + accepted.body()).containsExactly(201, 201, 201, 201);
        var quotas = new HashMap<String, JsonNode>();
        http().get("/api/v1/admin/users", admin).json().forEach(user -> quotas.put(user.get("email").asString(), user.get("quota")));
        assertThat(quotas.get(plain).get("queriesPerDay").asInt()).isEqualTo(7);
        assertThat(quotas.get(plain).get("usdPerMonth").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(quotas.get(plain).get("queriesPerMonth").isNull()).as("a default left empty is unlimited").isTrue();
        assertThat(quotas.get(own).get("queriesPerDay").asInt()).as("an explicit quota is kept").isEqualTo(100);
        assertThat(quotas.get(own).get("usdPerMonth").isNull()).as("an explicit quota is kept whole").isTrue();
        assertThat(quotas.get(invitee).get("queriesPerDay").asInt()).as("the invitation carried the default").isEqualTo(7);
        assertThat(quotas.get(invitee).get("usdPerMonth").decimalValue()).isEqualByComparingTo("2.5");
    }

    @Test
    void aChangeAndAResetAreAuditedAndTheResetReturnsToTheEnvironmentsValue() {
        int changes = audited("setting.changed");
        int resets = audited("setting.reset");

        var changed = http().putJson(SETTINGS + "/query.timeout", Map.of("value", 45), admin);
        var reset = http().delete(SETTINGS + "/query.timeout", admin);
        var again = http().delete(SETTINGS + "/query.timeout", admin);

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.text("value")).as("seconds, written as the variable is").isEqualTo("45s");
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.text("value")).isEqualTo("30s");
        assertThat(reset.json().get("overridden").asBoolean()).isFalse();
        assertThat(listed().get("query.timeout").get("value").asString()).isEqualTo("30s");
        assertThat(again.status()).as("resetting what is not overridden changes nothing").isEqualTo(200);
        assertThat(audited("setting.changed")).isEqualTo(changes + 1);
        assertThat(audited("setting.reset")).as("only the reset that removed an override").isEqualTo(resets + 1);
        var entry = db.selectFrom(ADMIN_AUDIT_LOG).where(ADMIN_AUDIT_LOG.ACTION.eq("setting.changed"))
                .orderBy(ADMIN_AUDIT_LOG.CREATED_AT.desc()).limit(1).fetchSingle();
        assertThat(entry.getTarget()).isEqualTo("query.timeout");
        assertThat(entry.getDetails().data()).contains("\"from\"").contains("30s").contains("\"to\"").contains("45s");
        assertThat(entry.getActorId()).isNotNull();
    }

    @Test
    void theListHasEverySettingWithItsDefaultAndDescription() {
        var listed = listed();

        assertThat(listed.keySet()).containsExactly("query.max-rows", "query.timeout", "quota.default.queries-per-day",
                "quota.default.queries-per-month", "quota.default.tokens-per-day", "quota.default.tokens-per-month",
                "quota.default.usd-per-month");
        assertThat(listed.get("query.max-rows").get("default").asString()).isEqualTo("1000");
        assertThat(listed.get("query.max-rows").get("description").asString()).contains("Rows a query returns at most");
        assertThat(listed.get("quota.default.tokens-per-day").get("default").isNull()).as("unlimited").isTrue();
    }

    @Test
    void usersMayNotReadOrChangeSettings() {
        var user = aUser();
        users.create(user);
        String token = http().token(user.email(), user.password());

        var list = http().get(SETTINGS, token);
        var write = http().putJson(SETTINGS + "/query.max-rows", Map.of("value", 1), token);
        var reset = http().delete(SETTINGS + "/query.max-rows", token);

        assertThat(List.of(list.status(), write.status(), reset.status())).containsOnly(403);
        assertThat(write.body()).contains("\"code\"");
        assertThat(listed().get("query.max-rows").get("overridden").asBoolean()).isFalse();
    }

    private Map<String, JsonNode> listed() {
        TestHttp.Reply reply = http().get(SETTINGS, admin);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var byName = new java.util.LinkedHashMap<String, JsonNode>();
        reply.json().forEach(setting -> byName.put(setting.get("name").asString(), setting));
        return byName;
    }

    private int audited(String action) {
        return db.fetchCount(ADMIN_AUDIT_LOG, ADMIN_AUDIT_LOG.ACTION.eq(action));
    }
}
