package ai.usheru.ask;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import ai.usheru.memory.Threads;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestHttp;
import ai.usheru.support.TestUsers;
import ai.usheru.support.UserBuilder;

class AskApiTest extends IntegrationTest {

    /** Irish box office of every film, summed: what an IE-scoped user's total must equal. */
    private static final long IRISH_TOP_TITANIC = 24_237_282L;

    @Autowired
    TestUsers users;

    @Autowired
    Threads threads;

    @Autowired
    org.jooq.DSLContext db;

    String irishToken;
    String globalToken;

    @BeforeEach
    void users() {
        irishToken = tokenFor(aUser().scopedTo("IE"));
        globalToken = tokenFor(aUser());
    }

    @Test
    void aRegionScopedUserGetsTheirRegionsFiguresOnly() {
        var reply = ask(irishToken, "Top 5 films by box office", null);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("rows").get(0).get(0).asString()).isEqualTo("Titanic");
        assertThat(json.get("rows").get(0).get(1).asLong()).isEqualTo(IRISH_TOP_TITANIC);
        assertThat(json.get("answer").asString()).contains("Ireland only");
        assertThat(json.get("sql").asString()).contains("'IE'");
    }

    @Test
    void everyDataAnswerSaysHowTheQuestionWasRead() {
        JsonNode reading = ask(irishToken, "Top 5 films by box office", null).json().get("interpretation");

        assertThat(reading.get("sentence").asString()).isEqualTo("Box office, by film, top 5, for Ireland only.");
        var kinds = new ArrayList<String>();
        reading.get("parts").forEach(part -> kinds.add(part.get("kind").asString()));
        assertThat(kinds).containsExactly("measure", "breakdown", "limit", "scope");
    }

    @Test
    void aQuestionReadOnlyInPartGetsNoFigureButItsReadingToPick() {
        var partly = ask(globalToken, "Top 5 films by box office in Germany with sparkly posters", null).json();

        assertThat(partly.get("intent").asString()).isEqualTo("clarify");
        assertThat(partly.get("rows")).isEmpty();
        assertThat(partly.get("sql").isNull()).isTrue();
        assertThat(partly.get("answer").asString()).contains("“sparkly”, “posters”").contains("in Germany");
        String offered = partly.get("suggestions").get(0).asString();
        assertThat(offered).isEqualTo(partly.get("interpretation").get("sentence").asString()).contains("in Germany").contains("top 5");
        String threadId = partly.get("threadId").asString();
        assertThat(threads.latestPlanJson(UUID.fromString(threadId))).as("an offer is no answer to follow up on").isEmpty();

        var picked = ask(globalToken, offered, threadId).json();

        assertThat(picked.get("intent").asString()).isEqualTo("data_query");
        assertThat(picked.get("rows")).hasSize(5);
        assertThat(picked.get("sql").asString()).contains("'DE'");
        assertThat(picked.get("interpretation").get("sentence").asString()).isEqualTo(offered);
    }

    @Test
    void aTitleThatRemakesShareIsAskedAboutNotSummed() {
        var shared = ask(globalToken, "How much did King Kong make in Japan?", null).json();

        assertThat(shared.get("intent").asString()).isEqualTo("clarify");
        assertThat(shared.get("rows")).isEmpty();
        assertThat(shared.get("suggestions")).hasSizeGreaterThan(1);
        String the2005Film = null;
        for (JsonNode suggestion : shared.get("suggestions")) {
            if (suggestion.asString().contains("King Kong (2005)")) {
                the2005Film = suggestion.asString();
            }
        }
        assertThat(the2005Film).isNotNull();

        var picked = ask(globalToken, the2005Film, shared.get("threadId").asString()).json();

        assertThat(picked.get("rows")).hasSize(1);
        assertThat(picked.get("sql").asString()).contains("2005").contains("'JP'");
    }

    @Test
    void theLedgerRecordsTheWarehouseTimeTheReplyReportsAndACachedRepeatCostsNone() {
        var user = aUser();
        var account = users.create(user);
        String token = http().token(user.email(), user.password());
        // A query over every weekly row, unlikely to be cached by another test: a distinctive year range.
        String question = "Total admissions by genre for films released between 1931 and 1987";

        var first = ask(token, question, null).json();
        var repeat = ask(token, question, null).json();

        var ledger = db.selectFrom(ai.usheru.db.Tables.USAGE_RECORDS).where(ai.usheru.db.Tables.USAGE_RECORDS.USER_ID.eq(account.id()))
                .orderBy(ai.usheru.db.Tables.USAGE_RECORDS.ID).fetch();
        assertThat(ledger).hasSize(2);
        assertThat(ledger.get(0).getWarehouseMs()).isEqualTo(first.get("usage").get("warehouseMs").asLong());
        assertThat(ledger.get(1).getWarehouseMs()).isZero();
        assertThat(repeat.get("usage").get("warehouseMs").asLong()).as("served from the result cache").isZero();
        assertThat(ledger.get(0).getWarehouseBytes()).as("DuckDB reports no scanned bytes").isZero();
        assertThat(ledger.get(0).getOutcome()).isEqualTo("data_query");
    }

    @Test
    void askingAboutARegionOutsideTheScopeIsRefusedWithoutFigures() {
        var reply = ask(irishToken, "How much did Avatar gross in Germany?", null).json();

        assertThat(reply.get("rows")).isEmpty();
        assertThat(reply.get("sql").isNull()).isTrue();
        assertThat(reply.get("answer").asString()).contains("Germany").contains("outside your data scope");
    }

    @Test
    void aFollowUpReplacesTheRegionOfThePreviousPlan() {
        var first = ask(globalToken, "Top 5 comedies by US box office for films released in 2004", null).json();
        var second = ask(globalToken, "What about in Germany?", first.get("threadId").asString()).json();

        assertThat(second.get("threadId").asString()).isEqualTo(first.get("threadId").asString());
        assertThat(second.get("sql").asString()).contains("'DE'").doesNotContain("'US'").contains("Comedy").contains("2004");
        assertThat(second.get("rows")).hasSize(5);
        var stored = threads.messages(UUID.fromString(first.get("threadId").asString()));
        assertThat(stored).extracting(message -> message.role()).containsExactly("user", "assistant", "user", "assistant");
        assertThat(stored.get(3).planJson()).contains("DE");
        assertThat(stored.get(3).sql()).contains("'DE'");
    }

    @Test
    void quickLinksWorkForEveryScope() {
        for (String token : List.of(irishToken, globalToken)) {
            for (String question : List.of("Top 10 films in my region", "Box office by genre", "Which distributors earned the most?",
                    "Weekly box office trend this year")) {
                var reply = ask(token, question, null);
                assertThat(reply.status()).as(question + ": " + reply.body()).isEqualTo(200);
                assertThat(reply.json().get("rows").size()).as(question + ": " + reply.body()).isPositive();
            }
        }
    }

    @Test
    void outOfScopeQuestionsGetAPoliteAnswerAndNoSql() {
        var reply = ask(globalToken, "Tell me a joke about cats", null).json();

        assertThat(reply.get("intent").asString()).isEqualTo("out_of_scope");
        assertThat(reply.get("sql").isNull()).isTrue();
        assertThat(reply.get("rows")).isEmpty();
        assertThat(reply.get("answer").asString()).isNotBlank();
    }

    @Test
    void theAnswerComesWithAChartAndSuggestions() {
        var kpi = ask(globalToken, "Total admissions in Ireland for films released in 2010", null).json();
        var bars = ask(globalToken, "Box office by genre in 2009", null).json();
        var line = ask(globalToken, "How many films were released each year from 2000 to 2005?", null).json();

        assertThat(kpi.get("chart").asString()).isEqualTo("kpi");
        assertThat(bars.get("chart").asString()).isEqualTo("bar");
        assertThat(line.get("chart").asString()).isEqualTo("line");
        assertThat(bars.get("suggestions").size()).isBetween(2, 4);
        assertThat(bars.get("usage").get("model").asString()).isEqualTo("offline-planner");
        assertThat(bars.get("usage").get("promptTokens").asInt()).isZero();
    }

    @Test
    void badInputIsAClearJsonError() {
        assertThat(ask(globalToken, "   ", null).text("code")).isEqualTo("empty_question");
        assertThat(ask(globalToken, "Top films", "not-a-uuid").text("code")).isEqualTo("invalid_thread_id");
        var unknownThread = ask(globalToken, "Top films", UUID.randomUUID().toString());
        assertThat(unknownThread.status()).isEqualTo(404);
        assertThat(unknownThread.text("code")).isEqualTo("thread_not_found");
    }

    @Test
    void nobodyContinuesAnotherUsersThread() {
        String threadId = ask(globalToken, "Top 5 films by box office", null).text("threadId");

        var reply = ask(irishToken, "What about in Ireland?", threadId);

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void anAnonymousAskIsRefused() {
        assertThat(ask(null, "Top 5 films", null).status()).isEqualTo(401);
    }

    @Test
    void theStreamSendsEachStepInOrderAndEndsWithTheReply() throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ask"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + globalToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Top 3 genres by worldwide box office\"}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        var names = new ArrayList<String>();
        String done = null;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("event:")) {
                names.add(line.substring("event:".length()).strip());
            } else if (line.startsWith("data:") && !names.isEmpty() && names.getLast().equals("done")) {
                done = line.substring("data:".length());
            }
        }
        assertThat(names).containsSubsequence("status", "sql", "result", "answer", "suggestions", "done");
        assertThat(names.getLast()).isEqualTo("done");
        assertThat(done).contains("\"rows\"").contains("Adventure").contains("\"threadId\"");
    }

    @Test
    void feedbackIsStoredOnlyForOnesOwnAnswers() {
        String messageId = ask(globalToken, "Top 5 films by box office", null).text("messageId");

        var mine = http().postJson("/api/v1/feedback", Map.of("messageId", messageId, "rating", 1), globalToken);
        var theirs = http().postJson("/api/v1/feedback", Map.of("messageId", messageId, "rating", -1), irishToken);
        var invalid = http().postJson("/api/v1/feedback", Map.of("messageId", messageId, "rating", 5), globalToken);

        assertThat(mine.status()).isEqualTo(204);
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(invalid.text("code")).isEqualTo("invalid_rating");
    }

    @Test
    void handWrittenSqlRunsInTheSameScope() {
        var reply = query(irishToken, "SELECT region_code, SUM(gross_usd) AS gross FROM box_office GROUP BY region_code");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("rows")).hasSize(1);
        assertThat(reply.json().get("rows").get(0).get(0).asString()).isEqualTo("IE");
        assertThat(reply.json().get("intent").asString()).isEqualTo("user_sql");
    }

    @Test
    void handWrittenSqlThatWritesIsRejected() {
        var reply = query(irishToken, "DELETE FROM box_office");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("code")).isEqualTo("sql_rejected");
        assertThat(reply.text("message")).isNotBlank().doesNotContain("Exception");
        var after = query(globalToken, "SELECT COUNT(*) FROM box_office");
        assertThat(after.json().get("rows").get(0).get(0).asLong()).isEqualTo(135_060L);
    }

    private TestHttp.Reply ask(String token, String question, String threadId) {
        var body = new HashMap<String, Object>();
        body.put("question", question);
        body.put("threadId", threadId);
        return http().postJson("/api/v1/ask", body, token);
    }

    private TestHttp.Reply query(String token, String sql) {
        return http().postJson("/api/v1/query", Map.of("sql", sql), token);
    }

    private String tokenFor(UserBuilder user) {
        users.create(user);
        return http().token(user.email(), user.password());
    }

}
