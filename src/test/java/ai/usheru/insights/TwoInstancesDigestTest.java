package ai.usheru.insights;

import static ai.usheru.db.Tables.DIGESTS;
import static ai.usheru.db.Tables.INSIGHT_WEEKS;
import static ai.usheru.db.Tables.MAIL_OUTBOX;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.zaxxer.hikari.HikariDataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import ai.usheru.Application;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.NotificationService;
import ai.usheru.accounts.NotificationSettings;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;
import ai.usheru.support.UserBuilder;

/**
 * Two instances of the product on one PostgreSQL, both running the scheduled insight job (ShedLock)
 * while an admin on each also starts a run by hand: 200 users, three weeks caught up after a gap, and
 * exactly one digest per subscribed user and week — none to those who unsubscribed or are blocked.
 */
class TwoInstancesDigestTest {

    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterAll
    static void stop() {
        instances.reversed().forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void twoInstancesSendExactlyOneDigestPerSubscribedUserAndWeek() throws Exception {
        var first = start(null, "20s");
        DSLContext db = first.getBean(DSLContext.class);
        TestUsers users = first.getBean(TestUsers.class);
        AccountService accounts = first.getBean(AccountService.class);
        NotificationService notifications = first.getBean(NotificationService.class);

        // The last week processed before the "downtime": three weeks later, the latest complete week.
        LocalDate latest = LocalDate.parse("2010-11-15");
        db.insertInto(INSIGHT_WEEKS).set(INSIGHT_WEEKS.WEEK_START, latest.minusWeeks(3))
                .set(INSIGHT_WEEKS.COMPUTED_AT, OffsetDateTime.now().minusDays(30)).execute();

        String[][] scopes = {{}, {"IE"}, {"GB"}, {"US", "GB"}};
        Set<UUID> subscribed = new HashSet<>();
        Set<UUID> silent = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            UserBuilder user = aUser().withPassword(null).scopedTo(scopes[i % scopes.length]);
            boolean blocked = i % 20 == 7;
            var account = users.create(blocked ? user.blocked() : user);
            if (i % 10 == 3) {
                users.asAdmin(() -> notifications.change(account.id(), new NotificationSettings(false, null)));
                silent.add(account.id());
            } else if (blocked) {
                silent.add(account.id());
            } else {
                subscribed.add(account.id());
            }
        }
        subscribed.add(users.asAdmin(() -> accounts.list()).stream()
                .filter(account -> account.email().equals(IntegrationTest.ADMIN_EMAIL)).findFirst().orElseThrow().id());

        var second = start(((HikariDataSource) first.getBean(javax.sql.DataSource.class)).getJdbcUrl(), "0s");
        // An admin on each instance starts the latest week by hand while the schedules run.
        var byHand = List.of(first, second).stream().map(instance -> CompletableFuture.runAsync(() ->
                instance.getBean(TestUsers.class).asAdmin(() -> instance.getBean(InsightService.class).runNow(latest, true))))
                .toList();
        byHand.forEach(CompletableFuture::join);

        List<LocalDate> weeks = List.of(latest.minusWeeks(2), latest.minusWeeks(1), latest);
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (db.fetchCount(DIGESTS, DIGESTS.WEEK_START.in(weeks)) < subscribed.size() * weeks.size()
                && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        Thread.sleep(4000); // a few more checks of both schedules: nothing may change

        for (LocalDate week : weeks) {
            var rows = db.selectFrom(DIGESTS).where(DIGESTS.WEEK_START.eq(week)).fetch();
            assertThat(rows.stream().map(row -> row.getUserId()).toList()).as("digests of the week of " + week)
                    .hasSize(subscribed.size()).containsExactlyInAnyOrderElementsOf(subscribed);
            long sent = rows.stream().filter(row -> row.getStatus().equals("SENT")).count();
            assertThat(rows.stream().filter(row -> row.getStatus().equals("SENT")).map(row -> row.getMailId()))
                    .doesNotContainNull();
            assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.ID.in(
                    db.select(DIGESTS.MAIL_ID).from(DIGESTS).where(DIGESTS.WEEK_START.eq(week))))).isEqualTo((int) sent);
        }
        assertThat(db.fetchCount(DIGESTS, DIGESTS.USER_ID.in(silent))).isZero();
        int digestMails = db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.SUBJECT.startsWith("Your week in film"));
        assertThat(digestMails).as("every digest mail belongs to exactly one digest")
                .isEqualTo(db.fetchCount(DIGESTS, DIGESTS.STATUS.eq("SENT")));
        assertThat(db.select(DSL.countDistinct(DIGESTS.WEEK_START)).from(DIGESTS).fetchOne().value1())
                .as("only the weeks caught up").isEqualTo(3);
        assertThat(db.fetchCount(DIGESTS, DIGESTS.STATUS.eq("SENT"))).isPositive();
    }

    private static ConfigurableApplicationContext start(String sharedDatabase, String firstCheck) {
        // Arguments, so they win over the tests' own config (which switches the schedule off).
        var arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--app.data-dir=target/test-data/" + UUID.randomUUID(),
                "--app.admin.email=" + IntegrationTest.ADMIN_EMAIL,
                "--app.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
                "--app.insights.schedule=true",
                "--app.insights.first-check=" + firstCheck,
                "--app.insights.check-every=2s",
                "--app.insights.send-hour=0",
                "--app.insights.send-until=24"));
        if (sharedDatabase != null) {
            arguments.add("--spring.datasource.url=" + sharedDatabase);
            arguments.add("--spring.datasource.username=postgres");
        }
        var context = new SpringApplicationBuilder(Application.class).run(arguments.toArray(String[]::new));
        instances.add(context);
        return context;
    }
}
