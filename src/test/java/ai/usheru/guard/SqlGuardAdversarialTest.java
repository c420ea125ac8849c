package ai.usheru.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ai.usheru.semantic.SemanticModel;
import ai.usheru.support.TestWarehouse;
import ai.usheru.warehouse.DuckDbWarehouse;

/**
 * Hostile SQL from a user limited to Ireland, against the real warehouse. Each statement is either
 * refused with a reason, or runs and sees Irish rows only; none writes, none reads files.
 */
class SqlGuardAdversarialTest {

    private static final Set<String> IRELAND = Set.of("IE");

    @TempDir
    static Path dataDir;

    static DuckDbWarehouse warehouse;
    static SqlGuard guard;
    static long irishTotal;
    static long irishRows;

    /** What must happen to a hostile statement. */
    enum Outcome { REJECTED, IRISH_ROWS_ONLY, IRISH_TOTAL, IRISH_TOTAL_OR_LESS, NO_ROWS, REJECTED_OR_IRISH, FAILS_OR_IRISH }

    record Hostile(String sql, Outcome outcome) {

        @Override
        public String toString() {
            return outcome + ": " + sql.replace('\n', ' ');
        }
    }

    static Stream<Hostile> hostileStatements() {
        return Stream.of(
                new Hostile("DELETE FROM box_office", Outcome.REJECTED),
                new Hostile("UPDATE box_office SET region_code = 'IE'", Outcome.REJECTED),
                new Hostile("INSERT INTO regions VALUES ('XX', 'X', 'EMEA', 'EUR')", Outcome.REJECTED),
                new Hostile("DROP TABLE movies", Outcome.REJECTED),
                new Hostile("CREATE TABLE stolen AS SELECT * FROM box_office", Outcome.REJECTED),
                new Hostile("ALTER TABLE movies ADD COLUMN x INTEGER", Outcome.REJECTED),
                new Hostile("COPY box_office TO '/tmp/out.csv'", Outcome.REJECTED),
                new Hostile("ATTACH '/tmp/other.duckdb' AS other", Outcome.REJECTED),
                new Hostile("INSTALL httpfs", Outcome.REJECTED),
                new Hostile("LOAD httpfs", Outcome.REJECTED),
                new Hostile("PRAGMA table_info('box_office')", Outcome.REJECTED),
                new Hostile("SET enable_external_access = true", Outcome.REJECTED),
                new Hostile("CALL duckdb_settings()", Outcome.REJECTED),
                new Hostile("SELECT 1; DROP TABLE movies", Outcome.REJECTED),
                new Hostile("SELECT * FROM main.box_office", Outcome.REJECTED),
                new Hostile("SELECT * FROM usheru_data_mart.main.box_office", Outcome.REJECTED),
                new Hostile("SELECT * FROM \"main\".\"box_office\"", Outcome.REJECTED),
                new Hostile("SELECT * FROM information_schema.tables", Outcome.REJECTED),
                new Hostile("SELECT * FROM duckdb_tables()", Outcome.REJECTED),
                new Hostile("SELECT * FROM read_csv('/etc/passwd')", Outcome.REJECTED),
                new Hostile("SELECT * FROM read_csv_auto('/etc/passwd')", Outcome.REJECTED),
                new Hostile("SELECT * FROM glob('*')", Outcome.REJECTED),
                new Hostile("SELECT * FROM query_table('box_office')", Outcome.REJECTED),
                new Hostile("SELECT * FROM query('SELECT * FROM box_office')", Outcome.REJECTED),
                new Hostile("SELECT getenv('HOME') FROM movies", Outcome.REJECTED),
                new Hostile("SELECT current_setting('enable_external_access') FROM movies", Outcome.REJECTED),
                new Hostile("SELECT * FROM generate_series(1, 10)", Outcome.REJECTED),
                new Hostile("WITH box_office AS (SELECT * FROM box_office) SELECT SUM(gross_usd) FROM box_office", Outcome.REJECTED),
                new Hostile("WITH Box_Office AS (SELECT 1 AS gross_usd) SELECT SUM(gross_usd) FROM Box_Office", Outcome.REJECTED),
                new Hostile("SELECT * FROM pg_catalog.pg_tables", Outcome.REJECTED),
                new Hostile("SELECT * FROM secret_table", Outcome.REJECTED),
                new Hostile("SELECT SUM(gross_usd) FROM box_office", Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(gross_usd) FROM \"BOX_OFFICE\"", Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(gross_usd) FROM Box_Office", Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(gross_usd) FROM box_office -- WHERE region_code = 'IE'\n", Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(gross_usd) FROM /* hidden */ box_office", Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(gross_usd) FROM box_office WHERE region_code = 'DE' OR 1 = 1", Outcome.IRISH_TOTAL),
                new Hostile("WITH everything AS (SELECT * FROM box_office) SELECT SUM(gross_usd) FROM everything", Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(g) FROM (SELECT gross_usd AS g FROM box_office) t", Outcome.IRISH_TOTAL),
                new Hostile("SELECT (SELECT SUM(gross_usd) FROM box_office) AS total FROM movies LIMIT 1", Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(gross_usd) FROM box_office b1 WHERE NOT EXISTS (SELECT 1 FROM box_office b2 WHERE b2.region_code = 'DE')",
                        Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(x) FROM (SELECT gross_usd AS x FROM box_office WHERE region_code = 'IE' "
                        + "UNION ALL SELECT gross_usd FROM box_office WHERE region_code = 'DE') u", Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(x.gross_usd) FROM movies m, LATERAL (SELECT gross_usd FROM box_office b WHERE b.movie_id = m.movie_id) x",
                        Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(a.gross_usd) FROM box_office a JOIN (SELECT DISTINCT movie_id FROM box_office) b ON a.movie_id = b.movie_id",
                        Outcome.IRISH_TOTAL),
                new Hostile("SELECT * FROM box_office WHERE region_code <> 'IE'", Outcome.NO_ROWS),
                new Hostile("SELECT * FROM box_office WHERE region_code IN (SELECT region_code FROM regions WHERE region_code = 'DE')",
                        Outcome.NO_ROWS),
                new Hostile("SELECT region_code, region_name FROM regions", Outcome.IRISH_ROWS_ONLY),
                new Hostile("SELECT DISTINCT r.region_code FROM regions r JOIN box_office b ON b.region_code = r.region_code", Outcome.IRISH_ROWS_ONLY),
                new Hostile("SELECT v.code FROM (VALUES ('DE'), ('US')) v(code) JOIN box_office b ON b.region_code = v.code", Outcome.NO_ROWS),
                new Hostile("SELECT region_code FROM box_office GROUP BY region_code", Outcome.IRISH_ROWS_ONLY),
                new Hostile("SELECT SUM(gross_usd) FROM (box_office)", Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(b.gross_usd) FROM movies JOIN box_office b USING (movie_id)", Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(gross_usd) FROM box_office NATURAL JOIN movies", Outcome.IRISH_TOTAL),
                new Hostile("SELECT SUM(g) FROM box_office AS b(m, r, w, n, g, a, s)", Outcome.FAILS_OR_IRISH),
                new Hostile("SELECT SUM(gross_usd) FROM box_office WHERE movie_id IN (SELECT movie_id FROM box_office WHERE region_code = 'US')",
                        Outcome.IRISH_TOTAL_OR_LESS),
                new Hostile("TABLE box_office", Outcome.REJECTED_OR_IRISH),
                new Hostile("FROM box_office SELECT SUM(gross_usd)", Outcome.REJECTED_OR_IRISH),
                new Hostile("SELECT SUM(gross_usd) FROM \"box_office\" \"BO\"", Outcome.IRISH_TOTAL));
    }

    @BeforeAll
    static void loadWarehouse() throws Exception {
        warehouse = TestWarehouse.start(dataDir);
        SemanticModel model = TestWarehouse.models().all().getFirst();
        guard = new SqlGuard(model);
        irishTotal = ((Number) query("SELECT SUM(gross_usd) FROM box_office WHERE region_code = 'IE'").getFirst().getFirst()).longValue();
        irishRows = ((Number) query("SELECT COUNT(*) FROM box_office WHERE region_code = 'IE'").getFirst().getFirst()).longValue();
    }

    @AfterAll
    static void close() throws Exception {
        warehouse.destroy();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileStatements")
    void hostileSqlIsRefusedOrSeesIrelandOnly(Hostile hostile) throws Exception {
        if (hostile.outcome() == Outcome.REJECTED) {
            assertThatThrownBy(() -> guard.guard(hostile.sql(), IRELAND))
                    .isInstanceOf(SqlRejectedException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("org.jooq"));
            return;
        }
        GuardedSql guarded;
        try {
            guarded = guard.guard(hostile.sql(), IRELAND);
        } catch (SqlRejectedException e) {
            assertThat(hostile.outcome()).as("refused: %s", e.getMessage()).isEqualTo(Outcome.REJECTED_OR_IRISH);
            return;
        }
        List<List<Object>> rows;
        try {
            rows = query(guarded.sql());
        } catch (java.sql.SQLException e) {
            // Renamed columns do not survive the scoping derivation: the statement fails, it does not leak.
            assertThat(hostile.outcome()).as("failed: %s", e.getMessage()).isEqualTo(Outcome.FAILS_OR_IRISH);
            return;
        }
        switch (hostile.outcome()) {
            case FAILS_OR_IRISH -> assertThat(((Number) rows.getFirst().getFirst()).longValue()).isLessThanOrEqualTo(irishTotal);
            case IRISH_TOTAL_OR_LESS -> assertThat(rows.getFirst().getFirst() == null ? 0L : ((Number) rows.getFirst().getFirst()).longValue())
                    .isLessThanOrEqualTo(irishTotal);
            case REJECTED_OR_IRISH -> assertThat(rows.toString()).as(guarded.sql()).contains(String.valueOf(irishTotal).substring(0, 4));
            case IRISH_TOTAL -> assertThat(((Number) rows.getFirst().getFirst()).longValue())
                    .as("%s ran as %s", hostile.sql(), guarded.sql()).isEqualTo(irishTotal);
            case NO_ROWS -> assertThat(rows).as(guarded.sql()).isEmpty();
            default -> assertThat(rows).as(guarded.sql()).isNotEmpty()
                    .allSatisfy(row -> assertThat(row.getFirst()).isEqualTo("IE"));
        }
    }

    @Test
    void theGuardedSqlShowsTheScopeFilter() {
        String guarded = guard.guard("SELECT COUNT(*) FROM box_office b", IRELAND).sql();

        assertThat(guarded).contains("region_code IN ('IE')");
    }

    @Test
    void aGlobalUserReadsEveryRegionButStillOnlyReads() throws Exception {
        assertThat(query(guard.guard("SELECT COUNT(DISTINCT region_code) FROM box_office", Set.of()).sql()).getFirst().getFirst())
                .isEqualTo(13L);
        assertThatThrownBy(() -> guard.guard("DELETE FROM box_office", Set.of())).isInstanceOf(SqlRejectedException.class);
        assertThatThrownBy(() -> guard.guard("SELECT * FROM read_csv('/etc/passwd')", Set.of())).isInstanceOf(SqlRejectedException.class);
    }

    @Test
    void ordinaryAnalyticQueriesPassUnchangedInMeaning() throws Exception {
        var rows = query(guard.guard("""
                WITH per_film AS (
                  SELECT m.title, SUM(b.gross_usd) AS gross, COUNT(DISTINCT b.region_code) AS regions
                  FROM box_office b JOIN movies m USING (movie_id)
                  GROUP BY m.movie_id, m.title)
                SELECT title, gross, RANK() OVER (ORDER BY gross DESC) AS position,
                       CASE WHEN gross > 10000000 THEN 'hit' ELSE 'other' END AS kind, strftime(DATE '2009-12-18', '%Y') AS y
                FROM per_film ORDER BY gross DESC LIMIT 3""", IRELAND).sql());

        assertThat(rows).hasSize(3);
        assertThat(rows.getFirst()).containsExactly("Titanic", 24_237_282L, 1L, "hit", "2009");
        assertThat(irishRows).isPositive();
    }

    private static List<List<Object>> query(String sql) throws Exception {
        return TestWarehouse.rows(warehouse, sql);
    }
}
