package ai.usheru.api;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.llm.LlmModels;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

class AdminModelsApiTest extends IntegrationTest {

    @Autowired
    TestUsers users;

    @Autowired
    LlmModels models;

    @Test
    void anAdminAddsAModelThenChangesItsPricesAndDisablesIt() {
        String admin = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        String name = "llama-" + UUID.randomUUID().toString().substring(0, 8);

        var created = http().putJson("/api/v1/admin/models/" + name, Map.of("baseUrl", "http://localhost:11434/v1",
                "inputUsdPerMTok", 0.15, "outputUsdPerMTok", 0.6), admin);
        var updated = http().putJson("/api/v1/admin/models/" + name, Map.of("baseUrl", "https://llm.example.com/v1",
                "apiKeyEnv", "LLAMA_KEY", "inputUsdPerMTok", 0.2, "outputUsdPerMTok", 0.8, "enabled", false), admin);
        var listed = http().get("/api/v1/admin/models", admin);

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("enabled").asBoolean()).isTrue();
        assertThat(created.json().get("apiKeyEnv").asString()).isEmpty();
        assertThat(updated.json().get("outputUsdPerMTok").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(listed.status()).isEqualTo(200);
        var model = models.find(name).orElseThrow();
        assertThat(model.baseUrl()).isEqualTo("https://llm.example.com/v1");
        assertThat(model.apiKeySource()).isEqualTo("env:LLAMA_KEY");
        assertThat(model.inputUsdPerMillion()).isEqualByComparingTo("0.2");
        assertThat(model.enabled()).isFalse();
        assertThat(models.enabledNames()).doesNotContain(name);
        assertThat(listed.body()).contains(name).contains("\"keyPresent\":false");
    }

    @Test
    void badSettingsAreExplainedAndNothingChanges() {
        String admin = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        String name = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        http().putJson("/api/v1/admin/models/" + name, Map.of("baseUrl", "https://api.example.com/v1", "inputUsdPerMTok", 1), admin);

        var badUrl = http().putJson("/api/v1/admin/models/" + name, Map.of("baseUrl", "ftp://nowhere"), admin);
        var badPrice = http().putJson("/api/v1/admin/models/" + name, Map.of("baseUrl", "https://api.example.com/v1",
                "inputUsdPerMTok", -1), admin);
        var badKey = http().putJson("/api/v1/admin/models/" + name, Map.of("baseUrl", "https://api.example.com/v1",
                "apiKeyEnv", "sk-live-secret-key-pasted-here!"), admin);
        var notJson = http().putJson("/api/v1/admin/models/" + name, "{not json", admin);

        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.text("code")).isEqualTo("invalid_base_url");
        assertThat(badPrice.text("code")).isEqualTo("invalid_price");
        assertThat(badKey.text("code")).isEqualTo("invalid_key_source");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body()).doesNotContain("Exception");
        assertThat(models.find(name).orElseThrow().inputUsdPerMillion()).isEqualByComparingTo("1");
    }

    @Test
    void usersMayNotManageModels() {
        var user = aUser();
        users.create(user);
        String token = http().token(user.email(), user.password());

        assertThat(http().get("/api/v1/admin/models", token).status()).isEqualTo(403);
        assertThat(http().putJson("/api/v1/admin/models/sneaky", Map.of("baseUrl", "https://evil.example/v1"), token).status())
                .isEqualTo(403);
        assertThat(models.find("sneaky")).isEmpty();
    }
}
