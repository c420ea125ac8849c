package ai.usheru.predict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import ai.usheru.DomainException;
import ai.usheru.Money;
import ai.usheru.guard.ScopedQueryRunner;
import ai.usheru.warehouse.QueryResult;

/**
 * Trains, registers and serves the prediction models: the two film models (opening week, whole run) and
 * the yearly series recipe. A version is trained when the warehouse's data changed since the newest
 * one (or on an admin's demand), registered as a candidate with its time-ordered backtest, and approved
 * on its own only when no version of its model is approved yet and it clears the bars (skill above 0,
 * 80 % coverage within 75–85 %). Serving resolves the version a user gets (their pin, their client's,
 * the newest approved), and a user limited to some regions gets that version's recipe fitted to their
 * regions' grosses only, with its own backtest.
 */
@Service
public class PredictionModels {

    public static final String FILM_OPENING_WEEK = "film-opening-week";
    public static final String FILM_TOTAL_GROSS = "film-total-gross";
    public static final String SERIES_YEARLY = "series-yearly";
    public static final String SERIES_WEEKLY = WeeklyForecaster.MODEL;
    public static final List<String> NAMES = List.of(FILM_OPENING_WEEK, FILM_TOTAL_GROSS, SERIES_YEARLY, SERIES_WEEKLY);

    /** Years of weekly history the weekly recipe is backtested on (its refits see six at most). */
    private static final int WEEKLY_YEARS = 8;

    /** Test years of a film backtest: the six years before the cutoff. */
    static final int BACKTEST_YEARS = 6;
    /** Distributors with the most box office whose yearly series the series recipe is backtested on. */
    private static final int SERIES_DISTRIBUTORS = 15;

    private static final Logger log = LoggerFactory.getLogger(PredictionModels.class);

    private final ModelRegistry registry;
    private final ScopedQueryRunner queries;
    /** Film models ready to predict, with the films they read features from, by version and scope ({@link #fitKey}). */
    private final Map<String, FittedFilmModel> fits = new ConcurrentHashMap<>();

    PredictionModels(ModelRegistry registry, ScopedQueryRunner queries) {
        this.registry = registry;
        this.queries = queries;
    }

    public static String nameOf(BoxOfficeTarget target) {
        return target == BoxOfficeTarget.OPENING_WEEK_GROSS ? FILM_OPENING_WEEK : FILM_TOTAL_GROSS;
    }

    public static BoxOfficeTarget targetOf(String name) {
        return switch (name) {
            case FILM_OPENING_WEEK -> BoxOfficeTarget.OPENING_WEEK_GROSS;
            case FILM_TOTAL_GROSS -> BoxOfficeTarget.TOTAL_GROSS;
            default -> throw new IllegalArgumentException("No film model is called " + name);
        };
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** Trains every model whose training data changed since its newest version; returns the versions registered. */
    public synchronized List<ModelVersion> trainWhereDataChanged() {
        var trained = new ArrayList<ModelVersion>();
        for (String name : NAMES) {
            train(name, false).ifPresent(trained::add);
        }
        return trained;
    }

    private synchronized void trainFirst(String name) {
        if (registry.latest(name).isEmpty()) {
            train(name, false);
        }
    }

    /** Trains a new version of one model now, whether or not its data changed. */
    public ModelVersion retrain(String name) {
        if (!NAMES.contains(name)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "unknown_model", "There is no prediction model called '" + name + "'.");
        }
        return train(name, true).orElseThrow();
    }

    private Optional<ModelVersion> train(String name, boolean force) {
        int cutoffYear = cutoffYear();
        long started = System.nanoTime();
        Optional<ModelVersion> latest = registry.latest(name);
        ModelVersion registered;
        if (name.equals(SERIES_YEARLY)) {
            List<SeriesBacktest.Series> series = yearlySeries(cutoffYear);
            String hash = hash(series.stream().map(one -> one.name() + one.labels() + java.util.Arrays.toString(one.values())).toList());
            if (!force && latest.isPresent() && latest.get().dataHash().equals(hash)) {
                return Optional.empty();
            }
            ModelBacktest backtest = SeriesBacktest.run(series);
            registered = registry.register(name, ModelVersion.Kind.TIME_SERIES, "box_office", FilmDataset.DATAMART,
                    List.of("yearly box office (log)"), LocalDate.of(cutoffYear, 1, 1), hash, Map.of("usheru", "series recipe 1"),
                    elapsedMillis(started), backtest, null);
        } else if (name.equals(SERIES_WEEKLY)) {
            LocalDate lastWeek = WeeklyHistory.lastCompleteWeek(queries, Set.of());
            if (lastWeek == null) {
                throw new DomainException(DomainException.Kind.UNAVAILABLE, "no_data", "The warehouse holds no box office to train on.");
            }
            List<WeeklyBacktest.Series> series = List.copyOf(WeeklyHistory.loadGrouped(queries, Set.of(), "b.region_code", "TRUE",
                    lastWeek.minusYears(WEEKLY_YEARS), lastWeek).values());
            String hash = hash(series.stream().map(one -> one.name() + one.weekStarts().getFirst() + java.util.Arrays.toString(one.values())).toList());
            if (!force && latest.isPresent() && latest.get().dataHash().equals(hash)) {
                return Optional.empty();
            }
            ModelBacktest backtest = WeeklyBacktest.run(series);
            registered = registry.register(name, ModelVersion.Kind.TIME_SERIES, "box_office_weekly", FilmDataset.DATAMART,
                    List.of("weekly box office (log)", "ISO week of the year"), lastWeek.plusWeeks(1), hash,
                    Map.of("usheru", "weekly recipe " + WeeklyForecaster.VERSION), elapsedMillis(started), backtest, null);
        } else {
            BoxOfficeTarget target = targetOf(name);
            FilmDataset dataset = FilmDataset.load(queries, Set.of());
            List<FilmRow> rows = dataset.rows();
            String hash = FilmRegressor.dataHash(rows, target, cutoffYear);
            if (!force && latest.isPresent() && latest.get().dataHash().equals(hash)) {
                return Optional.empty();
            }
            FilmRegressor regressor = FilmRegressor.train(rows, target, cutoffYear);
            ModelBacktest backtest = FilmBacktest.run(rows, target, backtestYears(cutoffYear)).summary();
            TrainedFilmModel trained = regressor.trained();
            registered = registry.register(name, ModelVersion.Kind.FILM_REGRESSION, target.name().toLowerCase(Locale.ROOT),
                    FilmDataset.DATAMART, trained.features(), LocalDate.of(cutoffYear, 1, 1), trained.dataHash(), trained.libraries(),
                    elapsedMillis(started), backtest,
                    new ModelRegistry.Artifact(regressor.modelBytes(), new ModelRegistry.FilmCalibration(trained, regressor.calibration())));
            fits.put(fitKey(registered, Set.of()), new FittedFilmModel(registered, regressor, registered.backtest(), dataset));
        }
        log.info("Trained {} on data before {}: skill {}, coverage {} ({} ms)", registered.label(), registered.dataCutoff(),
                "%.3f".formatted(registered.backtest().skill()), "%.3f".formatted(registered.backtest().coverage()), registered.trainingMillis());
        return Optional.of(approveIfFirst(registered));
    }

    /** The first version of a model that clears the bars serves without waiting for an admin; later ones wait. */
    private ModelVersion approveIfFirst(ModelVersion version) {
        boolean anyApproved = registry.all().stream()
                .anyMatch(other -> other.name().equals(version.name()) && other.status() == ModelVersion.Status.APPROVED);
        if (!anyApproved && version.backtest().approvable()) {
            registry.setStatus(version.id(), ModelVersion.Status.APPROVED, "Approved automatically: the first version to clear the bars", null);
            return registry.find(version.id()).orElseThrow();
        }
        if (!version.backtest().approvable()) {
            registry.setStatus(version.id(), ModelVersion.Status.CANDIDATE, "Cannot be approved: " + version.backtest().shortfall(), null);
        }
        return registry.find(version.id()).orElseThrow();
    }

    /** Drops the models held in memory, as a restart would: the next prediction reads them from the registry. */
    void forgetLoadedModels() {
        fits.clear();
    }

    /** Approves a version that clears the bars; one that does not stays a candidate. */
    public ModelVersion approve(UUID id, UUID by) {
        ModelVersion version = version(id);
        if (!version.backtest().approvable()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "model_not_approvable",
                    version.label() + " cannot be approved: " + version.backtest().shortfall() + ".");
        }
        registry.setStatus(id, ModelVersion.Status.APPROVED, "Approved", by);
        return version(id);
    }

    /** Retires a version: it serves no one, and pins to it fall back to the next choice. */
    public ModelVersion retire(UUID id, UUID by) {
        version(id);
        registry.setStatus(id, ModelVersion.Status.RETIRED, "Retired", by);
        fits.keySet().removeIf(key -> key.startsWith(id + "|"));
        return version(id);
    }

    public ModelVersion version(UUID id) {
        return registry.find(id).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "unknown_model_version",
                "There is no prediction model version " + id + "."));
    }

    /** The version of {@code name} that serves this user, or a clear refusal when none is approved. */
    public ModelVersion resolve(String name, UUID userId, UUID clientId) {
        if (registry.latest(name).isEmpty()) {
            // A fresh product: the first version is trained on the first question rather than an hour later.
            trainFirst(name);
        }
        return registry.resolve(name, userId, clientId).orElseThrow(() -> new DomainException(DomainException.Kind.UNAVAILABLE,
                "no_approved_model", "No version of the " + name + " model is approved yet"
                        + registry.latest(name).map(latest -> " (" + latest.label() + ": " + Optional.ofNullable(latest.statusNote()).orElse(latest.status().code()) + ")").orElse("")
                        + ", so I cannot give that forecast."));
    }

    /** A film prediction with what it stands on, for the API and the chat. */
    public record FilmForecast(ModelVersion version, Prediction prediction, List<Comparable> comparables, LocalDate releaseDate,
            String backtestYears) {}

    /** An earlier film like the one described, with its gross in the scope. */
    public record Comparable(String title, int year, String genre, Double budgetUsd, double grossUsd) {}

    /**
     * Predicts a described film's {@code target} in {@code regions} (empty: everywhere) with the version
     * this user gets.
     */
    public FilmForecast predictFilm(UUID userId, UUID clientId, Set<String> regions, BoxOfficeTarget target, FilmSpec described) {
        FittedFilmModel fitted = fitted(resolve(nameOf(target), userId, clientId), regions);
        ModelVersion version = fitted.version();
        FilmDataset dataset = fitted.dataset();
        FilmSpec spec = canonical(described, dataset);
        // No date given: the middle of the year after the data, said among the assumptions.
        LocalDate releaseDate = spec.releaseDate() != null ? spec.releaseDate() : LocalDate.of(version.dataCutoff().getYear() + 1, 6, 15);
        var film = new Film(-1, spec.title() == null ? "the film described" : spec.title(), releaseDate, spec.genre(), spec.creativeType(),
                spec.source(), spec.mpaaRating(), spec.runningTimeMinutes(), spec.distributor(), spec.budgetUsd(), spec.directors(), null, null);
        var films = new ArrayList<>(dataset.films());
        films.add(film);
        FilmRow row = FilmFeatures.rowsOf(films).stream().filter(candidate -> candidate.film().movieId() == -1).findFirst().orElseThrow();
        FilmRegressor.Estimate estimate = fitted.model().predict(row.features());

        List<Comparable> comparables = comparables(dataset, target, spec, releaseDate);
        var assumptions = new ArrayList<String>();
        assumptions.add("released " + releaseDate + (spec.releaseDate() == null ? " (no date given, so mid-year)" : ""));
        assumptions.add(spec.genre() == null ? "genre unknown" : "genre " + spec.genre());
        assumptions.add(spec.budgetUsd() == null ? "budget unknown" : "a production budget of " + Money.words(spec.budgetUsd()));
        if (spec.mpaaRating() != null) {
            assumptions.add("rated " + spec.mpaaRating());
        }
        if (spec.distributor() != null) {
            assumptions.add("distributed by " + spec.distributor() + ", whose earlier films count");
        }
        if (!spec.directors().isEmpty()) {
            assumptions.add("directed by " + String.join(" and ", spec.directors()) + ", whose earlier films count");
        }
        if (spec.title() != null) {
            assumptions.add("titled \"" + spec.title() + "\" (earlier films of the same series count)");
        }
        var prediction = new Prediction(version.name(), String.valueOf(version.version()), estimate.median(), estimate.low(), estimate.high(),
                estimate.level(), "USD", fitted.backtest().summary(), assumptions,
                comparables.stream().map(c -> c.title() + " (" + c.year() + "): " + Money.words(c.grossUsd())).toList());
        return new FilmForecast(version, prediction, comparables, releaseDate, fitted.backtest().periods());
    }

    private record FittedFilmModel(ModelVersion version, FilmRegressor model, ModelBacktest backtest, FilmDataset dataset) {}

    /**
     * The version's model for a scope: everywhere, the stored trees (trained again, as a new version, if
     * this build cannot read them); in a region-limited scope, the same recipe and cutoff fitted to the
     * scope's grosses, with its own backtest — each kept, with the films it reads, for the version's life.
     */
    private FittedFilmModel fitted(ModelVersion version, Set<String> regions) {
        FittedFilmModel ready = fits.get(fitKey(version, regions));
        if (ready != null) {
            return ready;
        }
        if (!regions.isEmpty()) {
            return fits.computeIfAbsent(fitKey(version, regions), ignored -> fitToRegions(version, regions));
        }
        FilmRegressor model;
        try {
            model = restore(version);
        } catch (FilmRegressor.IncompatibleModelException e) {
            log.warn("{} cannot be loaded ({}); training it again", version.label(), e.getMessage());
            registry.setStatus(version.id(), ModelVersion.Status.RETIRED, "Retired: it cannot be loaded by this build ("
                    + e.getMessage() + "); trained again", null);
            ModelVersion again = retrain(version.name());
            if (again.status() != ModelVersion.Status.APPROVED) {
                throw new DomainException(DomainException.Kind.UNAVAILABLE, "no_approved_model", version.label()
                        + " could not be loaded and its retrained version " + again.label() + " is not approved ("
                        + again.statusNote() + ").");
            }
            return fitted(again, regions);
        }
        fits.putIfAbsent(fitKey(version, regions), new FittedFilmModel(version, model, version.backtest(), FilmDataset.load(queries, Set.of())));
        return fits.get(fitKey(version, regions));
    }

    /** The version's recipe and cutoff fitted to the grosses of some regions, with its own backtest there. */
    private FittedFilmModel fitToRegions(ModelVersion version, Set<String> regions) {
        BoxOfficeTarget target = targetOf(version.name());
        int cutoffYear = version.dataCutoff().getYear();
        FilmDataset dataset = FilmDataset.load(queries, regions);
        try {
            FilmRegressor model = FilmRegressor.train(dataset.rows(), target, cutoffYear);
            ModelBacktest backtest = FilmBacktest.run(dataset.rows(), target, backtestYears(cutoffYear)).summary();
            return new FittedFilmModel(version, model, backtest, dataset);
        } catch (IllegalArgumentException e) {
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "not_enough_history", "There are too few films with box office in "
                    + String.join(", ", new TreeSet<>(regions)) + " to forecast a film honestly there.");
        }
    }

    private static String fitKey(ModelVersion version, Set<String> regions) {
        return version.id() + "|" + String.join(",", new TreeSet<>(regions));
    }

    private FilmRegressor restore(ModelVersion version) {
        ModelRegistry.Artifact artifact = registry.artifact(version.id())
                .orElseThrow(() -> new FilmRegressor.IncompatibleModelException("no stored model", null));
        return FilmRegressor.restore(artifact.model(), artifact.calibration().conformal(), artifact.calibration().trained());
    }

    /** The described film with its attributes spelled as the catalogue spells them; an unknown value is a clear error. */
    private static FilmSpec canonical(FilmSpec spec, FilmDataset dataset) {
        if (spec.budgetUsd() != null && !(spec.budgetUsd() > 0 && spec.budgetUsd() < 1e10)) {
            throw DomainException.badInput("bad_film", "A budget is a positive number of dollars below 10 billion.");
        }
        if (spec.runningTimeMinutes() != null && !(spec.runningTimeMinutes() >= 1 && spec.runningTimeMinutes() <= 600)) {
            throw DomainException.badInput("bad_film", "A running time is between 1 and 600 minutes.");
        }
        return new FilmSpec(blankToNull(spec.title()), known("genre", spec.genre(), dataset.films().stream().map(Film::genre).toList()),
                known("creativeType", spec.creativeType(), dataset.films().stream().map(Film::creativeType).toList()),
                known("source", spec.source(), dataset.films().stream().map(Film::source).toList()),
                known("mpaaRating", spec.mpaaRating(), dataset.films().stream().map(Film::mpaaRating).toList()), spec.budgetUsd(),
                spec.runningTimeMinutes(), known("distributor", spec.distributor(), dataset.films().stream().map(Film::distributor).toList()),
                spec.directors().stream().map(String::strip).filter(name -> !name.isEmpty()).toList(), spec.releaseDate());
    }

    private static String known(String field, String value, List<String> catalogue) {
        return blankToNull(value) == null ? null : spelledAsIn(catalogue, field, value, "bad_film");
    }

    /**
     * {@code value} as the catalogue spells it (case aside), or a 400 with {@code code} that lists the
     * values there are.
     */
    public static String spelledAsIn(java.util.Collection<String> catalogue, String field, String value, String code) {
        var values = new TreeSet<String>();
        catalogue.stream().filter(java.util.Objects::nonNull).forEach(values::add);
        return values.stream().filter(candidate -> candidate.equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> DomainException.badInput(code, "Unknown " + field + " '" + value.strip() + "'. Known: "
                        + String.join(", ", values.stream().limit(30).toList()) + (values.size() > 30 ? " …" : "") + "."));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Up to five earlier films of the same genre with box office in the scope, the closest in budget first, then the latest. */
    private static List<Comparable> comparables(FilmDataset dataset, BoxOfficeTarget target, FilmSpec spec, LocalDate before) {
        double budget = spec.budgetUsd() == null ? Double.NaN : Math.log(spec.budgetUsd());
        return dataset.films().stream()
                .filter(film -> target.grossOf(film) != null && film.releaseDate().isBefore(before))
                .filter(film -> spec.genre() == null || spec.genre().equals(film.genre()))
                .filter(film -> film.releaseYear() >= before.getYear() - 6)
                .sorted(Comparator.<Film>comparingDouble(film -> Double.isNaN(budget) || film.productionBudgetUsd() == null ? 9
                                : Math.abs(Math.log(film.productionBudgetUsd()) - budget))
                        .thenComparing(Film::releaseDate, Comparator.reverseOrder()))
                .limit(5)
                .map(film -> new Comparable(film.title(), film.releaseYear(), film.genre(), film.productionBudgetUsd(), target.grossOf(film)))
                .toList();
    }

    /**
     * The first year whose films are not all in the data: the year of the warehouse's last week, unless
     * that week ends the year. Models train on films released before it.
     */
    int cutoffYear() {
        Object lastDay = queries.run(FilmDataset.DATAMART, "SELECT MAX(week_start) AS last_week FROM box_office", Set.of()).result()
                .rows().getFirst().getFirst();
        if (lastDay == null) {
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "no_data", "The warehouse holds no box office to train on.");
        }
        LocalDate last = LocalDate.parse(String.valueOf(lastDay).substring(0, 10));
        return last.plusDays(6).getYear() > last.getYear() ? last.getYear() + 1 : last.getYear();
    }

    static List<Integer> backtestYears(int cutoffYear) {
        return IntStream.range(cutoffYear - BACKTEST_YEARS, cutoffYear).boxed().toList();
    }

    /** Yearly box office (by release year, before the cutoff) of every territory, genre and large distributor. */
    private List<SeriesBacktest.Series> yearlySeries(int cutoffYear) {
        var series = new ArrayList<SeriesBacktest.Series>();
        for (String[] dimension : new String[][] {{"territory", "b.region_code"}, {"genre", "m.major_genre"}, {"distributor", "m.distributor"}}) {
            String restriction = dimension[0].equals("distributor") ? """
                     AND m.distributor IN (SELECT m2.distributor FROM box_office b2 JOIN movies m2 ON m2.movie_id = b2.movie_id
                                           WHERE m2.distributor IS NOT NULL GROUP BY m2.distributor ORDER BY SUM(b2.gross_usd) DESC LIMIT %d)"""
                    .formatted(SERIES_DISTRIBUTORS) : "";
            QueryResult result = queries.run(FilmDataset.DATAMART, """
                    SELECT %s AS series, m.release_year AS year, SUM(b.gross_usd) AS gross
                    FROM box_office b JOIN movies m ON m.movie_id = b.movie_id
                    WHERE %s IS NOT NULL AND m.release_year < %d%s
                    GROUP BY 1, 2 ORDER BY 1, 2""".formatted(dimension[1], dimension[1], cutoffYear, restriction), Set.of(), 100_000).result();
            var byName = new LinkedHashMap<String, List<List<Object>>>();
            result.rows().forEach(row -> byName.computeIfAbsent(String.valueOf(row.get(0)), key -> new ArrayList<>()).add(row));
            byName.forEach((name, rows) -> {
                // The last fifteen complete years, as a question's forecast reads them.
                List<List<Object>> recent = rows.stream().filter(row -> ((Number) row.get(1)).intValue() >= cutoffYear - 16).toList();
                series.add(new SeriesBacktest.Series(dimension[0] + " " + name, recent.stream().map(row -> String.valueOf(row.get(1))).toList(),
                        recent.stream().mapToDouble(row -> ((Number) row.get(2)).doubleValue()).toArray()));
            });
        }
        return series;
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static String hash(List<String> lines) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            lines.forEach(line -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
