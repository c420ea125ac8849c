package ai.usheru.api;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/** The model registry over the admin API: list, one version's held-out cases, retrain, approve, pin, unpin — admins only. */
class AdminPredictionModelsApiTest extends IntegrationTest {

    @Autowired
    TestUsers users;

    @Test
    void anAdminRetrainsApprovesAndPinsAVersionForAClientAndAUserCannot() {
        String admin = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        String client = "Registry Pictures " + UUID.randomUUID();
        var analyst = aUser().ofClient(client);
        users.create(analyst);
        String userToken = http().token(analyst.email(), analyst.password());
        assertThat(http().get("/api/v1/admin/prediction-models", userToken).status()).isEqualTo(403);

        var retrained = http().postJson("/api/v1/admin/prediction-models/retrain?name=series-yearly", Map.of(), admin);
        assertThat(retrained.status()).as(retrained.body()).isEqualTo(200);
        JsonNode version = retrained.json();
        assertThat(version.get("name").asString()).isEqualTo("series-yearly");
        assertThat(version.get("backtest").get("skill").asDouble()).isPositive();
        String id = version.get("id").asString();

        JsonNode one = http().get("/api/v1/admin/prediction-models/" + id, admin).json();
        assertThat(one.get("backtest").get("points").size()).as("the held-out cases for the chart").isGreaterThan(100);
        assertThat(one.get("backtest").get("byPeriod").size()).isPositive();

        if (!"approved".equals(version.get("status").asString())) {
            var approved = http().postJson("/api/v1/admin/prediction-models/" + id + "/approve", Map.of(), admin);
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(approved.json().get("status").asString()).isEqualTo("approved");
        }
        var pinned = http().putJson("/api/v1/admin/prediction-models/pins", Map.of("versionId", id, "client",
                client), admin);
        assertThat(pinned.status()).as(pinned.body()).isEqualTo(200);
        JsonNode listed = http().get("/api/v1/admin/prediction-models", admin).json();
        assertThat(listed.get("versions").size()).isGreaterThanOrEqualTo(1);
        assertThat(listed.get("versions").get(0).has("backtest")).isTrue();
        assertThat(listed.get("pins").toString()).contains(id, client);

        JsonNode forecast = http().postJson("/api/v1/ask", Map.of("question", "Forecast next year's box office"), userToken).json();
        assertThat(forecast.get("prediction").get("version").asString()).as("the client's pinned version")
                .isEqualTo(version.get("version").asString());

        String pinId = pinned.json().get("id").asString();
        assertThat(http().delete("/api/v1/admin/prediction-models/pins/" + pinId, admin).status()).isEqualTo(204);
        assertThat(http().delete("/api/v1/admin/prediction-models/pins/" + pinId, admin).json().get("code").asString()).isEqualTo("unknown_pin");
        assertThat(http().putJson("/api/v1/admin/prediction-models/pins", Map.of("versionId", id, "client", "Nobody Films"), admin).json()
                .get("code").asString()).isEqualTo("unknown_client");
        assertThat(http().postJson("/api/v1/admin/prediction-models/not-an-id/approve", Map.of(), admin).json().get("code").asString())
                .isEqualTo("bad_id");
        assertThat(http().postJson("/api/v1/admin/prediction-models/retrain?name=crystal-ball", Map.of(), admin).status()).isEqualTo(404);
    }
}
