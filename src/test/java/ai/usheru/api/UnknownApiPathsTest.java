package ai.usheru.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestHttp;

/** A path the API does not serve answers JSON, never the UI's page, and no API call opens an HTTP session. */
class UnknownApiPathsTest extends IntegrationTest {

    @Test
    void anUnknownPathIs404AndAKnownPathWithTheWrongMethodIs405InJsonWithoutASession() {
        String token = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);

        TestHttp.Reply unknown = http().putJson("/api/v1/me/anything", Map.of("a", 1), token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("not_found");
        assertThat(unknown.header("Set-Cookie")).as("no session for an API call").isNull();

        TestHttp.Reply deeper = http().get("/api/v2/ask", token);
        assertThat(deeper.status()).isEqualTo(404);
        assertThat(deeper.header("Content-Type")).startsWith("application/json");

        TestHttp.Reply wrongMethod = http().get("/api/v1/ask", token);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("code").asString()).isEqualTo("method_not_allowed");
        assertThat(wrongMethod.header("Allow")).contains("POST");

        TestHttp.Reply html = http().get("/api/v1/admin/models", token, "text/html");
        assertThat(html.status()).as("the path and method exist, the media type does not fit").isEqualTo(406);
        assertThat(html.json().get("code").asString()).isEqualTo("not_acceptable");

        TestHttp.Reply withoutToken = http().get("/api/v1/nothing-here", null);
        assertThat(withoutToken.status()).as("the API asks for a token before saying what exists").isEqualTo(401);
        assertThat(withoutToken.header("Set-Cookie")).isNull();

        TestHttp.Reply asked = http().postJson("/api/v1/ask", Map.of("question", "Top 3 films by box office"), token);
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.header("Set-Cookie")).as("no session for an API call").isNull();
    }
}
