package ai.usheru.ask;

import ai.usheru.ask.planner.Interpretation;
import ai.usheru.ask.planner.QueryPlan;
import ai.usheru.guard.ScopedQueryRunner;
import ai.usheru.warehouse.QueryResult;

/**
 * Step 4, run: the guarded SQL in the warehouse (observed as {@code usheru.ask.warehouse}); for a
 * forecast, the regression over the yearly rows, or the film models for a film described. The SQL as
 * it ran and the rows are streamed as {@code sql} and {@code result}.
 */
final class RunStep {

    private final ScopedQueryRunner queries;
    private final PredictionService predictions;

    RunStep(ScopedQueryRunner queries, PredictionService predictions) {
        this.queries = queries;
        this.predictions = predictions;
    }

    void apply(AskState ask) {
        switch (ask.route) {
            case REPLY, CLARIFY -> { }
            case FILM_FORECAST -> {
                var forecast = predictions.filmForecast(ask.me, ask.forecastRegions, ask.film.target(), ask.film.film());
                ask.result = new QueryResult(forecast.columns(), forecast.rows(), false, 0);
                ask.forecastExplanation = forecast.explanation();
                ask.prediction = forecast.prediction();
                ask.emitResult();
            }
            case PLANNER, SERIES_FORECAST, MODEL, USER_SQL -> {
                if (ask.execution == null) {
                    ask.status("run", "Running the query");
                    ask.execution = queries.run(ask.datamart, ask.guarded);
                }
                ask.emit("sql", java.util.Map.of("sql", ask.execution.guarded().sql()));
                ask.result = ask.execution.result();
                if (ask.route == AskState.Route.SERIES_FORECAST) {
                    forecastSeries(ask);
                }
                ask.emitResult();
            }
        }
    }

    /** The yearly rows the planner's SQL returned, extended by the regression to the year asked for. */
    private void forecastSeries(AskState ask) {
        QueryPlan plan = ask.plan;
        var vocabulary = ask.planner.vocabulary();
        var metricLabel = vocabulary.model().metric(plan.metric()).label().replace(" (USD)", "").toLowerCase();
        boolean releases = plan.filters().stream().anyMatch(filter -> filter.field().equals("title_contains"));
        // What is forecast, in words: the series, or the films the question's conditions keep (not the history window).
        var conditions = plan.filters().stream().filter(filter -> !filter.field().equals("year")).toList();
        String subject = releases || conditions.isEmpty() ? ask.outcome.forecast().subject()
                : forecastSubject(Interpretation.conditions(plan.withFilters(conditions), vocabulary));
        QueryResult history = ask.result;
        QueryResult complete = predictions.completeYears(history, ask.datamart, ask.me.scope().regions());
        var forecast = Forecaster.forecast(complete, subject, metricLabel, ask.outcome.forecast().targetYear(), releases,
                predictions.seriesVersion(ask.me));
        ask.result = new QueryResult(forecast.columns(), forecast.rows(), false, history.elapsedMillis());
        // The year the data ends in before its December is left out of the history, and said so.
        String partial = complete == history ? "" : " " + history.rows().getLast().getFirst()
                + " is left out: the data ends before its December, so its total is not complete yet.";
        ask.forecastExplanation = forecast.explanation() + partial;
        ask.prediction = forecast.prediction();
    }

    private static final java.util.regex.Pattern OF_FILMS = java.util.regex.Pattern.compile("(?:^|, )of ([^,]+ films)");

    /** The conditions of a forecast as a subject: "in France, of Action films" reads "Action films in France". */
    static String forecastSubject(String conditions) {
        String words = conditions.strip();
        var films = OF_FILMS.matcher(words);
        if (!films.find()) {
            return "films " + words;
        }
        String rest = (words.substring(0, films.start()) + words.substring(films.end())).replaceAll("^,\\s*|,\\s*$", "").strip();
        return films.group(1) + (rest.isEmpty() ? "" : " " + rest);
    }
}
