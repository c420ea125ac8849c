package ai.usheru.api;

import static ai.usheru.db.Tables.USAGE_RECORDS;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import ai.usheru.accounts.Account;
import ai.usheru.quota.QuotaService;
import ai.usheru.quota.Usage;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/**
 * Token and cost reports over the API. The usage is recorded through the quota service as asks record
 * it, then dated in a March of each test's own (long past), so no other test's asks count.
 */
class AdminUsageApiTest extends IntegrationTest {

    private static final AtomicInteger YEARS = new AtomicInteger(1970);

    @Autowired
    TestUsers users;

    @Autowired
    QuotaService quotas;

    @Autowired
    DSLContext db;

    int year;
    String period;
    String adminToken;
    String clientA;
    String clientB;
    String model;
    Account anna;
    Account alan;
    Account bea;

    @BeforeEach
    void recordUsage() {
        year = YEARS.getAndIncrement();
        period = "&from=" + year + "-03-01&to=" + year + "-03-31";
        adminToken = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        String run = UUID.randomUUID().toString().substring(0, 8);
        clientA = "Alpha Cinemas " + run;
        clientB = "Beta, Distribution " + run;
        model = "report-model-" + run;
        anna = users.create(aUser().ofClient(clientA));
        alan = users.create(aUser().ofClient(clientA));
        bea = users.create(aUser().ofClient(clientB));
        record(anna, model, 1_000, 100, "0.0035", 5);
        record(anna, "offline-planner", 0, 0, "0", 5);
        record(alan, model, 2_000, 200, "0.0070", 6);
        record(bea, model, 500, 50, "0.00175", 6);
        var released = quotas.reserve(bea.id(), bea.clientId(), model);
        quotas.release(released, "query_failed");
        dateOn(released.id(), 6);
    }

    private void record(Account who, String modelName, long prompt, long completion, String cost, int marchDay) {
        var reservation = quotas.reserve(who.id(), who.clientId(), modelName);
        quotas.settle(reservation, new Usage(modelName, prompt, completion, new BigDecimal(cost), 3, 0, "data_query"));
        dateOn(reservation.id(), marchDay);
    }

    private void dateOn(long recordId, int marchDay) {
        db.update(USAGE_RECORDS).set(USAGE_RECORDS.CREATED_AT, OffsetDateTime.of(year, 3, marchDay, 12, 0, 0, 0, ZoneOffset.UTC))
                .where(USAGE_RECORDS.ID.eq(recordId)).execute();
    }

    @Test
    void perClientTheQuestionsTokensAndDollarsAddUp() {
        var reply = http().get("/api/v1/admin/usage?groupBy=client" + period, adminToken);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var rows = rowsOf(reply.json());
        assertThat(rows).extracting(row -> row.get("key").asString()).containsExactly(clientA, clientB);
        JsonNode alpha = rows.getFirst();
        assertThat(alpha.get("questions").asLong()).as("the planner's answer counts as a question").isEqualTo(3);
        assertThat(alpha.get("modelQuestions").asLong()).isEqualTo(2);
        assertThat(alpha.get("promptTokens").asLong()).isEqualTo(3_000);
        assertThat(alpha.get("completionTokens").asLong()).isEqualTo(300);
        assertThat(alpha.get("costUsd").decimalValue()).isEqualByComparingTo("0.0105");
        assertThat(rows.get(1).get("questions").asLong()).as("a released ask costs nothing and is no question").isEqualTo(1);
        assertThat(reply.json().get("total").get("costUsd").decimalValue()).isEqualByComparingTo("0.01225");
        assertThat(reply.json().get("from").asString()).isEqualTo(year + "-03-01");
    }

    @Test
    void perUserModelAndDay() {
        var byUser = rowsOf(http().get("/api/v1/admin/usage?groupBy=user" + period, adminToken).json());
        var byModel = rowsOf(http().get("/api/v1/admin/usage?groupBy=model" + period, adminToken).json());
        var byDay = rowsOf(http().get("/api/v1/admin/usage?groupBy=day" + period, adminToken).json());

        assertThat(byUser).extracting(row -> row.get("key").asString()).containsExactly(alan.email(), anna.email(), bea.email());
        assertThat(byModel).extracting(row -> row.get("key").asString()).containsExactly(model, "offline-planner");
        assertThat(byModel.getFirst().get("promptTokens").asLong()).isEqualTo(3_500);
        assertThat(byDay).extracting(row -> row.get("key").asString()).containsExactly(year + "-03-05", year + "-03-06");
        assertThat(byDay).extracting(row -> row.get("questions").asLong()).containsExactly(2L, 2L);
    }

    @Test
    void theReportComesAsCsvForSpreadsheets() {
        var reply = http().get("/api/v1/admin/usage?groupBy=client" + period, adminToken, "text/csv");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body().split("\r\n")).containsExactly(
                "client,questions,model_questions,prompt_tokens,completion_tokens,cost_usd",
                clientA + ",3,2,3000,300,0.0105",
                "\"" + clientB + "\",1,1,500,50,0.00175",
                "total,4,3,3500,350,0.01225");
    }

    @Test
    void badParametersAreRefusedWithTheirCodeAndUsersAreNotLetIn() {
        var badGrouping = http().get("/api/v1/admin/usage?groupBy=planet", adminToken);
        var badDate = http().get("/api/v1/admin/usage?from=2001-13-01", adminToken);
        var backwards = http().get("/api/v1/admin/usage?from=2001-03-31&to=2001-03-01", adminToken);
        var tooLong = http().get("/api/v1/admin/usage?from=1999-01-01&to=2001-03-01", adminToken);
        var user = aUser();
        users.create(user);
        var asUser = http().get("/api/v1/admin/usage", http().token(user.email(), user.password()));

        assertThat(badGrouping.text("code")).isEqualTo("invalid_group_by");
        assertThat(badDate.text("code")).isEqualTo("invalid_date");
        assertThat(backwards.text("code")).isEqualTo("invalid_period");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(asUser.status()).isEqualTo(403);
    }

    private static List<JsonNode> rowsOf(JsonNode report) {
        var rows = new ArrayList<JsonNode>();
        report.get("rows").forEach(rows::add);
        return rows;
    }
}
