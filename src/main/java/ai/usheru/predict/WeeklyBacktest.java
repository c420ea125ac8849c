package ai.usheru.predict;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The weekly recipe of {@link WeeklyForecaster} tried on many series at once (every territory, say): each series' last
 * two years replayed by time, the answering model's held-out errors (Holt-Winters, or the seasonal naive forecast where
 * that did not beat it on the series) pooled against the seasonal naive "same week last year", and coverage judged as an
 * answer would have been — each case with a range calibrated only on the errors known at its origin. The per-series
 * choice is made on the same held-out errors, as an answer's is, which flatters the pooled skill a little; Holt-Winters'
 * own errors stay in each {@link WeeklyForecaster.Case}.
 */
public final class WeeklyBacktest {

    private WeeklyBacktest() {}

    /** One weekly history, oldest first, e.g. "territory GB" with its weeks and dollars. */
    public record Series(String name, List<LocalDate> weekStarts, double[] values) {

        public Series {
            weekStarts = List.copyOf(weekStarts);
            values = values.clone();
        }
    }

    /**
     * Pools every horizon from 1 to {@value WeeklyForecaster#MAX_HORIZON} weeks, as the model answers them, with a figure
     * per horizon; the points are the one-week-ahead cases (all horizons would chart each week thirteen times).
     */
    public static ModelBacktest run(List<Series> series) {
        var evaluated = evaluate(series);
        var periods = new ArrayList<ModelBacktest.Period>();
        var total = new Tally();
        for (int h = 1; h <= WeeklyForecaster.MAX_HORIZON; h++) {
            var tally = new Tally();
            for (Evaluated one : evaluated) {
                tally.add(one.evaluation(), h);
            }
            total.add(tally);
            periods.add(tally.period("%d week%s ahead".formatted(h, h == 1 ? "" : "s")));
        }
        return total.backtest("typical error 1–%d weeks ahead (%%)".formatted(WeeklyForecaster.MAX_HORIZON),
                evaluated.size() + " series, horizons 1–" + WeeklyForecaster.MAX_HORIZON + " weeks", periods, points(evaluated, 1));
    }

    /** Pools one horizon, with a figure per series. */
    public static ModelBacktest run(List<Series> series, int horizon) {
        if (horizon < 1 || horizon > WeeklyForecaster.MAX_HORIZON) {
            throw new IllegalArgumentException("A weekly forecast looks 1 to " + WeeklyForecaster.MAX_HORIZON + " weeks ahead, not " + horizon);
        }
        var evaluated = evaluate(series);
        var periods = new ArrayList<ModelBacktest.Period>();
        var total = new Tally();
        for (Evaluated one : evaluated) {
            var tally = new Tally();
            tally.add(one.evaluation(), horizon);
            total.add(tally);
            periods.add(tally.period(one.series().name()));
        }
        return total.backtest("typical error %d week%s ahead (%%)".formatted(horizon, horizon == 1 ? "" : "s"),
                evaluated.size() + " series", periods, points(evaluated, horizon));
    }

    private record Evaluated(Series series, WeeklyForecaster.Evaluation evaluation) {}

    /** The series with enough history; shorter ones are left out, as a question about them would be refused. */
    private static List<Evaluated> evaluate(List<Series> series) {
        List<Evaluated> evaluated = series.stream()
                .filter(one -> one.values().length >= WeeklyForecaster.MIN_HISTORY)
                .map(one -> new Evaluated(one, WeeklyForecaster.evaluate(one.values(), one.weekStarts())))
                .toList();
        if (evaluated.isEmpty()) {
            throw new IllegalArgumentException("No series has the " + WeeklyForecaster.MIN_HISTORY + " weeks of history a backtest needs");
        }
        return evaluated;
    }

    private static List<ModelBacktest.Point> points(List<Evaluated> evaluated, int horizon) {
        var points = new ArrayList<ModelBacktest.Point>();
        for (Evaluated one : evaluated) {
            for (WeeklyForecaster.Judged judged : WeeklyForecaster.judged(one.evaluation(), horizon)) {
                double predicted = judged.predicted();
                points.add(new ModelBacktest.Point(one.series().name() + " week of " + one.series().weekStarts().get(judged.heldOut().target()),
                        Math.expm1(judged.heldOut().actual()), Math.expm1(predicted), Math.max(0, Math.expm1(predicted - judged.halfWidth())),
                        Math.expm1(predicted + judged.halfWidth())));
            }
        }
        return points;
    }

    /** Sums of absolute log errors of the answering model and the seasonal naive forecast on the same cases, and coverage counts. */
    private static final class Tally {

        private double model;
        private double naive;
        private int cases;
        private int judged;
        private int covered;

        void add(WeeklyForecaster.Evaluation evaluation, int horizon) {
            for (WeeklyForecaster.Case heldOut : evaluation.at(horizon)) {
                model += Math.abs(evaluation.error(heldOut));
                naive += Math.abs(heldOut.naiveError());
                cases++;
            }
            for (WeeklyForecaster.Judged one : WeeklyForecaster.judged(evaluation, horizon)) {
                judged++;
                covered += one.isInside(evaluation) ? 1 : 0;
            }
        }

        void add(Tally other) {
            model += other.model;
            naive += other.naive;
            cases += other.cases;
            judged += other.judged;
            covered += other.covered;
        }

        ModelBacktest.Period period(String name) {
            return new ModelBacktest.Period(name, cases, ModelBacktest.percent(model / cases), ModelBacktest.percent(naive / cases),
                    1 - model / naive, judged == 0 ? Double.NaN : (double) covered / judged);
        }

        ModelBacktest backtest(String metric, String periods, List<ModelBacktest.Period> byPeriod, List<ModelBacktest.Point> points) {
            return new ModelBacktest(metric, ModelBacktest.percent(model / cases), ModelBacktest.percent(naive / cases), 1 - model / naive,
                    judged == 0 ? Double.NaN : (double) covered / judged, cases, periods, byPeriod, points);
        }
    }
}
