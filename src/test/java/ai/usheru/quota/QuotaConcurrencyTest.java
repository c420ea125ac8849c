package ai.usheru.quota;

import static ai.usheru.db.Tables.USAGE_RECORDS;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import ai.usheru.Application;
import ai.usheru.accounts.Account;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/** Quotas hold exactly under concurrent asks, on one instance and on two sharing one database. */
class QuotaConcurrencyTest extends IntegrationTest {

    private static final Quota TEN_A_DAY = new Quota(10, null, null, null, null);

    @Autowired
    TestUsers users;

    @Autowired
    DSLContext db;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void twoHundredParallelAsksWithAQuotaOfTenGetExactlyTenAnswers() throws Exception {
        var user = aUser().withQuota(TEN_A_DAY);
        Account account = users.create(user);
        String token = http().token(user.email(), user.password());

        List<Integer> statuses = askInParallel(200, index -> port, token);

        assertThat(statuses.stream().filter(status -> status == 200).count()).isEqualTo(10);
        assertThat(statuses.stream().filter(status -> status == 429).count()).isEqualTo(190);
        assertThat(db.fetchCount(USAGE_RECORDS, USAGE_RECORDS.USER_ID.eq(account.id()).and(USAGE_RECORDS.STATE.eq("SETTLED"))))
                .as("the ledger holds exactly the answered asks").isEqualTo(10);
        assertThat(db.fetchCount(USAGE_RECORDS, USAGE_RECORDS.USER_ID.eq(account.id()).and(USAGE_RECORDS.STATE.eq("RESERVED"))))
                .isZero();
    }

    @Test
    void aRefusedAskSaysWhichLimitAndWhenItResets() {
        var user = aUser().withQuota(new Quota(1, null, null, null, null));
        users.create(user);
        String token = http().token(user.email(), user.password());
        assertThat(http().postJson("/api/v1/ask", Map.of("question", "Top 5 films"), token).status()).isEqualTo(200);

        var refused = http().postJson("/api/v1/ask", Map.of("question", "Top 5 films"), token);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text("code")).isEqualTo("quota_exceeded");
        assertThat(refused.text("message")).contains("1 questions for today").contains("resets at");
    }

    @Test
    void aFailedAskCostsNothing() {
        var user = aUser().withQuota(new Quota(1, null, null, null, null));
        Account account = users.create(user);
        String token = http().token(user.email(), user.password());

        var rejected = http().postJson("/api/v1/query", Map.of("sql", "DELETE FROM movies"), token);
        var answered = http().postJson("/api/v1/ask", Map.of("question", "Top 5 films"), token);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(answered.status()).as("the failed query released its reservation").isEqualTo(200);
        assertThat(answered.json().get("quota").get("queriesLeftToday").asInt()).isZero();
        assertThat(db.fetchCount(USAGE_RECORDS, USAGE_RECORDS.USER_ID.eq(account.id()).and(USAGE_RECORDS.STATE.eq("RELEASED"))))
                .isEqualTo(1);
    }

    @Test
    void twoInstancesOnOneDatabaseStillGiveExactlyTen() throws Exception {
        String jdbcUrl = ((HikariDataSource) dataSource).getJdbcUrl();
        try (var second = SpringApplication.run(Application.class,
                "--server.port=0",
                "--app.data-dir=" + Files.createTempDirectory("second-instance"),
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--app.admin.email=" + ADMIN_EMAIL,
                "--app.admin.password=" + ADMIN_PASSWORD)) {
            int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
            var user = aUser().withQuota(TEN_A_DAY);
            Account account = users.create(user);
            String token = http().token(user.email(), user.password());

            List<Integer> statuses = askInParallel(200, index -> index % 2 == 0 ? port : secondPort, token);

            assertThat(statuses.stream().filter(status -> status == 200).count()).isEqualTo(10);
            assertThat(statuses.stream().filter(status -> status == 429).count()).isEqualTo(190);
            assertThat(db.fetchCount(USAGE_RECORDS, USAGE_RECORDS.USER_ID.eq(account.id()).and(USAGE_RECORDS.STATE.eq("SETTLED"))))
                    .isEqualTo(10);
        }
    }

    private static List<Integer> askInParallel(int asks, java.util.function.IntUnaryOperator portOf, String token) throws Exception {
        HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int index = 0; index < asks; index++) {
                int target = portOf.applyAsInt(index);
                calls.add(() -> client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + target + "/api/v1/ask"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Top 5 films by box office\"}"))
                                .build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode());
            }
            var statuses = new ArrayList<Integer>();
            for (Future<Integer> future : pool.invokeAll(calls)) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }
}
