package ai.usheru.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import ai.usheru.support.TestWarehouse;

class WeeklyForecasterTest {

    /** Monday weeks from the first Monday of 2002: nine years hold the 53-week ISO years 2004 and 2009. */
    private static final LocalDate FIRST_WEEK = LocalDate.of(2002, 1, 7);

    private static List<LocalDate> weeks(LocalDate first, int n) {
        return IntStream.range(0, n).mapToObj(first::plusWeeks).toList();
    }

    /**
     * A box-office-like year on the log scale, by the dates a week holds: a summer hump, a quiet January, and peaks in
     * the weeks of Thanksgiving (the fourth Thursday of November, so it moves) and of Christmas and New Year's Day.
     */
    private static double season(LocalDate weekStart) {
        LocalDate middle = weekStart.plusDays(3);
        double day = middle.getDayOfYear();
        double value = 0.5 * Math.exp(-Math.pow((day - 190) / 35, 2)) - 0.3 * Math.exp(-Math.pow((day - 30) / 25, 2));
        LocalDate thanksgiving = LocalDate.of(weekStart.getYear(), 11, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
        if (holds(weekStart, thanksgiving)) {
            value += 0.4;
        }
        if (holds(weekStart, LocalDate.of(weekStart.getYear(), 12, 25))) {
            value += 0.6;
        }
        if (holds(weekStart, LocalDate.of(weekStart.getYear() + 1, 1, 1))) {
            value += 0.4;
        }
        return value;
    }

    private static boolean holds(LocalDate weekStart, LocalDate day) {
        long offset = ChronoUnit.DAYS.between(weekStart, day);
        return offset >= 0 && offset < 7;
    }

    /** Weekly dollars: e^(level + growth + season + noise), the noise normal with standard deviation {@code sigma}. */
    private static double[] seasonalSeries(Random random, List<LocalDate> weeks, double sigma) {
        double[] values = new double[weeks.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(Math.log(2e7) + 0.03 * i / 52.0 + season(weeks.get(i)) + sigma * random.nextGaussian());
        }
        return values;
    }

    private static boolean isAnsweredByTheSameWeekLastYear(Prediction prediction) {
        return prediction.assumptions().getFirst().contains("Holt-Winters did not beat");
    }

    @Test
    void eightyPercentRangesOfASeasonalSeriesCoverEightyPercentOfTheWeeksAheadAndHoltWintersBeatsTheSameWeekLastYear() {
        var random = new Random(17);
        int years = 7;
        int history = years * 52;
        int covered = 0;
        int checked = 0;
        double modelError = 0;
        double naiveError = 0;
        int answeredByHoltWinters = 0;
        var backtested = new ArrayList<WeeklyBacktest.Series>();
        int series = 60;
        for (int s = 0; s < series; s++) {
            // Each series ends in another week of the year, so that the weeks ahead are not the same few holidays for all.
            List<LocalDate> weeks = weeks(FIRST_WEEK.plusWeeks(random.nextInt(52)), history + WeeklyForecaster.MAX_HORIZON);
            double[] values = seasonalSeries(random, weeks, 0.25);
            double[] known = Arrays.copyOf(values, history);
            List<Prediction> predictions = WeeklyForecaster.forecast(known, weeks.subList(0, history), WeeklyForecaster.MAX_HORIZON)
                    .predictions().orElseThrow();
            answeredByHoltWinters += isAnsweredByTheSameWeekLastYear(predictions.getFirst()) ? 0 : 1;
            for (int h = 1; h <= WeeklyForecaster.MAX_HORIZON; h++) {
                Prediction prediction = predictions.get(h - 1);
                double actual = values[history + h - 1];
                checked++;
                covered += actual >= prediction.low() && actual <= prediction.high() ? 1 : 0;
                modelError += Math.abs(Math.log1p(actual) - Math.log1p(prediction.estimate()));
                naiveError += Math.abs(Math.log1p(actual) - Math.log1p(values[history + h - 1 - 52]));
            }
            if (s < 20) {
                backtested.add(new WeeklyBacktest.Series("synthetic " + s, weeks.subList(0, history), known));
            }
        }
        double coverage = (double) covered / checked;
        double skill = 1 - modelError / naiveError;
        ModelBacktest backtest = WeeklyBacktest.run(backtested);
        System.out.printf("Weekly forecaster on %d synthetic seasonal series (noise σ 0.25, %d years): the next 13 weeks' 80%% ranges "
                + "covered %.3f, skill against the same week last year %.3f, Holt-Winters answered %d; pooled backtest of %d: "
                + "skill %.3f, coverage %.3f (h=1: skill %.3f, coverage %.3f; h=4: skill %.3f, coverage %.3f)%n",
                series, years, coverage, skill, answeredByHoltWinters, backtested.size(), backtest.skill(), backtest.coverage(),
                backtest.byPeriod().get(0).skill(), backtest.byPeriod().get(0).coverage(), backtest.byPeriod().get(3).skill(),
                backtest.byPeriod().get(3).coverage());
        assertThat(coverage).as("share of the weeks ahead inside their 80%% range").isBetween(0.75, 0.85);
        assertThat(backtest.coverage()).as("backtest coverage, each case with a range calibrated on earlier weeks").isBetween(0.75, 0.85);
        assertThat(skill).as("Holt-Winters beats the same week last year on the weeks ahead").isGreaterThan(0.1);
        assertThat(backtest.skill()).as("and on held-out history").isGreaterThan(0.1);
        assertThat(answeredByHoltWinters).as("series answered by Holt-Winters").isEqualTo(series);
    }

    @Test
    void aSeriesWithoutSeasonsIsForecastFromItsRecentLevel() {
        var random = new Random(5);
        int history = 5 * 52;
        List<LocalDate> weeks = weeks(FIRST_WEEK, history + WeeklyForecaster.MAX_HORIZON);
        int covered = 0;
        int checked = 0;
        int answeredByHoltWinters = 0;
        double distanceFromLevel = 0;
        int series = 30;
        for (int s = 0; s < series; s++) {
            double[] values = new double[weeks.size()];
            double level = Math.log(5e6);
            double lastLevel = 0;
            for (int i = 0; i < values.length; i++) {
                level += 0.02 * random.nextGaussian();
                lastLevel = i == history - 1 ? level : lastLevel;
                values[i] = Math.exp(level + 0.2 * random.nextGaussian());
            }
            List<Prediction> predictions = WeeklyForecaster.forecast(Arrays.copyOf(values, history), weeks.subList(0, history), 4)
                    .predictions().orElseThrow();
            assertThat(predictions).hasSize(4);
            Prediction next = predictions.getFirst();
            answeredByHoltWinters += isAnsweredByTheSameWeekLastYear(next) ? 0 : 1;
            distanceFromLevel += Math.abs(Math.log(next.estimate()) - lastLevel);
            assertThat(next.low()).isLessThan(next.estimate());
            assertThat(next.high()).isGreaterThan(next.estimate());
            for (int h = 1; h <= 4; h++) {
                double actual = values[history + h - 1];
                checked++;
                covered += actual >= predictions.get(h - 1).low() && actual <= predictions.get(h - 1).high() ? 1 : 0;
            }
        }
        double coverage = (double) covered / checked;
        System.out.printf("Weekly forecaster on %d series without seasons (a drifting level, noise σ 0.2): Holt-Winters answered %d, "
                + "next week's estimate %.3f from the level on average (log), the next 4 weeks' 80%% ranges covered %.3f%n", series,
                answeredByHoltWinters, distanceFromLevel / series, coverage);
        // The same week last year misses by a year's drift and two weeks' noise; the chance that it still wins on a
        // series' held-out weeks is small, not nil.
        assertThat(answeredByHoltWinters).as("series answered by Holt-Winters").isGreaterThanOrEqualTo(series - 3);
        assertThat(distanceFromLevel / series).as("mean distance of next week's estimate from the level (log)").isLessThan(0.15);
        assertThat(coverage).as("coverage of the next 4 weeks").isBetween(0.7, 0.9);
    }

    @Test
    void aSeriesThatRepeatsEachYearExactlyIsAnsweredByTheSameWeekLastYear() {
        var random = new Random(9);
        double[] year = random.doubles(52, 1e6, 5e6).toArray();
        // 2007-01-01 to the end of 2010: the 53-week ISO year 2009 is inside.
        int n = 4 * 52;
        double[] values = IntStream.range(0, n).mapToDouble(i -> year[i % 52]).toArray();
        List<Prediction> predictions = WeeklyForecaster.forecast(values, weeks(LocalDate.of(2007, 1, 1), n), 3).predictions().orElseThrow();
        for (int h = 1; h <= 3; h++) {
            Prediction prediction = predictions.get(h - 1);
            assertThat(isAnsweredByTheSameWeekLastYear(prediction)).as("answered by the same week last year").isTrue();
            assertThat(prediction.model()).isEqualTo(WeeklyForecaster.MODEL);
            assertThat(prediction.estimate()).isCloseTo(values[n - 52 + h - 1], org.assertj.core.data.Percentage.withPercentage(1e-6));
            assertThat(prediction.high() - prediction.low()).as("a series that never missed has no error to widen its range").isLessThan(1);
            assertThat(prediction.backtest().skill()).isZero();
        }
    }

    @Test
    void tooShortAHistoryIsRefusedWithTheReason() {
        int n = 3 * 52 - 1;
        var outcome = WeeklyForecaster.forecast(seasonalSeries(new Random(1), weeks(FIRST_WEEK, n), 0.2), weeks(FIRST_WEEK, n), 1);
        assertThat(outcome.predictions()).isEmpty();
        assertThat(outcome.refusal()).contains("only 155 weeks", "at least 156");
    }

    @Test
    void weeksThatDoNotFollowEachOtherAreRejected() {
        List<LocalDate> gap = new ArrayList<>(weeks(FIRST_WEEK, 200));
        gap.set(100, gap.get(100).plusDays(7));
        assertThatThrownBy(() -> WeeklyForecaster.forecast(new double[200], gap, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("follow each other");
    }

    /**
     * The demo warehouse's weekly totals of each of the 13 territories, by Monday week (its week_start is the weekday a
     * film opened on), from 1991 to the end of July 2010: after that the catalogue's releases thin out (its source ends in
     * September 2010), so the last weeks hold only the tails of the last films' runs, not a market.
     */
    @Test
    void weeklyTotalsOfTheDemoTerritoriesAreBacktestedAgainstTheSameWeekLastYear() throws Exception {
        List<List<Object>> rows = TestWarehouse.rows(FilmData.warehouse(), """
                SELECT region_code, CAST(CAST(date_trunc('week', week_start) AS DATE) AS VARCHAR) AS week, SUM(gross_usd) AS gross
                FROM box_office
                WHERE week_start >= DATE '1991-01-01' AND date_trunc('week', week_start) < DATE '2010-08-02'
                GROUP BY 1, 2 ORDER BY 1, 2""");
        Map<String, Map<LocalDate, Double>> byTerritory = new LinkedHashMap<>();
        rows.forEach(row -> byTerritory.computeIfAbsent((String) row.get(0), key -> new LinkedHashMap<>())
                .put(LocalDate.parse((String) row.get(1)), ((Number) row.get(2)).doubleValue()));
        var series = new ArrayList<WeeklyBacktest.Series>();
        byTerritory.forEach((territory, gross) -> {
            LocalDate first = gross.keySet().iterator().next();
            int n = (int) ChronoUnit.WEEKS.between(first, LocalDate.of(2010, 8, 2));
            List<LocalDate> weeks = weeks(first, n);
            series.add(new WeeklyBacktest.Series("territory " + territory, weeks,
                    weeks.stream().mapToDouble(week -> gross.getOrDefault(week, 0.0)).toArray()));
        });
        assertThat(series).hasSize(13);

        ModelBacktest pooled = WeeklyBacktest.run(series);
        ModelBacktest nextWeek = WeeklyBacktest.run(series, 1);
        double holtWinters = 0;
        double naive = 0;
        for (WeeklyBacktest.Series one : series) {
            var evaluation = WeeklyForecaster.evaluate(one.values(), one.weekStarts());
            for (int h = 1; h <= WeeklyForecaster.MAX_HORIZON; h++) {
                for (WeeklyForecaster.Case heldOut : evaluation.at(h)) {
                    holtWinters += Math.abs(heldOut.holtWintersError());
                    naive += Math.abs(heldOut.naiveError());
                }
            }
        }
        System.out.printf("Weekly forecaster on the demo's 13 territories, every week of Aug 2008–Jul 2010 as an origin, 1–13 weeks ahead: "
                + "typical error %.1f %% against %.1f %% for the same week last year, skill %.3f, 80%% range coverage %.3f on %d cases "
                + "(Holt-Winters alone, before the per-series choice: skill %.3f)%n", pooled.value(), pooled.baseline(), pooled.skill(),
                pooled.coverage(), pooled.heldOut(), 1 - holtWinters / naive);
        pooled.byPeriod().forEach(period -> System.out.printf("  %-15s typical error %.1f %% (same week last year %.1f %%), skill %.3f, coverage %.3f%n",
                period.period(), period.value(), period.baseline(), period.skill(), period.coverage()));
        nextWeek.byPeriod().forEach(period -> System.out.printf("  1 week ahead, %-12s typical error %.1f %% (same week last year %.1f %%), skill %.3f, coverage %.3f%n",
                period.period(), period.value(), period.baseline(), period.skill(), period.coverage()));

        assertThat(List.of(pooled.value(), pooled.baseline(), pooled.skill(), pooled.coverage())).as("pooled figures").allMatch(Double::isFinite);
        assertThat(nextWeek.points()).as("one-week-ahead cases judged for coverage").hasSizeGreaterThanOrEqualTo(100);
        assertThat(pooled.byPeriod()).hasSize(WeeklyForecaster.MAX_HORIZON);
        assertThat(pooled.byPeriod().get(3).coverage()).as("coverage four weeks ahead").isBetween(0.0, 1.0);
    }
}
