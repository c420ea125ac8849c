package ai.usheru.llm;

import static ai.usheru.db.Tables.USAGE_RECORDS;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.accounts.Account;
import ai.usheru.memory.Recall;
import ai.usheru.quota.Quota;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/**
 * The LLM engine against a local server speaking the OpenAI chat-completions wire format: the real
 * Spring AI client, the real guard, scope, ledger and prices. Its own context, so its model does not
 * answer for other tests.
 */
@TestPropertySource(properties = "app.llm.timeout=2s")
class LlmEngineTest extends IntegrationTest {

    private static final String QUESTION = "Which films have titles starting with Star?";
    /** The planner reads all but "diverge", and would answer another question. */
    private static final String DIVERGE = "Where do IMDb and Rotten Tomatoes scores diverge most?";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    LlmModels models;

    @Autowired
    TestUsers users;

    @Autowired
    DSLContext db;

    @Autowired
    Recall recall;

    @Autowired
    MeterRegistry meters;

    private HttpServer server;
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    /** The prompt and completion tokens each successful reply reported. */
    private final List<long[]> reported = Collections.synchronizedList(new ArrayList<>());

    /**
     * What the fake model answers next: a status and a content, with token usage. Like a real server it
     * writes no more than the request's {@code max_tokens}; a negative {@code promptTokens} reports a
     * quarter of the request's bytes, about what a tokenizer makes of English.
     */
    record Reply(int status, String content, int promptTokens, int completionTokens) {}

    @BeforeEach
    void startModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
        models.register("test-model", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "env:NO_SUCH_KEY",
                new BigDecimal("2.50"), new BigDecimal("10.00"));
    }

    @AfterEach
    void stopModel() {
        server.stop(0);
    }

    private void complete(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(request);
        Reply reply = script.pollFirst();
        reply = reply == null ? new Reply(500, "{}", 0, 0) : reply;
        if (reply.status() == -1) {
            // A model that never answers in time.
            try {
                Thread.sleep(3_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply = new Reply(200, sqlReply("SELECT 1 AS late", "Too late."), 1, 1);
        }
        long promptTokens = reply.promptTokens() < 0 ? request.getBytes(StandardCharsets.UTF_8).length / 4 : reply.promptTokens();
        var maxTokens = JSON.readTree(request).get("max_tokens");
        long completionTokens = maxTokens == null ? reply.completionTokens() : Math.min(reply.completionTokens(), maxTokens.asLong());
        if (reply.status() == 200) {
            reported.add(new long[] {promptTokens, completionTokens});
        }
        String body = reply.status() != 200 ? "{\"error\": {\"message\": \"boom\", \"type\": \"server_error\"}}"
                : JSON.writeValueAsString(Map.of(
                        "id", "chatcmpl-test",
                        "object", "chat.completion",
                        "created", 1_700_000_000,
                        "model", "test-model",
                        "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                                "message", Map.of("role", "assistant", "content", reply.content()))),
                        "usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens,
                                "total_tokens", promptTokens + completionTokens)));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String sqlReply(String sql, String rationale) {
        return JSON.writeValueAsString(Map.of("sql", sql, "rationale", rationale));
    }

    @Test
    void aQuestionThePlannerCannotReadIsAnsweredByTheModelAndItsUsageIsBilled() {
        var user = aUser();
        Account account = users.create(user);
        String token = http().token(user.email(), user.password());
        script.add(new Reply(200, sqlReply("SELECT COUNT(*) AS films FROM movies WHERE title LIKE 'Star%'",
                "Counted the films whose title starts with Star."), 1_200, 80));

        var reply = http().postJson("/api/v1/ask", Map.of("question", QUESTION), token);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var json = reply.json();
        assertThat(json.get("rows").get(0).get(0).asInt()).isPositive();
        assertThat(json.get("answer").asString()).startsWith("Counted the films");
        assertThat(json.get("usage").get("model").asString()).isEqualTo("test-model");
        assertThat(json.get("usage").get("promptTokens").asLong()).isEqualTo(1_200);
        assertThat(json.get("usage").get("completionTokens").asLong()).isEqualTo(80);
        assertThat(json.get("usage").get("costUsd").decimalValue()).isEqualByComparingTo("0.0038");
        var ledger = db.selectFrom(USAGE_RECORDS).where(USAGE_RECORDS.USER_ID.eq(account.id())).fetchSingle();
        assertThat(ledger.getState()).isEqualTo("SETTLED");
        assertThat(ledger.getPromptTokens()).isEqualTo(1_200);
        assertThat(ledger.getCompletionTokens()).isEqualTo(80);
        assertThat(ledger.getCostUsd()).isEqualByComparingTo("0.0038");
        assertThat(requests.getFirst()).contains("movies -- One row per film").contains("Rules (DuckDB)").contains(QUESTION);
        assertThat(meters.get("usheru.llm.tokens").tags("model", "test-model", "purpose", "sql", "kind", "prompt").counter().count())
                .as("the model's tokens are a metric too").isGreaterThanOrEqualTo(1_200);
        assertThat(meters.get("usheru.llm.calls").tags("model", "test-model", "outcome", "ok").timer().count()).isPositive();
        var format = JSON.readTree(requests.getFirst()).get("response_format");
        assertThat(format.get("type").asString()).as("structured output").isEqualTo("json_schema");
        assertThat(format.get("json_schema").get("schema").get("required").toString()).contains("sql").contains("rationale");
    }

    @Test
    void aQuestionThePlannerReadsOnlyInPartGoesToTheModelWithTheTablesItNeeds() {
        var user = aUser();
        users.create(user);
        String token = http().token(user.email(), user.password());
        script.add(new Reply(200, sqlReply("SELECT m.title, ABS(ri.rating * 10 - rr.rating) AS gap FROM movies m "
                + "JOIN ratings ri ON ri.movie_id = m.movie_id AND ri.source = 'IMDb' "
                + "JOIN ratings rr ON rr.movie_id = m.movie_id AND rr.source = 'Rotten Tomatoes' ORDER BY gap DESC LIMIT 5",
                "The five films whose IMDb and Rotten Tomatoes scores differ most."), 300, 40));

        var reply = http().postJson("/api/v1/ask", Map.of("question", DIVERGE), token);

        assertThat(reply.json().get("engine").asString()).isEqualTo("llm");
        assertThat(reply.json().get("rows")).hasSize(5);
        assertThat(reply.json().get("interpretation").get("sentence").asString()).as("the model's reading, from its SQL")
                .contains("ordered by gap DESC").contains("first 5").endsWith("for all regions.");
        assertThat(requests.getFirst()).contains("ratings -- Critic and audience ratings").contains("movies -- One row per film")
                .doesNotContain("box_office -- Weekly box office").doesNotContain("Tickets sold");
    }

    @Test
    void whenTheModelFailsOnAPartlyReadQuestionThePlannerGivesNoFigureButItsReading() {
        var user = aUser();
        users.create(user);
        String token = http().token(user.email(), user.password());
        script.add(new Reply(500, "", 0, 0));

        var reply = http().postJson("/api/v1/ask", Map.of("question", DIVERGE), token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("engine").asString()).isEqualTo("offline");
        assertThat(reply.json().get("intent").asString()).isEqualTo("clarify");
        assertThat(reply.json().get("rows")).isEmpty();
        assertThat(reply.json().get("answer").asString()).contains("could not read “diverge”").contains("I read the rest as");
        assertThat(reply.json().get("suggestions").get(0).asString()).isEqualTo(reply.json().get("interpretation").get("sentence").asString());
    }

    @Test
    void aThumbsUpTeachesTheModelByExampleWithoutTheTeachersScope() throws InterruptedException {
        var irish = aUser().scopedTo("IE");
        users.create(irish);
        String irishToken = http().token(irish.email(), irish.password());
        String taught = "SELECT title, COUNT(*) AS weeks_charted FROM movies JOIN box_office USING (movie_id) "
                + "WHERE title LIKE 'Star%' GROUP BY title";
        script.add(new Reply(200, sqlReply(taught, "Weeks each Star film charted."), 10, 5));
        var answered = http().postJson("/api/v1/ask", Map.of("question", "How many weeks did each Star film chart?"), irishToken);
        assertThat(answered.json().get("sql").asString()).as("what ran was scoped").contains("'IE'");
        var thumbsUp = http().postJson("/api/v1/feedback", Map.of("messageId", answered.text("messageId"), "rating", 1), irishToken);
        assertThat(thumbsUp.status()).isEqualTo(204);
        recall.flush();

        var other = aUser();
        users.create(other);
        String otherToken = http().token(other.email(), other.password());
        script.add(new Reply(200, sqlReply("SELECT 1 AS one", "One."), 10, 5));
        http().postJson("/api/v1/ask", Map.of("question", "How many weeks did every Star film stay in the charts?"), otherToken);

        String prompt = requests.getLast();
        assertThat(prompt).contains("Verified examples").contains("How many weeks did each Star film chart?")
                .contains("WHERE title LIKE 'Star%' GROUP BY title").doesNotContain("'IE'");
    }

    @Test
    void olderTurnsOfTheThreadComeBackWhenTheyResembleTheQuestion() throws InterruptedException {
        var user = aUser();
        users.create(user);
        String token = http().token(user.email(), user.password());
        script.add(new Reply(200, sqlReply("SELECT title FROM movies WHERE title LIKE 'Star%' /* first */", "Listed."), 10, 5));
        var first = http().postJson("/api/v1/ask", Map.of("question", QUESTION), token);
        String thread = first.text("threadId");
        for (String question : List.of("Top 5 films by box office", "Box office by genre", "Total admissions in 2015")) {
            assertThat(http().postJson("/api/v1/ask", Map.of("question", question, "threadId", thread), token).status()).isEqualTo(200);
        }
        recall.flush();
        script.add(new Reply(200, sqlReply("SELECT title FROM movies WHERE title LIKE '%Star'", "Listed."), 10, 5));

        http().postJson("/api/v1/ask", Map.of("question", "Which films have titles ending with Star?", "threadId", thread), token);

        assertThat(requests).hasSize(2);
        assertThat(requests.getLast()).as("the first turn is not among the latest three, but it is the most alike")
                .contains("/* first */").contains("Total admissions in 2015");
    }

    @Test
    void sqlTheGuardRefusesGoesBackToTheModelWithTheReason() {
        var user = aUser();
        users.create(user);
        String token = http().token(user.email(), user.password());
        script.add(new Reply(200, sqlReply("DELETE FROM movies", "Cleaning up."), 1_000, 20));
        script.add(new Reply(200, sqlReply("SELECT title FROM movies WHERE title LIKE 'Star%' ORDER BY title", "Listed them."), 1_100, 30));

        var reply = http().postJson("/api/v1/ask", Map.of("question", QUESTION), token);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1)).contains("cannot run").contains("SELECT");
        assertThat(reply.json().get("usage").get("promptTokens").asLong()).as("both attempts count").isEqualTo(2_100);
        assertThat(reply.json().get("rows").size()).isPositive();
    }

    @Test
    void usersMayChooseOnlyTheModelsTheyAreGranted() {
        String admin = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        models.register("second-model", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "env:NO_SUCH_KEY",
                BigDecimal.ONE, BigDecimal.ONE);
        String email = "granted-" + UUID.randomUUID() + "@usheru.test";
        var created = http().postJson("/api/v1/admin/users", Map.of("email", email, "password", "password-123", "role", "USER",
                "models", List.of("second-model"), "defaultModel", "second-model"), admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = http().token(email, "password-123");
        script.add(new Reply(200, sqlReply("SELECT COUNT(*) AS films FROM movies", "Counted."), 50, 5));

        var refused = http().postJson("/api/v1/ask", Map.of("question", QUESTION, "model", "test-model"), token);
        var answered = http().postJson("/api/v1/ask", Map.of("question", QUESTION, "model", "second-model"), token);
        var unknown = http().postJson("/api/v1/admin/users", Map.of("email", "x-" + email, "password", "password-123",
                "role", "USER", "models", List.of("no-such-model")), admin);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("model_not_allowed");
        assertThat(answered.json().get("usage").get("model").asString()).isEqualTo("second-model");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("code")).isEqualTo("unknown_model");
    }

    @Test
    void sqlTheWarehouseCannotRunGoesBackToTheModelToo() {
        var user = aUser();
        users.create(user);
        String token = http().token(user.email(), user.password());
        script.add(new Reply(200, sqlReply("SELECT no_such_column FROM movies", "Oops."), 100, 10));
        script.add(new Reply(200, sqlReply("SELECT COUNT(*) AS films FROM movies", "Counted."), 100, 10));

        var reply = http().postJson("/api/v1/ask", Map.of("question", QUESTION), token);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(requests.get(1)).contains("no_such_column");
        assertThat(reply.json().get("rows").get(0).get(0).asInt()).isEqualTo(3_200);
    }

    @Test
    void rateLimitedAndSlowModelsFallBackToThePlanner() {
        var user = aUser();
        users.create(user);
        String token = http().token(user.email(), user.password());
        script.add(new Reply(429, "", 0, 0));
        var limited = http().postJson("/api/v1/ask", Map.of("question", QUESTION), token);
        script.add(new Reply(-1, "", 0, 0));
        long started = System.nanoTime();
        var slow = http().postJson("/api/v1/ask", Map.of("question", QUESTION), token);

        assertThat(limited.json().get("answer").asString()).contains("could not be reached");
        assertThat(slow.json().get("answer").asString()).contains("could not be reached");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the 2 s model timeout holds")
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theModelsSqlRunsInTheUsersScope() {
        var irish = aUser().scopedTo("IE");
        users.create(irish);
        String token = http().token(irish.email(), irish.password());
        script.add(new Reply(200, sqlReply("SELECT region_code, SUM(gross_usd) AS gross FROM box_office GROUP BY region_code",
                "Summed by region."), 900, 25));

        var reply = http().postJson("/api/v1/ask", Map.of("question", QUESTION), token);

        assertThat(reply.json().get("rows")).hasSize(1);
        assertThat(reply.json().get("rows").get(0).get(0).asString()).isEqualTo("IE");
    }

    @Test
    void aSpentTokenBudgetMeansNoModelCallAndThePlannerAnswers() {
        var user = aUser().withQuota(new Quota(null, null, 1_000L, null, null));
        users.create(user);
        String token = http().token(user.email(), user.password());
        script.add(new Reply(200, sqlReply("SELECT 1", "unused"), 10, 10));

        var reply = http().postJson("/api/v1/ask", Map.of("question", QUESTION), token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(requests).as("the model is not called without budget").isEmpty();
        assertThat(reply.json().get("answer").asString()).contains("tokens").contains("offline planner");
    }

    @Test
    void whenTheModelFailsThePlannerAnswersAndSaysSoAndNothingIsBilled() {
        var user = aUser();
        Account account = users.create(user);
        String token = http().token(user.email(), user.password());
        script.add(new Reply(500, "", 0, 0));

        var reply = http().postJson("/api/v1/ask", Map.of("question", QUESTION), token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("intent").asString()).isEqualTo("not_understood");
        assertThat(reply.json().get("answer").asString()).contains("could not be reached").contains("offline planner");
        var ledger = db.selectFrom(USAGE_RECORDS).where(USAGE_RECORDS.USER_ID.eq(account.id())).fetchSingle();
        assertThat(ledger.getPromptTokens()).isZero();
        assertThat(ledger.getCostUsd()).isEqualByComparingTo("0");
    }

    @Test
    void concurrentModelAsksNeverSpendMoreTokensThanTheDailyLimit() throws Exception {
        long limit = 20_000;
        var user = aUser().withQuota(new Quota(null, null, limit, null, null));
        Account account = users.create(user);
        String token = http().token(user.email(), user.password());
        for (int i = 0; i < 40; i++) {
            // A model that would write 5,000 tokens if it were not told to stop sooner.
            script.add(new Reply(200, sqlReply("SELECT COUNT(*) AS films FROM movies WHERE title LIKE 'Star%'", "Counted."), -1, 5_000));
        }

        List<HttpResponse<String>> replies = askInParallel(30, QUESTION, token);

        assertThat(replies).allSatisfy(reply -> assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200));
        long byModel = replies.stream().filter(reply -> JSON.readTree(reply.body()).get("engine").asString().equals("llm")).count();
        assertThat(byModel).as("the budget paid for some model answers, the planner answered the rest").isBetween(2L, 29L);
        var settled = db.selectFrom(USAGE_RECORDS).where(USAGE_RECORDS.USER_ID.eq(account.id())).fetch();
        assertThat(settled).allSatisfy(row -> assertThat(row.getState()).isEqualTo("SETTLED"));
        long spent = settled.stream().mapToLong(row -> row.getPromptTokens() + row.getCompletionTokens()).sum();
        long modelSaid = reported.stream().mapToLong(usage -> usage[0] + usage[1]).sum();
        assertThat(spent).as("the ledger holds exactly what the model reported").isEqualTo(modelSaid);
        assertThat(spent).as("the daily token limit holds under concurrent asks").isLessThanOrEqualTo(limit);
        assertThat(requests).allSatisfy(request -> assertThat(JSON.readTree(request).get("max_tokens").asLong())
                .as("every call is told how much it may write").isBetween(SqlGenerator.MINIMUM_COMPLETION_TOKENS, 1_000L));
    }

    @Test
    void aMonthlyMoneyLimitCapsWhatACallMayWrite() {
        // Free prompts and a cent a completion token: $5 pay for 500 completion tokens exactly.
        models.register("dear-model", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "env:NO_SUCH_KEY",
                BigDecimal.ZERO, new BigDecimal("10000"));
        String admin = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        String email = "dear-" + UUID.randomUUID() + "@usheru.test";
        var created = http().postJson("/api/v1/admin/users", Map.of("email", email, "password", "password-123", "role", "USER",
                "quota", Map.of("usdPerMonth", 5), "models", List.of("dear-model"), "defaultModel", "dear-model"), admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = http().token(email, "password-123");
        script.add(new Reply(200, sqlReply("SELECT COUNT(*) AS films FROM movies", "Counted."), 100, 5_000));
        script.add(new Reply(200, sqlReply("SELECT 1 AS unused", "Unused."), 100, 5_000));

        var first = http().postJson("/api/v1/ask", Map.of("question", QUESTION), token);
        var second = http().postJson("/api/v1/ask", Map.of("question", QUESTION), token);

        assertThat(JSON.readTree(requests.getFirst()).get("max_tokens").asLong()).isEqualTo(500);
        assertThat(first.json().get("usage").get("costUsd").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(first.json().get("quota").get("usdLeftThisMonth").decimalValue()).isEqualByComparingTo("0");
        assertThat(requests).as("nothing is left to pay a second call with").hasSize(1);
        assertThat(second.json().get("engine").asString()).isEqualTo("offline");
        assertThat(second.json().get("answer").asString()).contains("$5").contains("offline planner");
    }

    @Test
    void whatTheModelSpentBeforeItFailedIsBilledWithThePlannersAnswer() {
        var user = aUser();
        Account account = users.create(user);
        String token = http().token(user.email(), user.password());
        script.add(new Reply(200, sqlReply("DELETE FROM movies", "Cleaning up."), 1_000, 20));
        script.add(new Reply(500, "", 0, 0));

        var reply = http().postJson("/api/v1/ask", Map.of("question", QUESTION), token);

        assertThat(reply.json().get("engine").asString()).isEqualTo("offline");
        assertThat(reply.json().get("usage").get("promptTokens").asLong()).isEqualTo(1_000);
        var ledger = db.selectFrom(USAGE_RECORDS).where(USAGE_RECORDS.USER_ID.eq(account.id())).fetchSingle();
        assertThat(ledger.getState()).isEqualTo("SETTLED");
        assertThat(ledger.getModelName()).isEqualTo("test-model");
        assertThat(ledger.getPromptTokens()).isEqualTo(1_000);
        assertThat(ledger.getCompletionTokens()).isEqualTo(20);
        assertThat(ledger.getCostUsd()).isEqualByComparingTo("0.0027");
    }

    private List<HttpResponse<String>> askInParallel(int asks, String question, String token) throws Exception {
        var client = HttpClient.newHttpClient();
        try (var pool = Executors.newFixedThreadPool(16)) {
            var calls = new ArrayList<Callable<HttpResponse<String>>>();
            for (int i = 0; i < asks; i++) {
                calls.add(() -> client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ask"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("question", question))))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            var replies = new ArrayList<HttpResponse<String>>();
            for (var future : pool.invokeAll(calls)) {
                replies.add(future.get());
            }
            return replies;
        }
    }
}
