package ai.usheru.llm;

import static ai.usheru.db.Tables.DATAMARTS;
import static ai.usheru.db.Tables.PROMPT_VERSIONS;
import static ai.usheru.db.Tables.USAGE_RECORDS;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.accounts.Account;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/**
 * With rows allowed to reach the model, the answer is written by it and streamed token by token over
 * SSE; usage comes from the stream's final chunk and is billed with the SQL call's.
 */
@TestPropertySource(properties = {"app.llm.answer-from-rows=true", "app.llm.timeout=3s"})
class LlmStreamingTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> TOKENS = List.of("There ", "are ", "3,200 ", "films.");

    @Autowired
    LlmModels models;

    @Autowired
    TestUsers users;

    @Autowired
    DSLContext db;

    private HttpServer server;
    /** Every request body the fake model received, in order. */
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
        models.register("stream-model", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "env:NO_SUCH_KEY",
                new BigDecimal("1.00"), new BigDecimal("2.00"));
    }

    @AfterEach
    void stopModel() {
        server.stop(0);
    }

    private void complete(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(request);
        boolean streaming = JSON.readTree(request).path("stream").asBoolean(false);
        if (!streaming) {
            String content = JSON.writeValueAsString(Map.of("sql", "SELECT COUNT(*) AS films FROM movies", "rationale", "Counted."));
            byte[] body = JSON.writeValueAsString(Map.of("id", "c1", "object", "chat.completion", "created", 1_700_000_000,
                    "model", "stream-model", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                            "message", Map.of("role", "assistant", "content", content))),
                    "usage", Map.of("prompt_tokens", 500, "completion_tokens", 20, "total_tokens", 520))).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String token : TOKENS) {
                send(out, Map.of("id", "c2", "object", "chat.completion.chunk", "created", 1_700_000_000, "model", "stream-model",
                        "choices", List.of(Map.of("index", 0, "delta", Map.of("role", "assistant", "content", token)))));
            }
            send(out, Map.of("id", "c2", "object", "chat.completion.chunk", "created", 1_700_000_000, "model", "stream-model",
                    "choices", List.of(Map.of("index", 0, "delta", Map.of(), "finish_reason", "stop"))));
            send(out, Map.of("id", "c2", "object", "chat.completion.chunk", "created", 1_700_000_000, "model", "stream-model",
                    "choices", List.of(), "usage", Map.of("prompt_tokens", 300, "completion_tokens", 12, "total_tokens", 312)));
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(OutputStream out, Map<String, Object> chunk) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void theAnswerStreamsTokenByTokenAndBothCallsAreBilled() throws Exception {
        var user = aUser();
        Account account = users.create(user);
        String token = http().token(user.email(), user.password());
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ask"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Which films have titles starting with Star?\"}"))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        var names = new ArrayList<String>();
        var tokens = new ArrayList<String>();
        String done = null;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("event:")) {
                names.add(line.substring(6).strip());
            } else if (line.startsWith("data:") && "token".equals(names.getLast())) {
                tokens.add(JSON.readTree(line.substring(5)).get("text").asString());
            } else if (line.startsWith("data:") && "done".equals(names.getLast())) {
                done = line.substring(5);
            }
        }
        assertThat(tokens).containsExactlyElementsOf(TOKENS);
        assertThat(names.indexOf("token")).isGreaterThan(names.indexOf("result")).isLessThan(names.indexOf("answer"));
        var reply = JSON.readTree(done);
        assertThat(reply.get("answer").asString()).startsWith("There are 3,200 films.");
        assertThat(reply.get("usage").get("promptTokens").asLong()).isEqualTo(800);
        assertThat(reply.get("usage").get("completionTokens").asLong()).isEqualTo(32);
        assertThat(reply.get("usage").get("costUsd").decimalValue()).isEqualByComparingTo("0.000864");
        var ledger = db.selectFrom(USAGE_RECORDS).where(USAGE_RECORDS.USER_ID.eq(account.id())).fetchSingle();
        assertThat(ledger.getPromptTokens()).isEqualTo(800);
        assertThat(ledger.getCompletionTokens()).isEqualTo(32);
    }

    @Test
    void theAdministratorsInstructionsGoIntoTheSystemMessageOfBothCallsForTheQuestionsDatamartOnly() {
        // A second datamart in the catalogue, whose prompt must not reach questions on the first.
        String other = "other_mart_" + UUID.randomUUID().toString().substring(0, 8);
        db.insertInto(DATAMARTS).set(DATAMARTS.CODE, other).set(DATAMARTS.NAME, "Other").set(DATAMARTS.WAREHOUSE, "duckdb").execute();
        String admin = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        try {
            var user = aUser();
            users.create(user);
            String token = http().token(user.email(), user.password());
            assertThat(http().putJson("/api/v1/admin/prompts/system", Map.of("body", "SYSTEM-WIDE: call films pictures."), admin)
                    .status()).isEqualTo(200);
            assertThat(http().putJson("/api/v1/admin/prompts/datamart:usheru_data_mart",
                    Map.of("body", "MART-ONLY: grosses are in US dollars."), admin).status()).isEqualTo(200);
            assertThat(http().putJson("/api/v1/admin/prompts/datamart:" + other, Map.of("body", "OTHER-MART: never shown here."), admin)
                    .status()).isEqualTo(200);

            var reply = http().postJson("/api/v1/ask", Map.of("question", "Which films have titles starting with Star?"), token);

            assertThat(reply.json().get("engine").asString()).as(reply.body()).isEqualTo("llm");
            assertThat(requests).as("the SQL call and the answer call").hasSize(2);
            for (String request : requests) {
                var messages = JSON.readTree(request).get("messages");
                assertThat(messages.get(0).get("role").asString()).isEqualTo("system");
                String system = messages.get(0).get("content").asString();
                assertThat(system).contains("they cannot override the rules above")
                        .contains("=== Administrator's instructions for all datamarts ===\nSYSTEM-WIDE: call films pictures.")
                        .contains("=== Administrator's instructions for datamart usheru_data_mart ===\nMART-ONLY: grosses are in US dollars.")
                        .doesNotContain("OTHER-MART");
                assertThat(system.indexOf("SYSTEM-WIDE")).as("the system prompt comes before the datamart's")
                        .isLessThan(system.indexOf("MART-ONLY"));
                for (int i = 1; i < messages.size(); i++) {
                    assertThat(messages.get(i).get("content").asString()).as("only in the system message").doesNotContain("SYSTEM-WIDE");
                }
            }
            assertThat(requests.getFirst()).as("the SQL call ends on its reply format").contains("MART-ONLY")
                    .containsSubsequence("MART-ONLY", "Answer only with JSON");

            // A change reaches the very next call (this instance forgets what it had read), and an empty text means none.
            http().putJson("/api/v1/admin/prompts/system", Map.of("body", "SYSTEM-WIDE-2: say cinema."), admin);
            http().putJson("/api/v1/admin/prompts/datamart:usheru_data_mart", Map.of("body", ""), admin);
            requests.clear();
            http().postJson("/api/v1/ask", Map.of("question", "Which films have titles starting with Star?"), token);

            assertThat(requests).hasSize(2).allSatisfy(request -> assertThat(request).contains("SYSTEM-WIDE-2: say cinema.")
                    .doesNotContain("SYSTEM-WIDE: call films").doesNotContain("MART-ONLY")
                    .doesNotContain("Administrator's instructions for datamart"));
        } finally {
            http().putJson("/api/v1/admin/prompts/system", Map.of("body", ""), admin);
            http().putJson("/api/v1/admin/prompts/datamart:usheru_data_mart", Map.of("body", ""), admin);
            db.deleteFrom(PROMPT_VERSIONS).where(PROMPT_VERSIONS.NAME.eq("datamart:" + other)).execute();
            db.deleteFrom(DATAMARTS).where(DATAMARTS.CODE.eq(other)).execute();
        }
    }
}
