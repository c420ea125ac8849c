package ai.usheru.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The 80 % interval covers 80 % of fresh cases when they come from the same distribution as the
 * calibration cases: here log gross = f(x) + N(0, σ) with a known f and σ, over many draws; and, with σ
 * depending on x, the banded interval covers 80 % within each band, where one width for all does not.
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

    /**
     * Log gross = 12 + x + N(0, σ(x)) with σ falling from 1.6 at x = 0 to 0.1 at x = 6, so the cases the
     * model expects to be small are the hard ones; the model is off by a random bias in each draw.
     */
    @Test
    void bandedConformalCoversEightyPercentInEachBandWhenTheErrorsSpreadDependsOnThePrediction() {
        var random = new Random(13);
        int quarters = 4;
        int[] bandedCovered = new int[quarters];
        int[] plainCovered = new int[quarters];
        int[] cases = new int[quarters];
        for (int draw = 0; draw < 500; draw++) {
            double bias = 0.2 * random.nextGaussian();
            double[] predictions = new double[200];
            double[] actuals = new double[predictions.length];
            for (int i = 0; i < predictions.length; i++) {
                double x = 6 * random.nextDouble();
                predictions[i] = 12 + x + bias;
                actuals[i] = 12 + x + heteroscedasticSigma(x) * random.nextGaussian();
            }
            BandedConformal banded = BandedConformal.calibrate(predictions, actuals, 4, 40);
            assertThat(banded.bands()).isEqualTo(4);
            double plainHalfWidth = SplitConformal.of(banded.errors()).halfWidth(0.8);
            for (int i = 0; i < 100; i++) {
                double x = 6 * random.nextDouble();
                double prediction = 12 + x + bias;
                double error = Math.abs(12 + x + heteroscedasticSigma(x) * random.nextGaussian() - prediction);
                int quarter = (int) (x / 1.5);
                bandedCovered[quarter] += error <= banded.halfWidth(prediction, 0.8) ? 1 : 0;
                plainCovered[quarter] += error <= plainHalfWidth ? 1 : 0;
                cases[quarter]++;
            }
        }
        for (int quarter = 0; quarter < quarters; quarter++) {
            double banded = bandedCovered[quarter] / (double) cases[quarter];
            double plain = plainCovered[quarter] / (double) cases[quarter];
            System.out.printf("x in [%.1f, %.1f): banded %.1f %%, one width %.1f %% of %d fresh cases covered%n", 1.5 * quarter,
                    1.5 * (quarter + 1), 100 * banded, 100 * plain, cases[quarter]);
            assertThat(banded).as("share of fresh cases with x in quarter %d inside the banded 80 %% interval", quarter).isBetween(0.75, 0.85);
        }
        assertThat(plainCovered[0] / (double) cases[0]).as("one width for all, hardest quarter").isLessThan(0.7);
        assertThat(plainCovered[3] / (double) cases[3]).as("one width for all, easiest quarter").isGreaterThan(0.9);
    }

    private static double heteroscedasticSigma(double x) {
        return 1.6 - 0.25 * x;
    }

    @Test
    void bandedConformalIsRebuiltFromItsNumbersAndWithOneBandIsPlainSplitConformal() {
        var random = new Random(17);
        double[] predictions = random.doubles(150, 10, 18).toArray();
        double[] actuals = Arrays.stream(predictions).map(p -> p + (20 - p) * 0.2 * random.nextGaussian()).toArray();
        BandedConformal banded = BandedConformal.calibrate(predictions, actuals, 4, 40);
        assertThat(banded.bands()).as("150 cases, at least 40 a band").isEqualTo(3);

        BandedConformal rebuilt = new BandedConformal(banded.bands(), banded.predictions(), banded.errors());
        assertThat(rebuilt).isEqualTo(banded);
        for (double prediction : new double[] {9, 12.5, 14, 16.1, 19}) {
            assertThat(rebuilt.halfWidth(prediction, 0.8)).isEqualTo(banded.halfWidth(prediction, 0.8));
        }
        assertThat(banded.halfWidth(10.5, 0.8)).as("low predictions are the hard ones here").isGreaterThan(banded.halfWidth(17.5, 0.8));

        BandedConformal oneBand = new BandedConformal(1, banded.predictions(), banded.errors());
        assertThat(oneBand.halfWidth(14, 0.8)).isEqualTo(SplitConformal.of(banded.errors()).halfWidth(0.8));
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
            BandedConformal calibration = model.calibration();
            assertThat(calibration.bands()).as("80 calibration films of 1999, at least 40 a band").isEqualTo(2);
            assertThat(new BandedConformal(calibration.bands(), calibration.predictions(), calibration.errors())).isEqualTo(calibration);
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
