package ai.usheru.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.usheru.DomainException;
import ai.usheru.support.TestWarehouse;

/** The embedded warehouse against a real DuckDB file: complete, idempotent, and read-only once loaded. */
class DuckDbWarehouseTest {

    private static final String MART = "usheru_data_mart";

    @TempDir
    Path dataDir;

    private final List<Object> events = new ArrayList<>();

    @Test
    void aFirstStartLoadsTheFiveTablesWithTheRowCountsOfTheDatamartReadme() throws Exception {
        var warehouse = start();
        try {
            assertThat(warehouse.rowCounts(MART)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "movies", 3_200L,
                    "crew", 1_870L,
                    "ratings", 5_307L,
                    "regions", 13L,
                    "box_office", 135_060L));
        } finally {
            warehouse.destroy();
        }
    }

    @Test
    void columnsGetAnalyticTypesAndEmptyFieldsBecomeNull() throws Exception {
        var warehouse = start();
        try (Connection connection = warehouse.connect(MART); Statement statement = connection.createStatement()) {
            var types = statement.executeQuery("""
                    SELECT column_name, data_type FROM information_schema.columns
                    WHERE table_name = 'box_office' ORDER BY ordinal_position""");
            var found = new ArrayList<String>();
            while (types.next()) {
                found.add(types.getString(1) + " " + types.getString(2));
            }
            assertThat(found).containsExactly("movie_id INTEGER", "region_code VARCHAR", "week_start DATE",
                    "week_number INTEGER", "gross_usd BIGINT", "admissions BIGINT", "screens INTEGER");

            var intolerance = statement.executeQuery("SELECT major_genre, production_budget_usd FROM movies WHERE movie_id = 2");
            intolerance.next();
            assertThat(intolerance.getString(1)).as("an empty CSV field is NULL").isNull();
            assertThat(intolerance.getLong(2)).isEqualTo(385_907L);

            var worldwide = statement.executeQuery("SELECT SUM(gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = 'Avatar'");
            worldwide.next();
            assertThat(worldwide.getLong(1)).isEqualTo(2_767_891_499L);
        } finally {
            warehouse.destroy();
        }
    }

    @Test
    void aSecondStartKeepsCompleteTablesAndRebuildsAnIncompleteOne() throws Exception {
        start().destroy();
        Path file = dataDir.resolve("warehouse").resolve(MART + ".duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM crew WHERE movie_id < 100");
            statement.execute("CREATE TABLE marker AS SELECT 1 AS kept");
        }

        var warehouse = start();
        try (Connection connection = warehouse.connect(MART); Statement statement = connection.createStatement()) {
            assertThat(warehouse.rowCounts(MART)).containsEntry("crew", 1_870L).containsEntry("box_office", 135_060L);
            assertThat(statement.executeQuery("SELECT kept FROM marker").next())
                    .as("the same file was reused, not recreated").isTrue();
        } finally {
            warehouse.destroy();
        }
    }

    @Test
    void queriesCannotWriteNorReadFilesNorLoadExtensions() throws Exception {
        var warehouse = start();
        try (Connection connection = warehouse.connect(MART); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("DELETE FROM movies")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> statement.execute("CREATE TABLE t (x INTEGER)")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM read_csv('/etc/passwd')"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> statement.execute("INSTALL httpfs")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> statement.execute("SET enable_external_access = true")).isInstanceOf(SQLException.class);
        } finally {
            warehouse.destroy();
        }
    }

    @Test
    void aRunawayQueryIsCancelledAtTheTimeoutAndTheWarehouseStaysUsable() throws Exception {
        var warehouse = start();
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> warehouse.execute(MART,
                    "SELECT count(*) FROM box_office a, box_office b, box_office c WHERE a.gross_usd + b.gross_usd > c.gross_usd",
                    new QueryLimits(100, Duration.ofMillis(500))))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("query_timeout"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("stopped near the limit").isLessThan(Duration.ofSeconds(10));

            var after = warehouse.execute(MART, "SELECT count(*) AS n FROM movies", new QueryLimits(100, Duration.ofSeconds(5)));
            assertThat(after.rows()).containsExactly(List.of(3_200L));
        } finally {
            warehouse.destroy();
        }
    }

    @Test
    void resultsStopAtTheRowCapAndSayTheyWereCut() throws Exception {
        var warehouse = start();
        try {
            var result = warehouse.execute(MART, "SELECT title, release_date FROM movies ORDER BY movie_id",
                    new QueryLimits(10, Duration.ofSeconds(5)));

            assertThat(result.rows()).hasSize(10);
            assertThat(result.truncated()).isTrue();
            assertThat(result.columns()).extracting(QueryResult.Column::type).containsExactly("text", "date");
            assertThat(result.rows().getFirst()).containsExactly("The Birth of a Nation", "1915-02-08");
        } finally {
            warehouse.destroy();
        }
    }

    @Test
    void theLoadedDatamartIsAnnouncedWithItsRegions() throws Exception {
        var warehouse = start();
        try {
            warehouse.announceLoadedDatamarts();
            assertThat(events).singleElement().isInstanceOfSatisfying(DatamartLoaded.class, loaded -> {
                assertThat(loaded.model().code()).isEqualTo(MART);
                assertThat(loaded.regions()).hasSize(13)
                        .contains(new DatamartLoaded.Region("IE", "Ireland", "EMEA", "EUR"));
            });
        } finally {
            warehouse.destroy();
        }
    }

    private DuckDbWarehouse start() {
        return new DuckDbWarehouse(TestWarehouse.properties(dataDir), TestWarehouse.models(), events::add);
    }
}
