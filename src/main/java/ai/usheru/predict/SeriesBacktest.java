package ai.usheru.predict;

import java.util.ArrayList;
import java.util.List;

/**
 * The yearly series recipe of {@link SeriesForecaster} tried on many series at once (every territory,
 * genre and large distributor): each series replayed by time one year ahead, the answering model's
 * errors pooled against the naive "same as last year", and coverage judged as an answer would have
 * been — each case with a range calibrated only on the errors before it.
 */
public final class SeriesBacktest {

    private SeriesBacktest() {}

    /** One yearly history, oldest first, e.g. "genre Drama" with its years and dollars. */
    public record Series(String name, List<String> labels, double[] values) {

        public Series {
            labels = List.copyOf(labels);
            values = values.clone();
        }
    }

    /** Pools the held-out errors of the series with enough history; shorter ones are left out, as a question about them would be refused. */
    public static ModelBacktest run(List<Series> series) {
        double modelSum = 0;
        double naiveSum = 0;
        int cases = 0;
        int judged = 0;
        int covered = 0;
        var points = new ArrayList<ModelBacktest.Point>();
        var periods = new ArrayList<ModelBacktest.Period>();
        for (Series one : series) {
            if (one.values().length < SeriesForecaster.MIN_TRAINING + SeriesForecaster.MIN_HELD_OUT) {
                continue;
            }
            SeriesForecaster.Evaluation evaluation = SeriesForecaster.evaluate(one.values(), 1);
            List<Double> errors = evaluation.errors();
            double model = errors.stream().mapToDouble(Math::abs).sum();
            double naive = evaluation.naiveErrors().stream().mapToDouble(Math::abs).sum();
            modelSum += model;
            naiveSum += naive;
            cases += errors.size();
            int seriesJudged = 0;
            int seriesCovered = 0;
            for (int i = SeriesForecaster.MIN_HELD_OUT; i < errors.size(); i++) {
                double width = SplitConformal.of(errors.subList(0, i).stream().mapToDouble(Double::doubleValue).toArray())
                        .halfWidth(SeriesForecaster.LEVEL);
                int period = evaluation.periodOf(i);
                double actual = evaluation.logs()[period];
                double predicted = actual - errors.get(i);
                boolean inside = Math.abs(errors.get(i)) <= width;
                seriesJudged++;
                seriesCovered += inside ? 1 : 0;
                points.add(new ModelBacktest.Point(one.name() + " " + one.labels().get(period), Math.expm1(actual), Math.expm1(predicted),
                        Math.max(0, Math.expm1(predicted - width)), Math.expm1(predicted + width)));
            }
            judged += seriesJudged;
            covered += seriesCovered;
            periods.add(new ModelBacktest.Period(one.name(), errors.size(), ModelBacktest.percent(model / errors.size()),
                    ModelBacktest.percent(naive / errors.size()), 1 - model / naive,
                    seriesJudged == 0 ? Double.NaN : (double) seriesCovered / seriesJudged));
        }
        if (cases == 0) {
            throw new IllegalArgumentException("No series has the " + (SeriesForecaster.MIN_TRAINING + SeriesForecaster.MIN_HELD_OUT)
                    + " years of history a backtest needs");
        }
        return new ModelBacktest("typical error one year ahead (%)", ModelBacktest.percent(modelSum / cases),
                ModelBacktest.percent(naiveSum / cases), 1 - modelSum / naiveSum, (double) covered / judged, cases,
                periods.size() + " series", periods, points);
    }
}
