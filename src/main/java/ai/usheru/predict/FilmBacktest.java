package ai.usheru.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How well the film model would have done had it been used in the past: for each test year Y it is
 * trained on films released before Y (its interval calibrated on the last year before Y) and scored on
 * the films of Y, next to the genre-and-budget baseline trained on the same earlier films. Errors are on
 * the log scale (an error of 0.69 is a factor of two) and as the median absolute percentage error in
 * dollars; skill is {@code 1 − model error / baseline error}, above 0 when the model beats the baseline.
 */
public final class FilmBacktest {

    private FilmBacktest() {}

    /** The scores of one test year, or of all test years pooled. */
    public record Score(String years, int films, double modelLogMae, double baselineLogMae, double modelMdape, double baselineMdape,
            double coverage) {

        public double skill() {
            return 1 - modelLogMae / baselineLogMae;
        }

        String line() {
            return String.format(Locale.ROOT, "%-9s %5d  %6.3f  %6.3f  %6.3f  %7.1f%%  %7.1f%%  %6.1f%%", years, films, modelLogMae,
                    baselineLogMae, skill(), 100 * modelMdape, 100 * baselineMdape, 100 * coverage);
        }
    }

    /** One held-out film: its gross and the model's estimate with its interval, in dollars. */
    public record Point(int year, String title, double actual, double predicted, double low, double high) {}

    /** Each year's score and the pooled one, for one target and scope, and every held-out film. */
    public record Result(BoxOfficeTarget target, List<Score> years, Score pooled, List<Point> points) {

        /** As the registry keeps it: typical errors as factors (a mean absolute log error of 1.1 reads "× 3.0"), per year, and every held-out film. */
        public ModelBacktest summary() {
            return new ModelBacktest(ModelBacktest.FACTOR, Math.exp(pooled.modelLogMae()), Math.exp(pooled.baselineLogMae()), pooled.skill(), pooled.coverage(), pooled.films(), pooled.years(),
                    years.stream().map(score -> new ModelBacktest.Period(score.years(), score.films(), Math.exp(score.modelLogMae()),
                            Math.exp(score.baselineLogMae()), score.skill(), score.coverage())).toList(),
                    points.stream().map(point -> new ModelBacktest.Point(point.title() + " (" + point.year() + ")", point.actual(),
                            point.predicted(), point.low(), point.high())).toList());
        }

        /** A table for logs and reports. */
        public String report() {
            var text = new StringBuilder(target + " — backtest, " + (int) (100 * FilmRegressor.LEVEL) + " % intervals\n");
            text.append("year      films  model   naive   skill   model MdAPE naive MdAPE coverage\n");
            years.forEach(score -> text.append(score.line()).append('\n'));
            return text.append(pooled.line()).append('\n').toString();
        }
    }

    public static Result run(List<FilmRow> rows, BoxOfficeTarget target, List<Integer> testYears) {
        var scores = new ArrayList<Score>();
        var all = new ArrayList<Case>();
        var points = new ArrayList<Point>();
        for (int year : testYears) {
            FilmRegressor model = FilmRegressor.train(rows, target, year);
            var baseline = new GenreBudgetBaseline(rows, target, year);
            List<Case> cases = rows.stream()
                    .filter(row -> row.film().releaseYear() == year && row.logTarget(target) != null)
                    .map(row -> new Case(row.film(), target.grossOf(row.film()), model.predict(row.features()),
                            Math.expm1(baseline.logPrediction(row.film()))))
                    .toList();
            cases.forEach(c -> points.add(new Point(year, c.film().title(), c.actual(), c.model().median(), c.model().low(), c.model().high())));
            scores.add(score(String.valueOf(year), cases));
            all.addAll(cases);
        }
        return new Result(target, scores, score(testYears.getFirst() + "-" + testYears.getLast(), all), points);
    }

    private record Case(Film film, double actual, FilmRegressor.Estimate model, double baseline) {}

    private static Score score(String years, List<Case> cases) {
        double[] modelLogErrors = cases.stream().mapToDouble(c -> Math.abs(Math.log1p(c.actual()) - Math.log1p(c.model().median()))).toArray();
        double[] baselineLogErrors = cases.stream().mapToDouble(c -> Math.abs(Math.log1p(c.actual()) - Math.log1p(c.baseline()))).toArray();
        double[] modelPercentErrors = cases.stream().mapToDouble(c -> Math.abs(c.model().median() - c.actual()) / c.actual()).toArray();
        double[] baselinePercentErrors = cases.stream().mapToDouble(c -> Math.abs(c.baseline() - c.actual()) / c.actual()).toArray();
        double coverage = cases.stream().filter(c -> c.model().covers(c.actual())).count() / (double) cases.size();
        return new Score(years, cases.size(), mean(modelLogErrors), mean(baselineLogErrors), FilmFeatures.median(modelPercentErrors),
                FilmFeatures.median(baselinePercentErrors), coverage);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }
}
