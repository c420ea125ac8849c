package ai.usheru.ask.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.AppProperties;
import ai.usheru.semantic.SemanticModels;
import ai.usheru.support.EvalCases;
import ai.usheru.warehouse.DuckDbWarehouse;

/**
 * The planner alone on the published global data cases, executed on the real warehouse: a fast
 * check of the parser and compiler. The same cases run end to end through the API in AskEvalTest.
 */
class OfflinePlannerDevCasesTest {

    @TempDir
    static Path dataDir;

    static DuckDbWarehouse warehouse;
    static OfflinePlanner planner;

    @BeforeAll
    static void loadWarehouse() throws Exception {
        var properties = new AppProperties(dataDir, "http://localhost", new AppProperties.Admin("a@b.c", null),
                new AppProperties.Mail("x@y.z"), new AppProperties.Api(Duration.ofHours(1)), new AppProperties.Query(1000, Duration.ofSeconds(30), Duration.ofSeconds(60)));
        var models = new SemanticModels(JsonMapper.builder().build());
        warehouse = new DuckDbWarehouse(properties, models, event -> { });
        try (Connection connection = warehouse.connect("usheru_data_mart")) {
            planner = new OfflinePlanner(Vocabulary.read(models.all().getFirst(), connection));
        }
    }

    @AfterAll
    static void close() throws Exception {
        warehouse.destroy();
    }

    @Test
    void globalDataCasesAreAnsweredCorrectly() throws Exception {
        var failures = new ArrayList<String>();
        int passed = 0;
        int total = 0;
        for (JsonNode testCase : EvalCases.load()) {
            if (!testCase.get("kind").asString().equals("data") || !EvalCases.scopeOf(testCase).isEmpty()) {
                continue;
            }
            total++;
            QueryPlan previous = null;
            PlannerOutcome outcome = null;
            for (String question : EvalCases.questionsOf(testCase)) {
                outcome = planner.plan(question, previous);
                previous = outcome.plan();
            }
            if (!outcome.hasSql()) {
                failures.add(testCase.get("id").asString() + " no SQL: " + outcome.message());
                continue;
            }
            List<List<Object>> rows = run(outcome.sql());
            boolean ordered = testCase.get("expect").get("ordered").asBoolean();
            if (EvalCases.rowsMatch(EvalCases.expectedRows(testCase), rows, ordered)) {
                passed++;
            } else {
                failures.add(testCase.get("id").asString() + " " + EvalCases.questionsOf(testCase).getLast() + "\n" + outcome.sql()
                        + "\n got " + rows.subList(0, Math.min(3, rows.size())) + " (" + rows.size() + " rows)");
            }
        }
        System.out.println("Planner dev cases: " + passed + "/" + total + " passed\n" + String.join("\n\n", failures));
        assertThat(passed).as("global data cases answered correctly:\n%s", String.join("\n\n", failures)).isGreaterThanOrEqualTo(total - 2);
    }

    private static List<List<Object>> run(String sql) throws Exception {
        var rows = new ArrayList<List<Object>>();
        try (Connection connection = warehouse.connect("usheru_data_mart");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                var row = new ArrayList<Object>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getObject(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
