package ai.usheru.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SeriesForecasterTest {

    private static List<String> labels(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.valueOf(1990 + i)).toList();
    }

    @Test
    void splitConformalCoversWhatItPromisesOnDataOfAKnownDistribution() {
        var random = new Random(7);
        int covered = 0;
        int trials = 4000;
        for (int trial = 0; trial < trials; trial++) {
            double[] calibration = new double[39];
            for (int i = 0; i < calibration.length; i++) {
                calibration[i] = random.nextGaussian() * 0.3;
            }
            double width = SplitConformal.of(calibration).halfWidth(0.8);
            if (Math.abs(random.nextGaussian() * 0.3) <= width) {
                covered++;
            }
        }
        // With 39 errors the 32nd smallest is used: 32/40 = 0.80 of new cases on average.
        assertThat((double) covered / trials).isBetween(0.77, 0.83);
        assertThat(SplitConformal.of(new double[] {0.1, 0.2, 0.3}).supports(0.8)).as("3 errors cannot give an 80% range").isFalse();
    }

    @Test
    void forecastsOfNoisyGrowingSeriesHoldTheirEightyPercentRange() {
        var random = new Random(11);
        int covered = 0;
        int series = 400;
        double skill = 0;
        for (int s = 0; s < series; s++) {
            int n = 30;
            double[] values = new double[n + 1];
            double level = Math.log(5e8);
            for (int i = 0; i <= n; i++) {
                level += 0.06;
                values[i] = Math.exp(level + random.nextGaussian() * 0.12);
            }
            var prediction = SeriesForecaster.forecast(java.util.Arrays.copyOf(values, n), labels(n), 1).prediction().orElseThrow();
            if (values[n] >= prediction.low() && values[n] <= prediction.high()) {
                covered++;
            }
            skill += prediction.backtest().skill();
        }
        double coverage = (double) covered / series;
        System.out.printf("Series forecaster on %d synthetic series (6%% growth, noise σ 0.12): 80%% range covered %.3f, mean skill %.2f%n",
                series, coverage, skill / series);
        // 26 held-out errors: the 22nd smallest sets the range, 22/27 = 0.815 on average; errors of models
        // fitted on the shortest histories are larger, which makes the range a little wider still.
        assertThat(coverage).isBetween(0.75, 0.86);
        assertThat(skill / series).as("a trend beats 'the same as last year' on growing series").isPositive();
    }

    @Test
    void aSteadyTrendIsForecastByTheTrendModelAndARandomWalkByTheLastValue() {
        double[] growing = new double[12];
        for (int i = 0; i < growing.length; i++) {
            growing[i] = 1e8 * Math.pow(1.2, i) * (i % 2 == 0 ? 1.02 : 0.98);
        }
        var trend = SeriesForecaster.forecast(growing, labels(12), 1).prediction().orElseThrow();
        assertThat(trend.model()).isEqualTo(SeriesForecaster.MODEL);
        assertThat(trend.estimate()).isGreaterThan(growing[11]);
        assertThat(trend.low()).isLessThan(trend.estimate());
        assertThat(trend.high()).isGreaterThan(trend.estimate());
        assertThat(trend.backtest().skill()).isPositive();

        var random = new Random(3);
        List<Double> walk = new ArrayList<>();
        double level = Math.log(1e8);
        for (int i = 0; i < 20; i++) {
            level += random.nextGaussian() * 0.3;
            walk.add(Math.exp(level));
        }
        var outcome = SeriesForecaster.forecast(walk.stream().mapToDouble(Double::doubleValue).toArray(), labels(20), 1);
        assertThat(outcome.prediction()).hasValueSatisfying(prediction -> {
            if (prediction.model().equals(SeriesForecaster.NAIVE)) {
                assertThat(prediction.estimate()).isCloseTo(walk.getLast(), org.assertj.core.data.Percentage.withPercentage(0.01));
            } else {
                assertThat(prediction.backtest().skill()).isPositive();
            }
        });
    }

    @Test
    void tooShortAHistoryIsRefusedWithTheReason() {
        var outcome = SeriesForecaster.forecast(new double[] {1e8, 2e8, 1.5e8, 3e8, 2e8, 2.5e8, 2e8, 3e8}, labels(8), 1);
        assertThat(outcome.prediction()).isEmpty();
        assertThat(outcome.refusal()).contains("only 8 periods", "at least 9");
    }
}
