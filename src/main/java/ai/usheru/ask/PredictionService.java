package ai.usheru.ask;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import ai.usheru.guard.ScopedQueryRunner;
import ai.usheru.DomainException;
import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.Catalogue;
import ai.usheru.ask.planner.OfflinePlanner;
import ai.usheru.ask.planner.QueryPlan;
import ai.usheru.predict.BoxOfficeTarget;
import ai.usheru.predict.FilmDataset;
import ai.usheru.predict.FilmSpec;
import ai.usheru.predict.ModelVersion;
import ai.usheru.predict.PredictionModels;
import ai.usheru.predict.WeeklyBacktest;
import ai.usheru.predict.WeeklyForecaster;
import ai.usheru.predict.WeeklyHistory;
import ai.usheru.predict.Prediction;
import ai.usheru.quota.QuotaService;
import ai.usheru.quota.Usage;
import ai.usheru.warehouse.QueryResult;

/**
 * Forecasts asked for directly ({@code POST /api/v1/predict}) and the forecasting steps the chat shares:
 * a yearly series (a territory's, a genre's, a distributor's, a series of films') with the registry's
 * series recipe, or a described film's opening week or whole run with the registry's film models —
 * always in the caller's scope, through the same guard as a question, and metered like a question.
 */
@Service
public class PredictionService {

    private final AccountService accounts;
    private final Planners planners;
    private final ScopedQueryRunner queries;
    private final PredictionModels models;
    private final QuotaService quotas;
    private final Catalogue catalogue;

    PredictionService(AccountService accounts, Planners planners, ScopedQueryRunner queries, PredictionModels models, QuotaService quotas,
            Catalogue catalogue) {
        this.accounts = accounts;
        this.planners = planners;
        this.queries = queries;
        this.models = models;
        this.quotas = quotas;
        this.catalogue = catalogue;
    }

    /** What to forecast: a target, and a film described or the conditions of a series. */
    public record PredictRequest(String target, String region, FilmSpec film, String series, String genre, String distributor,
            Integer horizon, String period) {}

    /** A forecast with the sentence, the prediction and rows for a chart (history or comparables, then the forecast). */
    public record PredictReply(String target, String subject, String answer, Prediction prediction, List<QueryResult.Column> columns,
            List<List<Object>> rows, String scope, Map<String, Object> quota) {}

    @PreAuthorize("isAuthenticated()")
    public PredictReply predict(PredictRequest request) {
        if (request == null || request.target() == null) {
            throw DomainException.badInput("bad_request", "Send a target: opening_week_gross, total_gross or box_office.");
        }
        Account me = accounts.current();
        String target = request.target().strip().toLowerCase(Locale.ROOT);
        QuotaService.Reservation reservation = quotas.reserve(me.id(), me.clientId(), AskReply.Usage.OFFLINE.model());
        long started = System.nanoTime();
        PredictReply reply;
        try {
            reply = switch (target) {
                case "opening_week_gross", "total_gross" -> predictFilm(me, request, BoxOfficeTarget.valueOf(target.toUpperCase(Locale.ROOT)));
                case "box_office" -> predictSeries(me, request);
                default -> throw DomainException.badInput("bad_target", "Unknown target '" + request.target()
                        + "'. Use opening_week_gross, total_gross or box_office.");
            };
        } catch (RuntimeException e) {
            quotas.release(reservation, e instanceof DomainException domain ? domain.code() : "error");
            throw e;
        }
        quotas.settle(reservation, new Usage(AskReply.Usage.OFFLINE.model(), 0, 0, BigDecimal.ZERO, (System.nanoTime() - started) / 1_000_000,
                0, "prediction"));
        return new PredictReply(reply.target(), reply.subject(), reply.answer(), reply.prediction(), reply.columns(), reply.rows(),
                reply.scope(), quotas.remaining(me.id()));
    }

    private PredictReply predictFilm(Account me, PredictRequest request, BoxOfficeTarget target) {
        if (request.film() == null) {
            throw DomainException.badInput("bad_film", "Describe the film: e.g. {\"genre\": \"Action\", \"budget\": 90000000, "
                    + "\"mpaaRating\": \"PG-13\", \"releaseDate\": \"2011-07-15\"}.");
        }
        Set<String> regions = regionsFor(me, request.region());
        FilmAnswer answer = filmForecast(me, regions, target, request.film());
        return new PredictReply(target.name().toLowerCase(Locale.ROOT), answer.subject(), answer.explanation(), answer.prediction(),
                answer.columns(), answer.rows(), scopeWords(regions), Map.of());
    }

    private PredictReply predictSeries(Account me, PredictRequest request) {
        String period = request.period() == null ? "year" : request.period().strip().toLowerCase(Locale.ROOT);
        if (period.equals("week")) {
            return predictWeeks(me, request);
        }
        if (!period.equals("year")) {
            throw DomainException.badInput("bad_period", "A period is year or week, not '" + request.period() + "'.");
        }
        String datamart = FilmDataset.DATAMART;
        OfflinePlanner planner = planners.forDatamart(datamart);
        var filters = new ArrayList<QueryPlan.Filter>();
        var subject = new ArrayList<String>();
        if (request.genre() != null && !request.genre().isBlank()) {
            String genre = known("genre", request.genre(), "m.major_genre");
            filters.add(QueryPlan.Filter.in("genre", List.of(genre)));
            subject.add(genre + " films");
        }
        if (request.distributor() != null && !request.distributor().isBlank()) {
            String distributor = known("distributor", request.distributor(), "m.distributor");
            filters.add(QueryPlan.Filter.in("distributor", List.of(distributor)));
            subject.add((subject.isEmpty() ? "films " : "") + "distributed by " + distributor);
        }
        boolean releases = request.series() != null && !request.series().isBlank();
        if (releases) {
            filters.add(QueryPlan.Filter.compare("title_contains", "like", request.series().strip().toLowerCase(Locale.ROOT)));
            subject.add("the " + request.series().strip() + " films");
        }
        if (request.region() != null && !request.region().isBlank()) {
            String region = regionCode(request.region());
            filters.add(QueryPlan.Filter.in("region", List.of(region)));
            subject.add("in " + planner.vocabulary().regionName(region));
        }
        if (!releases) {
            filters.add(QueryPlan.Filter.compare("year", ">=", planner.vocabulary().latestYear() - 15));
        }
        String what = subject.isEmpty() ? "all films" : String.join(" ", subject);
        if (!what.startsWith("the ") && !what.contains("films")) {
            what = "films " + what;
        }
        var plan = new QueryPlan(datamart, "box_office", null, List.of("year"), filters, null, null);
        int horizon = request.horizon() == null ? 1 : request.horizon();
        if (horizon < 1 || horizon > 5) {
            throw DomainException.badInput("bad_horizon", "A horizon is 1 to 5 years ahead.");
        }
        Set<String> regions = regionsFor(me, request.region());
        Forecaster.Forecast forecast = seriesForecast(me, planner, plan, what, horizon, releases);
        return new PredictReply("box_office", what, forecast.explanation() + " Computed for " + scopeWords(regions) + ".",
                forecast.prediction(), forecast.columns(), forecast.rows(), scopeWords(regions), Map.of());
    }

    /**
     * Weekly box office of the films and region asked for, {@code horizon} (1–13) weeks after the last
     * complete week, with the registry's weekly recipe: one forecast per week, the reply's prediction
     * the last of them.
     */
    private PredictReply predictWeeks(Account me, PredictRequest request) {
        int horizon = request.horizon() == null ? 1 : request.horizon();
        if (horizon < 1 || horizon > WeeklyForecaster.MAX_HORIZON) {
            throw DomainException.badInput("bad_horizon", "A weekly horizon is 1 to " + WeeklyForecaster.MAX_HORIZON + " weeks ahead.");
        }
        if (request.series() != null && !request.series().isBlank()) {
            throw DomainException.badInput("bad_period", "A series of films is forecast film by film (period year), not by week.");
        }
        var conditions = new ArrayList<String>();
        var subject = new ArrayList<String>();
        if (request.genre() != null && !request.genre().isBlank()) {
            String genre = known("genre", request.genre(), "m.major_genre");
            conditions.add("m.major_genre = '" + genre.replace("'", "''") + "'");
            subject.add(genre + " films");
        }
        if (request.distributor() != null && !request.distributor().isBlank()) {
            String distributor = known("distributor", request.distributor(), "m.distributor");
            conditions.add("m.distributor = '" + distributor.replace("'", "''") + "'");
            subject.add((subject.isEmpty() ? "films" : "") + " distributed by " + distributor);
        }
        Set<String> regions = regionsFor(me, request.region());
        String what = (subject.isEmpty() ? "all films" : String.join("", subject)).strip();
        ModelVersion version = models.resolve(PredictionModels.SERIES_WEEKLY, me.id(), me.clientId());
        LocalDate lastWeek = WeeklyHistory.lastCompleteWeek(queries, regions);
        if (lastWeek == null) {
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "not_enough_history", "There is no box office in "
                    + scopeWords(regions) + " to forecast from.");
        }
        WeeklyBacktest.Series history = WeeklyHistory.load(queries, regions, what, conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions),
                lastWeek.minusYears(8), lastWeek);
        var columns = List.of(new QueryResult.Column("week", "date"), new QueryResult.Column("box_office_usd", "number"),
                new QueryResult.Column("low_80", "number"), new QueryResult.Column("high_80", "number"), new QueryResult.Column("kind", "text"));
        var rows = new ArrayList<List<Object>>();
        int n = history.values().length;
        for (int i = Math.max(0, n - 52); i < n; i++) {
            rows.add(Arrays.asList(history.weekStarts().get(i).toString(), Math.round(history.values()[i]), null, null, "actual"));
        }
        var outcome = n == 0 ? new WeeklyForecaster.Outcome(java.util.Optional.empty(), "There is no weekly box office of " + what + " in "
                + scopeWords(regions) + ".") : WeeklyForecaster.forecast(history.values(), history.weekStarts(), horizon);
        if (outcome.predictions().isEmpty()) {
            return new PredictReply("box_office", what, "I cannot forecast the weekly box office of " + what + " honestly: " + outcome.refusal()
                    + " Computed for " + scopeWords(regions) + ".", null, columns, rows, scopeWords(regions), Map.of());
        }
        List<Prediction> weeks = outcome.predictions().get();
        for (int h = 1; h <= weeks.size(); h++) {
            Prediction week = weeks.get(h - 1);
            rows.add(Arrays.asList(lastWeek.plusWeeks(h).toString(), Math.round(week.estimate()), Math.round(week.low()), Math.round(week.high()),
                    "forecast"));
        }
        Prediction last = weeks.getLast();
        Prediction prediction = new Prediction(version.name(), String.valueOf(version.version()), last.estimate(), last.low(), last.high(),
                last.level(), last.unit(), last.backtest(), last.assumptions(), last.comparables());
        Prediction.Backtest held = prediction.backtest();
        boolean seasonalNaive = held.skill() == 0;
        String answer = ("Forecast for %s, the week of %s (%d week%s after the last complete week, %s): about %s, with an 80%% range of %s "
                + "to %s. Tested on %,d held-out weeks %d ahead, %s was typically off by %.0f%%%s. Model %s v%d. It assumes %s; it cannot "
                + "know marketing, competition, reviews or release dates. Weeks after %s are left out: they hold only films already running "
                + "(newer releases are not loaded yet). Computed for %s.").formatted(what, lastWeek.plusWeeks(horizon), horizon,
                horizon == 1 ? "" : "s", lastWeek, Answers.money(prediction.estimate()), Answers.money(prediction.low()),
                Answers.money(prediction.high()), held.heldOut(), horizon, seasonalNaive ? "\"the same week a year before\"" : "Holt-Winters",
                held.value(), seasonalNaive ? " (Holt-Winters did worse, so last year's week stands)"
                        : ", against %.0f%% for the same week a year before (skill %.2f)".formatted(held.baseline(), held.skill()),
                version.name(), version.version(), String.join(" and ", prediction.assumptions()), lastWeek, scopeWords(regions));
        return new PredictReply("box_office", what, answer, prediction, columns, rows, scopeWords(regions), Map.of());
    }

    /**
     * Runs a yearly plan in the user's scope and forecasts {@code horizon} years after its last complete
     * year (the next film, for a series of films) with the version of the series recipe this user gets.
     */
    Forecaster.Forecast seriesForecast(Account me, OfflinePlanner planner, QueryPlan plan, String subject, int horizon, boolean releases) {
        String datamart = plan.datamart();
        QueryResult history = completeYears(queries.run(datamart, planner.compile(plan), me.scope().regions()).result(), datamart,
                me.scope().regions());
        var metricLabel = planner.vocabulary().model().metric(plan.metric()).label().replace(" (USD)", "").toLowerCase(Locale.ROOT);
        int lastYear = history.rows().isEmpty() ? planner.vocabulary().latestYear() : ((Number) history.rows().getLast().getFirst()).intValue();
        return Forecaster.forecast(history, subject, metricLabel, lastYear + horizon, releases, seriesVersion(me));
    }

    /** The version of the yearly series recipe this user gets. */
    ModelVersion seriesVersion(Account me) {
        return models.resolve(PredictionModels.SERIES_YEARLY, me.id(), me.clientId());
    }

    /** A film forecast as an answer: the sentence, the prediction, comparables and the forecast as rows. */
    record FilmAnswer(String subject, String explanation, Prediction prediction, List<QueryResult.Column> columns, List<List<Object>> rows) {}

    FilmAnswer filmForecast(Account me, Set<String> regions, BoxOfficeTarget target, FilmSpec film) {
        PredictionModels.FilmForecast forecast = models.predictFilm(me.id(), me.clientId(), regions, target, film);
        Prediction prediction = forecast.prediction();
        Prediction.Backtest held = prediction.backtest();
        String what = target == BoxOfficeTarget.OPENING_WEEK_GROSS ? "opening week" : "total box office";
        String subject = describe(film);
        var columns = List.of(new QueryResult.Column("film", "text"), new QueryResult.Column("year", "number"),
                new QueryResult.Column(target == BoxOfficeTarget.OPENING_WEEK_GROSS ? "opening_week_usd" : "total_gross_usd", "number"),
                new QueryResult.Column("low_80", "number"), new QueryResult.Column("high_80", "number"), new QueryResult.Column("kind", "text"));
        var rows = new ArrayList<List<Object>>();
        forecast.comparables().forEach(c -> rows.add(Arrays.asList(c.title(), c.year(), Math.round(c.grossUsd()), null, null, "comparable")));
        rows.add(Arrays.asList(film.title() != null ? film.title() : "The film described", forecast.releaseDate().getYear(), Math.round(prediction.estimate()), Math.round(prediction.low()),
                Math.round(prediction.high()), "forecast"));
        String explanation = ("Forecast %s for %s, in %s: about %s, with an 80%% range of %s to %s. Tested on %,d held-out films (%s), "
                + "the model was typically off by a factor of %.1f, against %.1f for the median of earlier films of the same genre and "
                + "budget band (skill %.2f%s); its 80%% ranges held %.0f%% of them. Model %s v%d, trained on films released before %d%s. "
                + "It knows only what is described%s; it cannot know marketing, competition, reviews or how many screens the film gets.")
                .formatted(what, subject, scopeWords(regions), Answers.money(prediction.estimate()), Answers.money(prediction.low()),
                        Answers.money(prediction.high()), held.heldOut(), forecast.backtestYears(), held.value(), held.baseline(), held.skill(),
                        // A region-limited fit can miss the bar its version cleared everywhere: said, not hidden.
                        held.skill() > 0 ? "" : ": no better than that median here, so read the range rather than the estimate",
                        100 * held.coverage(), forecast.version().name(), forecast.version().version(), forecast.version().dataCutoff().getYear(),
                        regions.isEmpty() ? "" : " with box office in " + scopeWords(regions) + " (its backtest there: the figures above)",
                        film.releaseDate() == null ? " (no date was given, so mid-" + forecast.releaseDate().getYear() + " is assumed)" : "")
                + (forecast.comparables().isEmpty() ? "" : " Comparable earlier films: " + String.join("; ", prediction.comparables()) + ".");
        return new FilmAnswer(subject, explanation, prediction, columns, rows);
    }

    /** "a PG-13 Action film with a $90 million budget, released 2011-07-15". */
    static String describe(FilmSpec film) {
        var text = new StringBuilder(film.title() != null ? "\"" + film.title() + "\", " : "");
        text.append(film.mpaaRating() != null && film.mpaaRating().matches("(?i)[aeiou].*|R|NC-17") ? "an " : "a ");
        if (film.mpaaRating() != null) {
            text.append(film.mpaaRating()).append(' ');
        }
        text.append(film.genre() != null ? film.genre() + " film" : "film");
        if (film.budgetUsd() != null) {
            text.append(" with a ").append(Answers.money(film.budgetUsd())).append(" budget");
        }
        if (film.releaseDate() != null) {
            text.append(", released ").append(film.releaseDate());
        }
        return text.toString();
    }

    /**
     * The regions a forecast reads: the one asked for (which must be in the user's scope) or the whole
     * scope.
     */
    private Set<String> regionsFor(Account me, String region) {
        if (region == null || region.isBlank()) {
            return me.scope().regions();
        }
        String code = regionCode(region);
        if (me.scope().hasRegionLimit() && !me.scope().regions().contains(code)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "region_out_of_scope",
                    "Your account covers " + me.scope().describeRegions() + ", not " + code + ".");
        }
        return Set.of(code);
    }

    private String regionCode(String region) {
        String wanted = region.strip();
        return catalogue.regions().stream()
                .filter(known -> known.code().equalsIgnoreCase(wanted) || known.name().equalsIgnoreCase(wanted))
                .map(Catalogue.Region::code).findFirst()
                .orElseThrow(() -> DomainException.badInput("unknown_region", "Unknown region '" + wanted + "'. Known: "
                        + String.join(", ", catalogue.regions().stream().map(Catalogue.Region::code).toList()) + "."));
    }

    /** The catalogue's spelling of a genre or distributor, or a clear error listing what exists. */
    private String known(String what, String value, String column) {
        List<String> values = queries.run(FilmDataset.DATAMART, "SELECT DISTINCT " + column + " AS v FROM movies m WHERE " + column
                + " IS NOT NULL", Set.of(), 10_000).result().rows().stream().map(row -> String.valueOf(row.getFirst())).toList();
        return PredictionModels.spelledAsIn(values, what, value, "unknown_" + what);
    }

    private String scopeWords(Set<String> regions) {
        return Answers.scopeWords(regions, planners.forDatamart(FilmDataset.DATAMART).vocabulary());
    }

    /**
     * A yearly history without its last year when the data ends before that year's December: a year
     * the warehouse holds only in part would read as a collapse and drag every forecast down.
     */
    QueryResult completeYears(QueryResult history, String datamart, Set<String> regions) {
        if (history.rows().isEmpty() || !(history.rows().getLast().getFirst() instanceof Number lastYear)) {
            return history;
        }
        Object lastDay = queries.run(datamart, "SELECT MAX(week_start) AS last_week FROM box_office", regions).result().rows()
                .getFirst().getFirst();
        if (lastDay == null) {
            return history;
        }
        LocalDate last = LocalDate.parse(String.valueOf(lastDay).substring(0, 10));
        boolean partial = last.getYear() == lastYear.intValue() && last.getMonthValue() < 12;
        return partial ? new QueryResult(history.columns(), history.rows().subList(0, history.rows().size() - 1), false,
                history.elapsedMillis()) : history;
    }

    /** A release date from the API, or a clear error. */
    public static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.badInput("bad_film", "A release date is written like 2011-07-15, not '" + text.strip() + "'.");
        }
    }
}
