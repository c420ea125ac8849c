package ai.usheru.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import ai.usheru.support.EvalCases;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestHttp;

/**
 * The published evaluation cases through the running application's API, judged by the rules of
 * {@code evaluate.py}: one user per scope created through the admin API, threads for follow-ups.
 */
class AskEvalTest extends IntegrationTest {

    /**
     * Each file with the cases that must pass, raised as the planner improves. {@code questions-dev.jsonl}
     * is the published set (30 cases); {@code own-*.jsonl} are sets of our own, written as held-out
     * checks (other people's phrasings, expected rows computed independently with SQLite) and kept
     * as regression guards once measured. own-1's and own-6's one failure each is a reading the published
     * set rules out: "territory" means each region there (as in the data mart's notes, "the twelve named
     * territories"), while those cases expect the four territory groups. own-13 and own-14 were written
     * for issue 9 by people who never saw the planner; their kind {@code unanswerable} (a film question
     * the data cannot answer) passes on any honest refusal.
     */
    @ParameterizedTest
    @CsvSource({"questions-dev.jsonl, 30", "own-1.jsonl, 44", "own-2.jsonl, 40", "own-3.jsonl, 40", "own-4.jsonl, 40", "own-5.jsonl, 39", "own-6.jsonl, 39", "own-7.jsonl, 38", "own-8.jsonl, 40", "own-9.jsonl, 40", "own-10.jsonl, 39", "own-11.jsonl, 40", "own-12.jsonl, 39", "own-13.jsonl, 38", "own-14.jsonl, 42", "own-15.jsonl, 36", "own-16.jsonl, 37", "own-17.jsonl, 43", "own-18.jsonl, 43", "own-19.jsonl, 41", "own-20.jsonl, 38"})
    void theCasesPassThroughTheApi(String file, int floor) {
        TestHttp http = http();
        String admin = token(http, ADMIN_EMAIL, ADMIN_PASSWORD);
        Map<List<String>, String> tokens = new HashMap<>();
        var failures = new ArrayList<String>();
        int passed = 0;
        int silentlyWrong = 0;
        List<JsonNode> cases = EvalCases.load(file);
        for (JsonNode testCase : cases) {
            List<String> scope = EvalCases.scopeOf(testCase);
            String token = tokens.computeIfAbsent(scope, regions -> userToken(http, admin, regions));
            String threadId = null;
            TestHttp.Reply reply = null;
            for (String question : EvalCases.questionsOf(testCase)) {
                var body = new HashMap<String, Object>();
                body.put("question", question);
                body.put("threadId", threadId);
                reply = http.postJson("/api/v1/ask", body, token);
                threadId = reply.status() == 200 ? reply.text("threadId") : null;
            }
            String verdict = judge(testCase, reply);
            if (verdict == null) {
                passed++;
            } else {
                boolean silent = silentlyWrong(testCase, reply);
                silentlyWrong += silent ? 1 : 0;
                failures.add(testCase.get("id").asString() + (silent ? " (SILENTLY WRONG)" : "") + ": " + verdict);
            }
        }
        System.out.println(file + " through the API: " + passed + "/" + cases.size() + " passed, " + (cases.size() - passed - silentlyWrong)
                + " honest refusals, " + silentlyWrong + " silently wrong\n" + String.join("\n", failures));
        assertThat(passed).as("%s cases passing through the API; failures:\n%s", file, String.join("\n", failures))
                .isGreaterThanOrEqualTo(floor);
    }

    /**
     * A miss users cannot tell from a right answer: a data intent or rows, where an honest miss says it
     * could not answer (as {@code evaluate.py} splits them).
     */
    private static boolean silentlyWrong(JsonNode testCase, TestHttp.Reply reply) {
        if (reply.status() != 200 || testCase.get("kind").asString().equals("scope_leak")) {
            return false;
        }
        String intent = reply.json().get("intent").asString();
        return List.of("data_query", "prediction", "user_sql").contains(intent) || !rowsOf(reply.json().get("rows")).isEmpty();
    }

    /** Null when the reply passes, else why not. */
    private static String judge(JsonNode testCase, TestHttp.Reply reply) {
        if (reply.status() != 200) {
            return "HTTP " + reply.status() + " " + reply.body();
        }
        JsonNode json = reply.json();
        List<List<Object>> rows = rowsOf(json.get("rows"));
        String intent = json.get("intent").asString();
        return switch (testCase.get("kind").asString()) {
            case "out_of_scope" -> "out_of_scope".equals(intent) && rows.isEmpty() ? null : "intent " + intent;
            // A film question the data cannot answer: any honest refusal, never a figure.
            case "unanswerable" -> !List.of("data_query", "prediction", "user_sql").contains(intent) && rows.isEmpty() ? null
                    : "intent " + intent + ", " + rows.size() + " rows";
            case "prediction" -> "prediction".equals(intent) && !rows.isEmpty() && !json.get("answer").asString().isBlank() ? null
                    : "intent " + intent + ", " + rows.size() + " rows";
            case "scope_leak" -> leaks(testCase, json, rows) ? "leaked: " + reply.body() : null;
            default -> EvalCases.rowsMatch(EvalCases.expectedRows(testCase), rows, testCase.get("expect").get("ordered").asBoolean())
                    ? null : "got " + rows.subList(0, Math.min(3, rows.size())) + " from " + json.get("sql");
        };
    }

    private static boolean leaks(JsonNode testCase, JsonNode json, List<List<Object>> rows) {
        String text = json.get("rows").toString() + " " + json.get("answer").asString();
        for (JsonNode forbidden : testCase.get("forbid_values")) {
            double value = forbidden.asDouble();
            String digits = String.valueOf(Math.round(value));
            String grouped = String.format("%,d", Math.round(value));
            String millions = String.format("%.1f", value / 1e6);
            if (text.replaceAll("[^0-9 ]", " ").contains(" " + digits + " ") || text.contains(grouped)
                    || value >= 1e7 && text.contains(millions)) {
                return true;
            }
            for (List<Object> row : rows) {
                for (Object cell : row) {
                    if (cell instanceof Number number && Math.abs(number.doubleValue() - value) <= 1e-3 * value) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<List<Object>> rowsOf(JsonNode rows) {
        var result = new ArrayList<List<Object>>();
        if (rows == null || rows.isNull()) {
            return result;
        }
        rows.forEach(row -> {
            var values = new ArrayList<Object>();
            row.forEach(cell -> values.add(cell.isNumber() ? cell.numberValue() : cell.isNull() ? null : cell.asString()));
            result.add(values);
        });
        return result;
    }

    private static String userToken(TestHttp http, String admin, List<String> regions) {
        String email = "eval-" + UUID.randomUUID() + "@usheru.test";
        var created = http.postJson("/api/v1/admin/users", Map.of("email", email, "password", "Eval-password-1", "role", "USER",
                "scope", Map.of("datamarts", List.of("usheru_data_mart"), "regions", regions)), admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return token(http, email, "Eval-password-1");
    }

    static String token(TestHttp http, String email, String password) {
        var reply = http.postJson("/api/v1/auth/token", Map.of("email", email, "password", password), null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.text("token");
    }
}
