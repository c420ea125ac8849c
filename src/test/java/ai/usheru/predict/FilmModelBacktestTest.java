package ai.usheru.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;


/**
 * The film model against the naive genre-and-budget forecast on the demo data, all regions, year by
 * year: trained only on earlier films, scored on each of 2004-2009.
 *
 * <p>The bar: skill above 0 and 80 % intervals covering 75-85 % of the films. The banded intervals
 * ({@link BandedConformal}) were chosen on 2000-2003 and scored on these years once: total gross skill
 * 0.068, coverage 75.1 % (78.0, 71.5, 63.3, 84.8, 82.6, 75.2 % for 2004-2009; one width for all had given
 * 76.0 %); opening week skill 0.065, coverage 76.4 % (78.5, 74.9, 60.9, 82.9, 87.7, 80.0 %; one width 74.1 %).
 * Total gross clears the bar by 0.1 point, and 2006 is still covered at about 60 %: many of its films
 * grossed only a few thousand dollars, far from what their pre-release features suggested (the model does
 * worse than the baseline that year), which no width learned from earlier years foresees. Not tuned on
 * these years.
 */
class FilmModelBacktestTest {

    private static final List<Integer> TEST_YEARS = List.of(2004, 2005, 2006, 2007, 2008, 2009);

    private static final FilmDataset films = FilmData.of(Set.of());

    @Test
    void totalGrossBeatsTheBaselineWithCalibratedIntervals() {
        FilmBacktest.Result result = FilmBacktest.run(films.rows(), BoxOfficeTarget.TOTAL_GROSS, TEST_YEARS);
        System.out.println(result.report());
        assertThat(result.pooled().skill()).as("skill against the genre-and-budget baseline").isPositive();
        assertThat(result.pooled().coverage()).as("share of held-out films inside their 80 %% interval").isBetween(0.75, 0.85);
    }

    @Test
    void openingWeekGrossBeatsTheBaselineWithCalibratedIntervals() {
        FilmBacktest.Result result = FilmBacktest.run(films.rows(), BoxOfficeTarget.OPENING_WEEK_GROSS, TEST_YEARS);
        System.out.println(result.report());
        assertThat(result.pooled().skill()).as("skill against the genre-and-budget baseline").isPositive();
        assertThat(result.pooled().coverage()).as("share of held-out films inside their 80 %% interval").isBetween(0.75, 0.85);
    }
}
