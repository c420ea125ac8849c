package ai.usheru.audit;

import static ai.usheru.db.Tables.API_REQUEST_LOG;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.accounts.Account;
import ai.usheru.db.tables.records.ApiRequestLogRecord;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/**
 * Every API call is logged once it is answered — refusals and streams included — by its path template, and
 * never with its query string or token. Each test calls as a user of its own, so its rows are told apart by user id.
 */
class ApiRequestLogTest extends IntegrationTest {

    @Autowired
    ApiRequestLog requestLog;

    @Autowired
    TestUsers users;

    @Autowired
    DSLContext db;

    Account caller;
    String token;
    OffsetDateTime started;

    @BeforeEach
    void aCallerOfItsOwn() {
        started = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        var user = aUser();
        caller = users.create(user);
        token = http().token(user.email(), user.password());
    }

    @Test
    void aCallIsLoggedByItsTemplateWithCallerStatusAndDurationButNotItsQueryString() {
        String secret = "secret-" + UUID.randomUUID();

        var reply = http().get("/api/v1/me/notifications?note=" + secret, token);

        assertThat(reply.status()).isEqualTo(200);
        var row = awaitRow(r -> caller.id().equals(r.getUserId()) && r.getPath().equals("/api/v1/me/notifications"));
        assertThat(row.getMethod()).isEqualTo("GET");
        assertThat(row.getStatus()).isEqualTo(200);
        assertThat(row.getDurationMs()).isNotNegative();
        assertThat(pathsSinceStart()).as("no query string is stored").noneMatch(path -> path.contains(secret));
    }

    @Test
    void aPathWithAnIdIsLoggedAsItsTemplate() {
        String id = UUID.randomUUID().toString();

        var reply = http().patchJson("/api/v1/admin/users/" + id, Map.of("role", "USER"), token);

        assertThat(reply.status()).as("a user may not change users").isEqualTo(403);
        var row = awaitRow(r -> caller.id().equals(r.getUserId()) && r.getStatus() == 403);
        assertThat(row.getPath()).isEqualTo("/api/v1/admin/users/{id}");
        assertThat(row.getMethod()).isEqualTo("PATCH");
        assertThat(pathsSinceStart()).noneMatch(path -> path.contains(id));
    }

    @Test
    void refusalsWithoutAValidTokenAreLoggedWithoutTheToken() {
        String badToken = "not-a-token-" + UUID.randomUUID();

        var anonymous = http().get("/api/v1/me/notifications", null);
        var unknownToken = http().get("/api/v1/admin/users", badToken);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(unknownToken.status()).isEqualTo(401);
        var refused = awaitRow(r -> r.getUserId() == null && r.getStatus() == 401 && r.getPath().equals("/api/v1/admin/users"));
        assertThat(refused.getMethod()).isEqualTo("GET");
        awaitRow(r -> r.getUserId() == null && r.getStatus() == 401 && r.getPath().equals("/api/v1/me/notifications"));
        assertThat(pathsSinceStart()).noneMatch(path -> path.contains(badToken));
    }

    @Test
    void anUnknownPathIsLoggedAsUnmatchedNotAsTheRawPath() {
        String junk = "junk-" + UUID.randomUUID();

        var reply = http().get("/api/v1/" + junk + "/deeper", token);

        assertThat(reply.status()).isEqualTo(404);
        var row = awaitRow(r -> caller.id().equals(r.getUserId()) && r.getStatus() == 404);
        assertThat(row.getPath()).isEqualTo(ApiRequestLogFilter.UNMATCHED);
        assertThat(pathsSinceStart()).noneMatch(path -> path.contains(junk));
    }

    @Test
    void aStreamedAskIsLoggedOnceWhenItsStreamCompletes() throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ask"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"Top 3 films by box office\"}"))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsPattern("event: ?done");
        var row = awaitRow(r -> caller.id().equals(r.getUserId()) && r.getPath().equals("/api/v1/ask"));
        assertThat(row.getStatus()).isEqualTo(200);
        Thread.sleep(300);
        requestLog.flush();
        assertThat(rowsSinceStart()).filteredOn(r -> caller.id().equals(r.getUserId()) && r.getPath().equals("/api/v1/ask"))
                .as("logged once, not per dispatch").hasSize(1);
    }

    @Test
    void theRetentionJobDeletesCallsOlderThanTheConfiguredDays() {
        long old = insertAt(OffsetDateTime.now(ZoneOffset.UTC).minusDays(31));
        long recent = insertAt(OffsetDateTime.now(ZoneOffset.UTC).minusDays(29));

        new ApiRequestLogRetentionJob(requestLog).prune();

        assertThat(db.fetchExists(API_REQUEST_LOG, API_REQUEST_LOG.ID.eq(old))).as("31 days old, past the default 30").isFalse();
        assertThat(db.fetchExists(API_REQUEST_LOG, API_REQUEST_LOG.ID.eq(recent))).as("29 days old").isTrue();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() {
        var log = new ApiRequestLog(null, 30);
        var call = new ApiCall(null, "GET", "/api/v1/health", 200, 1, java.time.Instant.now());
        for (int i = 0; i < ApiRequestLog.CAPACITY + 3; i++) {
            log.log(call);
        }
        assertThat(log.dropped()).isEqualTo(3);
    }

    private long insertAt(OffsetDateTime at) {
        return db.insertInto(API_REQUEST_LOG)
                .set(API_REQUEST_LOG.METHOD, "GET")
                .set(API_REQUEST_LOG.PATH, "/api/v1/health")
                .set(API_REQUEST_LOG.STATUS, 200)
                .set(API_REQUEST_LOG.DURATION_MS, 1L)
                .set(API_REQUEST_LOG.CREATED_AT, at)
                .returning(API_REQUEST_LOG.ID)
                .fetchSingle(API_REQUEST_LOG.ID);
    }

    /** The call is logged after its answer is sent, and written within a flush: wait up to five seconds for it. */
    private ApiRequestLogRecord awaitRow(Predicate<ApiRequestLogRecord> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            requestLog.flush();
            var found = rowsSinceStart().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No such call in the request log; since the test started it holds " + pathsSinceStart());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private List<ApiRequestLogRecord> rowsSinceStart() {
        return db.selectFrom(API_REQUEST_LOG).where(API_REQUEST_LOG.CREATED_AT.ge(started)).fetch();
    }

    private List<String> pathsSinceStart() {
        return rowsSinceStart().stream().map(ApiRequestLogRecord::getPath).toList();
    }
}
