package ai.usheru.api;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import ai.usheru.accounts.AuditTrail;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/** The audit log read over the API: entries written by real admin actions, filtered, paged and as CSV. */
class AdminAuditApiTest extends IntegrationTest {

    @Autowired
    TestUsers users;

    @Autowired
    AuditTrail trail;

    String adminToken;

    @BeforeEach
    void signIn() {
        adminToken = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    private String createUserThroughTheApi() {
        String email = "audited-" + UUID.randomUUID() + "@client.test";
        var created = http().postJson("/api/v1/admin/users", Map.of("email", email, "password", "Secret-password-1", "role", "USER"),
                adminToken);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return email;
    }

    @Test
    void aUserCreatedThroughTheApiIsInTheLogNewestFirstWithWhoAndDetails() {
        String first = createUserThroughTheApi();
        String second = createUserThroughTheApi();

        var reply = http().get("/api/v1/admin/audit?action=user.created&limit=2", adminToken);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> entries = entriesOf(reply.json());
        assertThat(entries).extracting(entry -> entry.get("target").asString()).as("newest first").containsExactly(second, first);
        JsonNode newest = entries.getFirst();
        assertThat(newest.get("who").asString()).isEqualTo(ADMIN_EMAIL);
        assertThat(newest.get("action").asString()).isEqualTo("user.created");
        assertThat(newest.get("details").isObject()).as("details are a JSON object, not a string").isTrue();
        assertThat(newest.get("details").has("regions")).isTrue();
        assertThat(newest.get("when").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*(Z|[+-]\\d{2}:\\d{2})");

        long nextBefore = reply.json().get("nextBefore").asLong();
        var older = entriesOf(http().get("/api/v1/admin/audit?action=user.created&limit=5&before=" + nextBefore, adminToken).json());
        assertThat(older).extracting(entry -> entry.get("target").asString()).as("the next page starts below the first")
                .doesNotContain(first, second);
    }

    @Test
    void filtersByActorActionAndPeriod() {
        String email = createUserThroughTheApi();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertThat(targets("?actor=ADMIN@USHERU&action=user.created&from=" + today + "&to=" + today)).contains(email);
        assertThat(targets("?actor=nobody-" + UUID.randomUUID() + "&action=user.created")).isEmpty();
        assertThat(targets("?action=user.blocked&limit=1000")).doesNotContain(email);
        assertThat(targets("?action=user.created&from=" + today.plusDays(1))).as("from a later day").isEmpty();
        assertThat(targets("?action=user.created&limit=1000&to=" + today.minusDays(1))).as("up to an earlier day").doesNotContain(email);
        assertThat(targets("?action=user.created&from=" + today.atStartOfDay().toInstant(ZoneOffset.UTC))).as("from an instant")
                .contains(email);
    }

    @Test
    void theLogComesAsCsvWithQuotedFieldsAndDetailsAsJsonText() {
        String target = "a \"quoted\", target " + UUID.randomUUID();
        String action = "test.csv-" + UUID.randomUUID().toString().substring(0, 8);
        trail.record(null, action, target, Map.of("note", "x,y"));

        var json = http().get("/api/v1/admin/audit?action=" + action, adminToken);
        var byAccept = http().get("/api/v1/admin/audit?action=" + action, adminToken, "text/csv");
        var byFormat = http().get("/api/v1/admin/audit?format=csv&action=" + action, adminToken);

        JsonNode entry = entriesOf(json.json()).getFirst();
        assertThat(entry.get("who").isNull()).as("no actor (a deleted account) is null").isTrue();
        assertThat(byAccept.status()).as(byAccept.body()).isEqualTo(200);
        assertThat(byAccept.header("Content-Type")).startsWith("text/csv");
        String[] lines = byAccept.body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("id,when,who,action,target,details");
        assertThat(lines[1]).startsWith(entry.get("id").asLong() + ",")
                .endsWith(",," + action + ",\"" + target.replace("\"", "\"\"") + "\",\"{\"\"note\"\":\"\"x,y\"\"}\"");
        assertThat(byFormat.header("Content-Type")).startsWith("text/csv");
        assertThat(byFormat.body()).isEqualTo(byAccept.body());
    }

    @Test
    void badFiltersAreRefusedWithTheirCodeAndUsersAreNotLetIn() {
        assertThat(http().get("/api/v1/admin/audit?limit=0", adminToken).text("code")).isEqualTo("invalid_limit");
        assertThat(http().get("/api/v1/admin/audit?limit=1001", adminToken).text("code")).isEqualTo("invalid_limit");
        assertThat(http().get("/api/v1/admin/audit?limit=many", adminToken).text("code")).isEqualTo("invalid_limit");
        assertThat(http().get("/api/v1/admin/audit?from=2026-13-01", adminToken).text("code")).isEqualTo("invalid_from");
        assertThat(http().get("/api/v1/admin/audit?to=yesterday", adminToken).text("code")).isEqualTo("invalid_to");
        assertThat(http().get("/api/v1/admin/audit?from=2026-03-02&to=2026-03-01", adminToken).text("code")).isEqualTo("invalid_period");
        assertThat(http().get("/api/v1/admin/audit?before=x", adminToken).text("code")).isEqualTo("invalid_before");
        assertThat(http().get("/api/v1/admin/audit?format=xml", adminToken).text("code")).isEqualTo("invalid_format");
        var csvRefused = http().get("/api/v1/admin/audit?limit=0", adminToken, "text/csv");
        assertThat(csvRefused.status()).isEqualTo(400);
        assertThat(csvRefused.text("code")).as("a refused CSV request is answered in JSON too").isEqualTo("invalid_limit");
        var user = aUser();
        users.create(user);
        assertThat(http().get("/api/v1/admin/audit", http().token(user.email(), user.password())).status()).isEqualTo(403);
    }

    private List<String> targets(String query) {
        var reply = http().get("/api/v1/admin/audit" + query, adminToken);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return entriesOf(reply.json()).stream().map(entry -> entry.get("target").asString()).toList();
    }

    private static List<JsonNode> entriesOf(JsonNode page) {
        var entries = new ArrayList<JsonNode>();
        page.get("entries").forEach(entries::add);
        return entries;
    }
}
