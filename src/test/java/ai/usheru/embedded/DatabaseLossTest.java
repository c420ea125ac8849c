package ai.usheru.embedded;

import static ai.usheru.db.Tables.THREADS;
import static ai.usheru.db.Tables.USAGE_RECORDS;
import static ai.usheru.db.Tables.USERS;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import ai.usheru.accounts.Account;
import ai.usheru.quota.AbandonedReservations;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestHttp;
import ai.usheru.support.TestUsers;

/**
 * The application database dies under load (its postmaster killed with SIGKILL) and comes back: while
 * it is gone every call is answered 503 {@code database_unavailable} with Retry-After within a couple of
 * seconds — never a 500 or a hang — health says DOWN quickly, the watchdog starts PostgreSQL again, and
 * afterwards every acknowledged write is there, no failed ask was charged and no reservation is left
 * half-done. Its own context (its own PostgreSQL), so no other test sees the outage.
 */
@TestPropertySource(properties = "app.test.context=database-loss")
class DatabaseLossTest extends IntegrationTest {

    @Autowired
    TestUsers users;

    @Autowired
    DSLContext db;

    @Autowired
    EmbeddedDatabase database;

    @Autowired
    AbandonedReservations abandoned;

    private record Call(String kind, int status, String code, String retryAfter, long millis, long atMillis, String id) {}

    @Test
    void aKilledDatabaseIsAnsweredWith503AndComesBackWithEveryAcknowledgedWrite() throws Exception {
        var user = aUser();
        Account account = users.create(user);
        String token = http().token(user.email(), user.password());
        String adminToken = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);

        var calls = new ConcurrentLinkedQueue<Call>();
        var running = new AtomicBoolean(true);
        long origin = System.nanoTime();
        long killedAt;
        long healthyAgainAt = -1;
        long slowestHealth = 0;
        int healthDown = 0;
        try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < 3; client++) {
                load.submit(() -> {
                    while (running.get()) {
                        calls.add(call("ask", origin, () -> http().postJson("/api/v1/ask",
                                Map.of("question", "Top 5 films by box office"), token), reply -> reply.text("threadId")));
                    }
                });
            }
            load.submit(() -> {
                while (running.get()) {
                    String email = "loss-" + UUID.randomUUID() + "@usheru.test";
                    calls.add(call("user", origin, () -> http().postJson("/api/v1/admin/users",
                            Map.of("email", email, "password", "password-123", "role", "USER"), adminToken), reply -> email));
                }
            });
            Thread.sleep(1500);

            long pid = database.postmasterPid().orElseThrow();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            killedAt = elapsed(origin);

            // Health is asked throughout: it must answer fast, and say UP again once PostgreSQL is back.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                long before = System.nanoTime();
                TestHttp.Reply health = http().get("/api/v1/health");
                slowestHealth = Math.max(slowestHealth, (System.nanoTime() - before) / 1_000_000);
                if (health.status() == 503) {
                    healthDown++;
                } else if (elapsed(origin) - killedAt > 3_000) {
                    healthyAgainAt = elapsed(origin);
                    break;
                }
                Thread.sleep(100);
            }
            Thread.sleep(1500);
            running.set(false);
        }

        List<Call> all = new ArrayList<>(calls);
        Map<String, Long> byOutcome = all.stream().collect(Collectors.groupingBy(
                call -> call.kind() + " " + call.status() + (call.code() == null ? "" : " " + call.code()), TreeMap::new, Collectors.counting()));
        long slowestError = all.stream().filter(call -> call.status() != 200 && call.status() != 201).mapToLong(Call::millis).max().orElse(0);
        long lastFailureAt = all.stream().filter(call -> call.status() != 200 && call.status() != 201).mapToLong(Call::atMillis).max().orElse(-1);
        System.out.printf("Database loss: killed at %d ms, last failed call ended at %d ms (%d ms after the kill); calls by outcome %s; "
                + "slowest error reply %d ms; health DOWN %d times, slowest health reply %d ms%n", killedAt, lastFailureAt,
                lastFailureAt - killedAt, byOutcome, slowestError, healthDown, slowestHealth);

        assertThat(healthyAgainAt).as("health is UP again").isPositive();
        assertThat(slowestHealth).as("health answers within seconds").isLessThan(6_000);
        assertThat(all).allSatisfy(call -> {
            assertThat(call.status()).as("%s", call).isIn(200, 201, 503);
            if (call.status() == 503) {
                assertThat(call.code()).isEqualTo("database_unavailable");
                assertThat(call.retryAfter()).isNotBlank();
            }
        });
        assertThat(all).filteredOn(call -> call.status() == 503).as("the outage was seen by the load").isNotEmpty();
        assertThat(slowestError).as("an outage is answered within seconds, not the pool's 30 s").isLessThan(6_000);
        assertThat(lastFailureAt - killedAt).as("the watchdog brought PostgreSQL back").isLessThan(20_000);
        assertThat(all).filteredOn(call -> call.atMillis() > lastFailureAt + 1_000)
                .as("calls after recovery succeed").isNotEmpty().allSatisfy(call -> assertThat(call.status()).isIn(200, 201));

        List<String> acknowledgedThreads = all.stream().filter(call -> call.kind().equals("ask") && call.status() == 200).map(Call::id).toList();
        List<String> acknowledgedUsers = all.stream().filter(call -> call.kind().equals("user") && call.status() == 201).map(Call::id).toList();
        assertThat(db.fetchCount(THREADS, THREADS.ID.in(acknowledgedThreads.stream().map(UUID::fromString).toList())))
                .as("every answered ask's thread survived").isEqualTo(acknowledgedThreads.stream().distinct().count());
        assertThat(db.fetchCount(USERS, USERS.EMAIL.in(acknowledgedUsers))).as("every created user survived").isEqualTo(acknowledgedUsers.size());
        assertThat(db.fetchCount(USAGE_RECORDS, USAGE_RECORDS.USER_ID.eq(account.id()).and(USAGE_RECORDS.STATE.eq("SETTLED"))))
                .as("exactly the answered asks are charged").isEqualTo(acknowledgedThreads.size());
        // Asks that failed while the database was away could not release their reservations; the sweep does
        // (after 15 minutes in production; at once here, with the load stopped).
        abandoned.release(Duration.ZERO);
        assertThat(db.fetchCount(USAGE_RECORDS, USAGE_RECORDS.USER_ID.eq(account.id()).and(USAGE_RECORDS.STATE.eq("RESERVED"))))
                .as("no reservation is left open").isZero();
    }

    private Call call(String kind, long origin, java.util.function.Supplier<TestHttp.Reply> request,
            java.util.function.Function<TestHttp.Reply, String> id) {
        long started = System.nanoTime();
        TestHttp.Reply reply;
        try {
            reply = request.get();
        } catch (AssertionError e) {
            return new Call(kind, -1, e.getMessage(), null, (System.nanoTime() - started) / 1_000_000, elapsed(origin), null);
        }
        boolean ok = reply.status() == 200 || reply.status() == 201;
        boolean json = reply.header("Content-Type") != null && reply.header("Content-Type").startsWith("application/json");
        return new Call(kind, reply.status(), ok || !json ? null : reply.text("code"), reply.header("Retry-After"),
                (System.nanoTime() - started) / 1_000_000, elapsed(origin), ok ? id.apply(reply) : null);
    }

    private static long elapsed(long origin) {
        return (System.nanoTime() - origin) / 1_000_000;
    }
}
