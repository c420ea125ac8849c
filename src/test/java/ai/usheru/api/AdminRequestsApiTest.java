package ai.usheru.api;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import ai.usheru.audit.ApiRequestLog;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestHttp;
import ai.usheru.support.TestUsers;

/**
 * The API request log read over the API. A user of the test's own makes four calls (two answered, a 404
 * and a 403), so filtering by that user's e-mail shows exactly those.
 */
class AdminRequestsApiTest extends IntegrationTest {

    @Autowired
    TestUsers users;

    @Autowired
    ApiRequestLog requestLog;

    String adminToken;
    String email;

    @BeforeEach
    void fourCallsOfAUser() {
        adminToken = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        var user = aUser();
        users.create(user);
        email = user.email();
        String token = http().token(user.email(), user.password());
        assertThat(http().get("/api/v1/me/notifications", token).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/me/notifications", token).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/nothing-here", token).status()).isEqualTo(404);
        assertThat(http().get("/api/v1/admin/usage", token).status()).isEqualTo(403);
        awaitCalls(4);
    }

    @Test
    void theUsersCallsNewestFirstWithASummary() {
        var reply = http().get("/api/v1/admin/requests?user=" + email.toUpperCase(), adminToken);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var requests = requestsOf(reply.json());
        assertThat(requests).extracting(r -> r.get("path").asString())
                .containsExactly("/api/v1/admin/usage", "(unmatched)", "/api/v1/me/notifications", "/api/v1/me/notifications");
        assertThat(requests).extracting(r -> r.get("status").asInt()).containsExactly(403, 404, 200, 200);
        assertThat(requests.getFirst().get("who").asString()).isEqualTo(email);
        assertThat(requests.getFirst().get("method").asString()).isEqualTo("GET");
        JsonNode summary = reply.json().get("summary");
        assertThat(summary.get("calls").asLong()).isEqualTo(4);
        assertThat(summary.get("errors").asLong()).isEqualTo(2);
        assertThat(summary.get("errorRate").asDouble()).isEqualTo(0.5);
        assertThat(summary.get("p50Ms").isNull()).isFalse();
        assertThat(summary.get("p95Ms").asLong()).isGreaterThanOrEqualTo(summary.get("p50Ms").asLong());
    }

    @Test
    void filtersByStatusClassExactStatusPathAndPage() {
        assertThat(paths("&status=4xx")).containsExactly("/api/v1/admin/usage", "(unmatched)");
        assertThat(paths("&status=404")).containsExactly("(unmatched)");
        assertThat(paths("&status=5xx")).isEmpty();
        assertThat(paths("&path=NOTIFICATIONS")).hasSize(2);
        assertThat(paths("&from=2000-01-01&to=2000-12-31")).isEmpty();

        var firstPage = http().get("/api/v1/admin/requests?limit=3&user=" + email, adminToken).json();
        assertThat(requestsOf(firstPage)).hasSize(3);
        assertThat(paths("&before=" + firstPage.get("nextBefore").asLong())).containsExactly("/api/v1/me/notifications");
        assertThat(firstPage.get("summary").get("calls").asLong()).as("the summary counts all the filter matches").isEqualTo(4);
    }

    @Test
    void theLogComesAsCsv() {
        TestHttp.Reply csv = http().get("/api/v1/admin/requests?status=4xx&user=" + email, adminToken, "text/csv");

        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("id,when,who,method,path,status,duration_ms");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains("," + email + ",GET,/api/v1/admin/usage,403,");
        assertThat(lines[2]).contains("," + email + ",GET,(unmatched),404,");
        assertThat(http().get("/api/v1/admin/requests?format=csv&status=4xx&user=" + email, adminToken).body()).isEqualTo(csv.body());
    }

    @Test
    void badFiltersAreRefusedWithTheirCode() {
        assertThat(http().get("/api/v1/admin/requests?status=4x", adminToken).text("code")).isEqualTo("invalid_status");
        assertThat(http().get("/api/v1/admin/requests?status=600", adminToken).text("code")).isEqualTo("invalid_status");
        assertThat(http().get("/api/v1/admin/requests?limit=5000", adminToken).text("code")).isEqualTo("invalid_limit");
        assertThat(http().get("/api/v1/admin/requests?from=2026-03-02T10:00:00Z&to=2026-03-02T09:00:00Z", adminToken).text("code"))
                .isEqualTo("invalid_period");
    }

    private List<String> paths(String query) {
        var reply = http().get("/api/v1/admin/requests?user=" + email + query, adminToken);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return requestsOf(reply.json()).stream().map(r -> r.get("path").asString()).toList();
    }

    /** Calls are logged after their answer is sent and written within a flush: wait up to five seconds. */
    private void awaitCalls(int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long calls = -1;
        while (System.nanoTime() < deadline) {
            requestLog.flush();
            calls = http().get("/api/v1/admin/requests?user=" + email, adminToken).json().get("summary").get("calls").asLong();
            if (calls == expected) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Expected " + expected + " logged calls of " + email + " but found " + calls);
    }

    private static List<JsonNode> requestsOf(JsonNode report) {
        var requests = new ArrayList<JsonNode>();
        report.get("requests").forEach(requests::add);
        return requests;
    }
}
