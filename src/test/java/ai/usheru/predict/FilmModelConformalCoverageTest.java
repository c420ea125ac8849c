package ai.usheru.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The 80 % interval covers 80 % of fresh cases when they come from the same distribution as the
 * calibration cases: here log gross = f(x) + N(0, σ) with a known f and σ, over many draws.
 */
class FilmModelConformalCoverageTest {

    private static final double SIGMA = 0.5;

    private static double f(double x) {
        return 14 + 2 * Math.sin(x) + 0.3 * x;
    }

    @Test
    void splitConformalAroundAnImperfectModelCoversEightyPercentOfFreshCases() {
        var random = new Random(7);
        int covered = 0;
        int cases = 0;
        for (int draw = 0; draw < 500; draw++) {
            double bias = 0.2 * random.nextGaussian();
            double[] errors = new double[200];
            for (int i = 0; i < errors.length; i++) {
                double x = 6 * random.nextDouble();
                errors[i] = f(x) + SIGMA * random.nextGaussian() - (f(x) + bias);
            }
            double halfWidth = SplitConformal.of(errors).halfWidth(0.8);
            for (int i = 0; i < 100; i++) {
                double x = 6 * random.nextDouble();
                covered += Math.abs(f(x) + SIGMA * random.nextGaussian() - (f(x) + bias)) <= halfWidth ? 1 : 0;
                cases++;
            }
        }
        System.out.printf("split-conformal, known errors: %.1f %% of %d fresh cases covered%n", 100.0 * covered / cases, cases);
        assertThat(covered / (double) cases).as("share of fresh cases inside the 80 %% interval").isBetween(0.75, 0.85);
    }

    @Test
    void filmRegressorIntervalsCoverEightyPercentOfLaterFilmsDrawnLikeTheEarlierOnes() {
        var random = new Random(11);
        int covered = 0;
        int cases = 0;
        for (int draw = 0; draw < 8; draw++) {
            var rows = new ArrayList<FilmRow>();
            for (int year = 1990; year <= 2000; year++) {
                for (int i = 0; i < (year == 2000 ? 300 : 80); i++) {
                    rows.add(syntheticFilm(rows.size(), year, random));
                }
            }
            FilmRegressor model = FilmRegressor.train(rows, BoxOfficeTarget.TOTAL_GROSS, 2000);
            for (FilmRow row : rows.stream().filter(row -> row.film().releaseYear() == 2000).toList()) {
                covered += model.predict(row.features()).covers(row.film().totalGrossUsd()) ? 1 : 0;
                cases++;
            }
        }
        System.out.printf("film regressor, synthetic films: %.1f %% of %d fresh films covered%n", 100.0 * covered / cases, cases);
        assertThat(covered / (double) cases).as("share of fresh films inside the 80 %% interval").isBetween(0.75, 0.85);
    }

    private static FilmRow syntheticFilm(long id, int year, Random random) {
        double x = 6 * random.nextDouble();
        double gross = Math.expm1(f(x) + SIGMA * random.nextGaussian());
        var film = new Film(id, "Film " + id, LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28)), null, null, null, null,
                null, null, null, List.of(), gross / 4, gross);
        return new FilmRow(film, Map.of("x", x));
    }
}
