package ai.usheru.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.tribuo.Tribuo;

import ai.usheru.support.TestWarehouse;
import ai.usheru.warehouse.DuckDbWarehouse;

/** A user limited to Ireland gets a model of Irish box office: Irish targets, Irish history, Irish training films. */
class FilmModelScopeTest {

    private static final DuckDbWarehouse warehouse = FilmData.warehouse();
    private static final FilmDataset everywhere = FilmData.of(Set.of());
    private static final FilmDataset ireland = FilmData.of(Set.of("IE"));

    @Test
    void irishTargetsAreTheIrishSumsOfTheWarehouse() throws Exception {
        Map<Long, List<Object>> irishSums = TestWarehouse.rows(warehouse, """
                SELECT movie_id, SUM(CASE WHEN week_number = 1 THEN gross_usd ELSE 0 END), SUM(gross_usd)
                FROM box_office WHERE region_code = 'IE' GROUP BY movie_id""").stream()
                .collect(Collectors.toMap(row -> ((Number) row.get(0)).longValue(), row -> row));

        assertThat(ireland.films().stream().filter(Film::hasBoxOffice).count()).as("films with Irish box office").isEqualTo(irishSums.size());
        for (Film film : ireland.films()) {
            List<Object> sums = irishSums.get(film.movieId());
            if (sums == null) {
                assertThat(film.totalGrossUsd()).as("%s has no Irish box office, so no Irish target", film.title()).isNull();
            } else {
                assertThat(film.openingWeekGrossUsd()).as("Irish opening week of %s", film.title()).isEqualTo(((Number) sums.get(1)).doubleValue());
                assertThat(film.totalGrossUsd()).as("Irish total of %s", film.title()).isEqualTo(((Number) sums.get(2)).doubleValue());
            }
        }
    }

    @Test
    void irishTargetsDifferFromWorldwideOnes() {
        Film irish = ireland.films().stream().filter(Film::hasBoxOffice).findFirst().orElseThrow();
        Film worldwide = everywhere.films().stream().filter(film -> film.movieId() == irish.movieId()).findFirst().orElseThrow();
        assertThat(irish.totalGrossUsd()).as("Irish total of %s", irish.title()).isLessThan(worldwide.totalGrossUsd());
        assertThat(irish.openingWeekGrossUsd()).as("Irish opening week of %s", irish.title()).isLessThan(worldwide.openingWeekGrossUsd());
    }

    @Test
    void anIrishModelTrainsOnlyOnFilmsWithIrishBoxOffice() throws Exception {
        FilmRegressor irishModel = FilmRegressor.train(ireland.rows(), BoxOfficeTarget.TOTAL_GROSS, 2008);
        FilmRegressor worldwideModel = FilmRegressor.train(everywhere.rows(), BoxOfficeTarget.TOTAL_GROSS, 2008);

        long irishFilmsBefore2008 = ((Number) TestWarehouse.rows(warehouse, """
                SELECT COUNT(DISTINCT b.movie_id) FROM box_office b JOIN movies m ON m.movie_id = b.movie_id
                WHERE b.region_code = 'IE' AND m.release_year < 2008""").getFirst().getFirst()).longValue();
        TrainedFilmModel trained = irishModel.trained();
        assertThat(trained.trainingFilms() + trained.calibrationFilms()).as("films the Irish model learned from").isEqualTo(irishFilmsBefore2008);
        assertThat(trained.dataHash()).as("the Irish and the worldwide training data").isNotEqualTo(worldwideModel.trained().dataHash());
    }

    @Test
    void aTrainedModelRecordsWhatARegistryNeeds() {
        TrainedFilmModel trained = FilmRegressor.train(ireland.rows(), BoxOfficeTarget.OPENING_WEEK_GROSS, 2008).trained();
        TrainedFilmModel again = FilmRegressor.train(ireland.rows(), BoxOfficeTarget.OPENING_WEEK_GROSS, 2008).trained();

        assertThat(trained.cutoffYear()).isEqualTo(2008);
        assertThat(trained.features()).contains("budget.log", "distributor.median_log_opening", "director.earlier_films", "series.earlier_films");
        assertThat(trained.dataHash()).as("the hash of the same training data").isEqualTo(again.dataHash());
        assertThat(trained.libraries()).as("the Tribuo version recorded against the one on the class path")
                .containsEntry("tribuo", Tribuo.VERSION);
    }
}
