package ai.usheru.insights;

import static ai.usheru.db.Tables.INSIGHTS;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import ai.usheru.mail.Mailer;
import ai.usheru.mail.OutboxMail;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/**
 * Weekly insights over the HTTP API on the demo data: computed once per scope and week, each reader
 * seeing only their own scope, digests sent once per person and week, and the unsubscribe link.
 */
class InsightsApiTest extends IntegrationTest {

    /** The week Toy Story 3 opened in the US: a busy week with openings, movers and a new number one. */
    static final String WEEK = "2010-06-14";
    private static final Set<String> OTHER_TERRITORIES = Set.of("United States", "United Kingdom", "Germany", "France",
            "Spain", "Italy", "Netherlands", "Australia", "Japan", "South Korea", "Mexico", "Brazil");

    @Autowired
    TestUsers users;

    @Autowired
    Mailer mailer;

    @Autowired
    DSLContext db;

    @Test
    void aWeekIsComputedOnceAndEachReaderSeesOnlyTheirOwnScope() {
        var global = users.create(aUser());
        var irish = users.create(aUser().scopedTo("IE"));
        String admin = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);

        var run = http().postJson("/api/v1/admin/insights/run", Map.of("week", WEEK, "send", "now"), admin);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.text("week")).isEqualTo(WEEK);
        assertThat(run.json().get("insights").asInt()).isPositive();
        assertThat(run.json().get("digests").asInt()).isGreaterThanOrEqualTo(2);
        int stored = db.fetchCount(INSIGHTS);

        var again = http().postJson("/api/v1/admin/insights/run", Map.of("week", "2010-06-16", "send", "now"), admin);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("week")).as("any day names its Monday's week").isEqualTo(WEEK);
        assertThat(again.json().get("insights").asInt()).isEqualTo(run.json().get("insights").asInt());
        assertThat(db.fetchCount(INSIGHTS)).as("a re-run adds nothing").isEqualTo(stored);
        assertThat(again.json().get("digests").asInt()).as("a digest goes once per person and week").isZero();

        JsonNode everyone = insightsOf(global.email());
        JsonNode ireland = insightsOf(irish.email());
        assertThat(kinds(everyone)).contains(Insight.MOVER, Insight.RECORD);
        assertThat(ireland.size()).isPositive();

        double irishWeek = irishWeeklyTotal(irish.email());
        for (JsonNode insight : ireland) {
            String text = insight.get("title").asString() + " " + insight.get("body").asString();
            assertThat(OTHER_TERRITORIES).as(text).noneMatch(text::contains);
            JsonNode data = insight.get("data");
            if ("territory".equals(data.path("dimension").asString())) {
                assertThat(data.get("subject").asString()).isEqualTo("Ireland");
            }
            if (data.has("thisWeek")) {
                assertThat(data.get("thisWeek").asDouble()).as(text).isLessThanOrEqualTo(irishWeek + 0.01);
            }
            assertThat(insight.get("question").asString()).isNotBlank();
        }
        assertThat(texts(everyone)).anyMatch(text -> OTHER_TERRITORIES.stream().anyMatch(text::contains));

        List<OutboxMail> mails = users.asAdmin(() -> mailer.latest(500));
        assertThat(mails.stream().filter(mail -> mail.recipient().equals(irish.email()) && mail.subject().contains("week in film")))
                .hasSize(1)
                .allSatisfy(mail -> {
                    assertThat(mail.html()).contains("cid:chart-1", "/unsubscribe?token=", "/chat?q=");
                    assertThat(mail.body()).contains("Unsubscribe with one click: ");
                    assertThat(mail.html()).doesNotContain("United States");
                });
    }

    @Test
    void theUnsubscribeLinkAsksOnAGetAndUnsubscribesOnAOneClickPost() {
        var reader = users.create(aUser());
        String admin = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        http().postJson("/api/v1/admin/insights/run", Map.of("week", WEEK, "send", "now"), admin);
        OutboxMail digest = users.asAdmin(() -> mailer.latest(500)).stream()
                .filter(mail -> mail.recipient().equals(reader.email())).findFirst().orElseThrow();
        String link = digest.body().lines().filter(line -> line.startsWith("Unsubscribe with one click: ")).findFirst()
                .orElseThrow().substring("Unsubscribe with one click: ".length()).strip();
        String path = link.substring(link.indexOf("/unsubscribe"));
        String token = http().token(reader.email(), aUser().password());

        var page = http().get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Stop the weekly insights?", reader.email(), "method=\"post\"");
        assertThat(http().get("/api/v1/me/notifications", token).json().get("weeklyDigest").asBoolean())
                .as("a GET changes nothing").isTrue();

        var oneClick = http().postForm(path, Map.of("List-Unsubscribe", "One-Click"));
        assertThat(oneClick.status()).isEqualTo(200);
        assertThat(oneClick.body()).contains("You are unsubscribed");
        assertThat(http().get("/api/v1/me/notifications", token).json().get("weeklyDigest").asBoolean()).isFalse();

        assertThat(http().postForm("/unsubscribe?token=not-a-token", Map.of("List-Unsubscribe", "One-Click")).status())
                .isEqualTo(404);
    }

    @Test
    void peopleSetTheirOwnDigestAndTimeZoneAndAdminsTheirUsers() {
        var reader = users.create(aUser());
        String token = http().token(reader.email(), aUser().password());
        assertThat(http().get("/api/v1/me/notifications", token).body()).contains("\"weeklyDigest\":true", "\"timeZone\":\"UTC\"");

        var changed = http().putJson("/api/v1/me/notifications", Map.of("timeZone", "Europe/Dublin"), token);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.text("timeZone")).isEqualTo("Europe/Dublin");
        assertThat(changed.json().get("weeklyDigest").asBoolean()).isTrue();

        var wrong = http().putJson("/api/v1/me/notifications", Map.of("timeZone", "Mars/Olympus"), token);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("code")).isEqualTo("unknown_time_zone");

        String admin = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        var patched = http().patchJson("/api/v1/admin/users/" + reader.id(), Map.of("notifications", Map.of("weeklyDigest", false)), admin);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(http().get("/api/v1/me/notifications", token).body()).contains("\"weeklyDigest\":false", "Europe/Dublin");

        assertThat(http().postJson("/api/v1/admin/insights/run", Map.of(), token).status()).isEqualTo(403);
        assertThat(http().get("/api/v1/insights?week=last-tuesday", token).text("code")).isEqualTo("bad_week");
    }

    private JsonNode insightsOf(String email) {
        var reply = http().get("/api/v1/insights?week=" + WEEK, http().token(email, aUser().password()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("week")).isEqualTo(WEEK);
        return reply.json().get("insights");
    }

    private double irishWeeklyTotal(String email) {
        var reply = http().postJson("/api/v1/query", Map.of("sql", """
                SELECT SUM(gross_usd) FROM box_office
                WHERE week_start >= DATE '2010-06-14' AND week_start < DATE '2010-06-21' AND region_code = 'IE'"""),
                http().token(email, aUser().password()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("rows").get(0).get(0).asDouble();
    }

    private static List<String> kinds(JsonNode insights) {
        List<String> kinds = new ArrayList<>();
        insights.forEach(insight -> kinds.add(insight.get("kind").asString()));
        return kinds;
    }

    private static List<String> texts(JsonNode insights) {
        List<String> texts = new ArrayList<>();
        insights.forEach(insight -> texts.add(insight.get("title").asString() + " " + insight.get("body").asString()));
        return texts;
    }
}
