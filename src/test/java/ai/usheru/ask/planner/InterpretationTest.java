package ai.usheru.ask.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.usheru.support.TestWarehouse;
import ai.usheru.warehouse.DuckDbWarehouse;

/** How a plan is read back to the user: every part in words, titles with their year, regions by name, parts that can be dropped. */
class InterpretationTest {

    @TempDir
    static Path dataDir;
    static DuckDbWarehouse warehouse;
    static Vocabulary vocabulary;
    static OfflinePlanner planner;

    @BeforeAll
    static void loadWarehouse() throws Exception {
        warehouse = TestWarehouse.start(dataDir);
        try (Connection connection = warehouse.connect(TestWarehouse.MART)) {
            vocabulary = Vocabulary.read(TestWarehouse.models().all().getFirst(), connection);
            planner = new OfflinePlanner(vocabulary);
        }
    }

    @AfterAll
    static void close() throws Exception {
        warehouse.destroy();
    }

    @Test
    void everyPartOfAPlanIsReadBackInWords() {
        var plan = planner.plan("Top 5 comedies by box office in Germany for films released in 2004", null).plan();

        var reading = Interpretation.of(plan, vocabulary, "Germany, France only");

        assertThat(reading.parts()).extracting(Interpretation.Part::kind)
                .containsExactly("measure", "filter", "filter", "filter", "breakdown", "limit", "scope");
        assertThat(reading.parts()).extracting(Interpretation.Part::text)
                .contains("Box office", "of Comedy films", "in Germany", "released in 2004", "by film", "top 5",
                        "for Germany, France only");
        assertThat(reading.sentence()).isEqualTo("Box office in Germany of Comedy films released in 2004, by film, top 5, for Germany, France only.");
    }

    @Test
    void aTitleComesWithItsReleaseYear() {
        var plan = planner.plan("How much did Avatar make in the US?", null).plan();

        assertThat(Interpretation.of(plan, vocabulary, null).sentence()).contains("of Avatar (2009)").contains("in United States");
    }

    @Test
    void aTitleRemakesShareOffersOneReadingPerFilmUnlessAYearPicksOne() {
        var shared = planner.plan("How much did King Kong make in Japan?", null).plan();
        var picked = planner.plan("How much did King Kong make in Japan in 2005?", null).plan();
        var listed = planner.plan("King Kong box office by release year", null).plan();

        var readings = Interpretation.remakeReadings(shared, vocabulary);

        assertThat(readings).hasSize(vocabulary.releaseYears("King Kong").size()).hasSizeGreaterThan(1);
        assertThat(readings).allSatisfy(reading -> assertThat(reading.filtersOn("year")).hasSize(1));
        assertThat(readings.stream().map(reading -> Interpretation.of(reading, vocabulary, null).sentence()).distinct()).hasSize(readings.size());
        assertThat(Interpretation.remakeReadings(picked, vocabulary)).isEmpty();
        assertThat(Interpretation.remakeReadings(listed, vocabulary)).isEmpty();
    }

    @Test
    void droppingAPartRemovesExactlyThatPart() {
        var plan = planner.plan("Top 5 comedies by box office in Germany for films released in 2004", null).plan();
        var reading = Interpretation.of(plan, vocabulary, null);
        String regionKey = reading.parts().stream().filter(part -> part.text().equals("in Germany")).findFirst().orElseThrow().key();

        var withoutRegion = Interpretation.without(plan, regionKey);
        var withoutLimit = Interpretation.without(plan, "limit");
        var withoutBreakdown = Interpretation.without(plan, "groupBy:0");

        assertThat(withoutRegion.hasFilterOn("region")).isFalse();
        assertThat(withoutRegion.filters()).hasSize(plan.filters().size() - 1);
        assertThat(withoutLimit.limit()).isNull();
        assertThat(withoutLimit.order()).isEqualTo(plan.order());
        assertThat(withoutBreakdown.groupBy()).isEmpty();
        assertThat(withoutBreakdown.limit()).as("nothing left to rank").isNull();
        assertThat(planner.compile(withoutRegion)).doesNotContain("'DE'").contains("Comedy");
        assertThat(Interpretation.without(plan, null)).isSameAs(plan);
    }

    @Test
    void aModelsSqlIsReadByItsTopLevelClauses() {
        var reading = Interpretation.ofSql("SELECT m.title, SUM(b.gross_usd) AS g FROM movies m JOIN box_office b USING (movie_id) "
                + "WHERE m.release_year = 2009 AND m.movie_id IN (SELECT movie_id FROM ratings WHERE rating > 8 AND source = 'IMDb') "
                + "GROUP BY m.title ORDER BY g DESC LIMIT 5", "Ireland only");

        assertThat(reading.parts()).extracting(Interpretation.Part::text).containsExactly(
                "Selects m.title, SUM(b.gross_usd) AS g", "where m.release_year = 2009",
                "where m.movie_id IN (SELECT movie_id FROM ratings WHERE rating > 8 AND source = 'IMDb')", "by m.title",
                "ordered by g DESC", "first 5", "for Ireland only");
        assertThat(reading.parts()).allSatisfy(part -> assertThat(part.key()).isNull());
    }

    @Test
    void monthsAndThresholdsReadAsWords() {
        var plan = planner.plan("Films released in December 2009 with a budget over $100 million", null).plan();

        assertThat(Interpretation.of(plan, vocabulary, null).parts()).extracting(Interpretation.Part::text)
                .contains("released in December", "production budget > $100.0 million");
    }
}
