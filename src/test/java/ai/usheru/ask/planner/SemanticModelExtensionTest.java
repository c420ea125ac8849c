package ai.usheru.ask.planner;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.usheru.semantic.SemanticModel;
import ai.usheru.support.TestWarehouse;
import ai.usheru.warehouse.DuckDbWarehouse;

/**
 * The planner's coverage comes from the semantic model: a test copy of the model gains a measure
 * (admissions per screen) and a dimension (each region's currency, with "eurozone" for EUR), and
 * questions about them in several phrasings are answered right with no change to the planner.
 */
class SemanticModelExtensionTest {

    @TempDir
    static Path dataDir;
    static DuckDbWarehouse warehouse;
    static OfflinePlanner planner;

    @BeforeAll
    static void loadWarehouse() throws Exception {
        warehouse = TestWarehouse.start(dataDir);
        SemanticModel shipped = TestWarehouse.models().all().getFirst();
        var metrics = new ArrayList<>(shipped.metrics());
        metrics.add(new SemanticModel.Metric("admissions_per_screen", "Admissions per screen", "admissions_per_screen",
                "SUM(b.admissions) * 1.0 / NULLIF(SUM(b.screens), 0)", null, "box_office", "ratio",
                List.of("admissions per screen", "tickets per screen", "occupancy")));
        var dimensions = new ArrayList<>(shipped.dimensions());
        dimensions.add(new SemanticModel.Dimension("currency", "Currency", "currency", "g.currency", null, "regions", "regions.currency",
                false, List.of("currency", "currencies"), null));
        Map<String, Map<String, List<String>>> aliases = new HashMap<>(shipped.valueAliases());
        aliases.put("regions.currency", Map.of("EUR", List.of("eurozone", "euro area")));
        var extended = new SemanticModel(shipped.code(), shipped.name(), shipped.description(), shipped.warehouse(), shipped.scopeColumn(),
                shipped.tables(), metrics, dimensions, shipped.regionAliases(), aliases);
        try (Connection connection = warehouse.connect(TestWarehouse.MART)) {
            planner = new OfflinePlanner(Vocabulary.read(extended, connection));
        }
    }

    @AfterAll
    static void close() throws Exception {
        warehouse.destroy();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Admissions per screen by genre for films released in 2009|"
                    + "SELECT m.major_genre, SUM(b.admissions) * 1.0 / SUM(b.screens) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.release_year = 2009 AND m.major_genre IS NOT NULL GROUP BY m.major_genre",
            "What was the occupancy of Avatar in Japan?|"
                    + "SELECT SUM(b.admissions) * 1.0 / SUM(b.screens) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.title = 'Avatar' AND b.region_code = 'JP'",
            "Box office by currency|"
                    + "SELECT g.currency, SUM(b.gross_usd) FROM box_office b JOIN regions g USING (region_code) GROUP BY g.currency",
            "Which currency brought in the most box office for 2008 releases?|"
                    + "SELECT g.currency, SUM(b.gross_usd) AS gross FROM box_office b JOIN regions g USING (region_code) "
                    + "JOIN movies m USING (movie_id) WHERE m.release_year = 2008 GROUP BY g.currency ORDER BY gross DESC LIMIT 1",
            "Top 3 films in eurozone markets by tickets per screen, 2010 releases|"
                    + "SELECT m.title, SUM(b.admissions) * 1.0 / SUM(b.screens) AS aps FROM box_office b JOIN movies m USING (movie_id) "
                    + "JOIN regions g USING (region_code) WHERE g.currency = 'EUR' AND m.release_year = 2010 "
                    + "GROUP BY m.movie_id, m.title ORDER BY aps DESC LIMIT 3",
            "Total admissions in the eurozone for comedies|"
                    + "SELECT SUM(b.admissions) FROM box_office b JOIN movies m USING (movie_id) JOIN regions g USING (region_code) "
                    + "WHERE g.currency = 'EUR' AND m.major_genre = 'Comedy'"})
    void aMeasureAndADimensionAddedToTheModelAreUnderstood(String question, String reference) throws Exception {
        PlannerChecks.answersLike(planner, warehouse, question, reference);
    }
}
