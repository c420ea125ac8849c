package ai.usheru.ask;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/** A run-away query through the API ends at the time limit with a JSON error, and the server keeps answering. */
@TestPropertySource(properties = {"app.query.timeout=700ms", "app.query.queue-wait=200ms"})
class QueryTimeoutApiTest extends IntegrationTest {

    @Autowired
    TestUsers users;

    @Test
    void aRunawayQueryEndsAtTheTimeoutWithAJsonError() {
        var user = aUser().scopedTo("IE");
        users.create(user);
        String token = http().token(user.email(), user.password());

        var reply = http().postJson("/api/v1/query", Map.of("sql",
                "SELECT COUNT(*) FROM box_office a, box_office b, box_office c WHERE a.gross_usd + b.gross_usd > c.gross_usd"), token);

        assertThat(reply.status()).isEqualTo(408);
        assertThat(reply.text("code")).isEqualTo("query_timeout");
        assertThat(reply.text("message")).contains("stopped");
        var after = http().postJson("/api/v1/ask", Map.of("question", "Top 5 films by box office"), token);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("rows")).hasSize(5);
    }
}
