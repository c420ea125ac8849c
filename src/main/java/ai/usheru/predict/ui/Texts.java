package ai.usheru.predict.ui;

import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

import ai.usheru.predict.ModelBacktest;
import ai.usheru.predict.ModelVersion;

/**
 * Every sentence and number the prediction models view shows, in one place so it can be translated:
 * errors as plain factors or percentages, skill, coverage, dates.
 */
final class Texts {

    private Texts() {}

    static final String TITLE = "Prediction models";
    static final String INTRO = "Each version is trained on the data before its cutoff and backtested on later years it did not see, "
            + "against a naive baseline. A version serves forecasts once approved: a user gets their own pin, else their client's, "
            + "else the newest approved version.";
    static final String EMPTY = "No model is trained yet — they train on the first forecast, or press Retrain.";
    static final String NOTHING_SELECTED = "Select a version to see its backtest, features and actions.";
    static final String RETRAIN = "Retrain";
    static final String RETRAIN_MODEL = "Model to retrain";
    static final String APPROVE = "Approve";
    static final String RETIRE = "Retire";
    static final String PIN = "Pin version…";
    static final String ALREADY_APPROVED = "Already approved.";
    static final String ALREADY_RETIRED = "Already retired.";
    static final String ONLY_APPROVED_PINNED = "Only an approved version can be pinned.";
    static final String PINS = "Pins";
    static final String PINS_EMPTY = "No pins: everyone gets the newest approved version of each model.";
    static final String NO_POINTS = "This version has no held-out cases to chart.";
    static final String UNEXPECTED = "Something went wrong on the server; the error is in its log.";

    static final String INSIDE = "Inside its 80 % range";
    static final String OUTSIDE = "Outside it";
    static final String DIAGONAL = "Predicted = actual";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    static String training(String name) {
        return "Training " + name + "… this takes up to half a minute.";
    }

    static String trained(ModelVersion version) {
        return "Trained " + version.label() + ": " + status(version.status()).toLowerCase(Locale.ROOT)
                + (version.statusNote() == null ? "." : " — " + version.statusNote() + ".");
    }

    static String approved(ModelVersion version) {
        return "Approved " + version.label() + ".";
    }

    static String retired(ModelVersion version) {
        return "Retired " + version.label() + ": pins to it fall back to the next choice.";
    }

    static String retireQuestion(ModelVersion version) {
        return "Retire " + version.label() + "?";
    }

    static String retireConsequence(ModelVersion version, boolean lastApproved) {
        return version.label() + " serves forecasts now. Once retired it serves no one; pins to it fall back to the client's pin or "
                + "the newest approved version." + (lastApproved
                        ? " No other version of " + version.name() + " is approved, so its forecasts will be refused until one is."
                        : "");
    }

    static String pinned(String label, String holder) {
        return "Pinned " + label + " for " + holder + ".";
    }

    static String unpinned(String label, String holder) {
        return "Removed the pin of " + label + " for " + holder + ".";
    }

    static String notApprovable(ModelBacktest backtest) {
        return "Cannot be approved: " + backtest.shortfall() + ".";
    }

    static String status(ModelVersion.Status status) {
        return switch (status) {
            case CANDIDATE -> "Candidate";
            case APPROVED -> "Approved";
            case RETIRED -> "Retired";
        };
    }

    /** Why the version has its status, and since when. */
    static String statusNote(ModelVersion version) {
        String note = version.statusNote() == null ? status(version.status()) : version.statusNote().strip().replaceAll("\\.$", "");
        return note + (version.statusChangedAt() == null ? "" : " (" + when(version.statusChangedAt()) + ")") + ".";
    }

    static String kind(ModelVersion.Kind kind) {
        return switch (kind) {
            case FILM_REGRESSION -> "film regression";
            case TIME_SERIES -> "yearly time series";
        };
    }

    /** "×3.2 vs ×3.5" for film models, "48 % vs 52 %" for the series model. */
    static String errorVsBaseline(ModelBacktest backtest) {
        return error(backtest, backtest.value()) + " vs " + error(backtest, backtest.baseline());
    }

    static String error(ModelBacktest backtest, double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        return backtest.isFactor() ? "×%.1f".formatted(value) : "%.0f %%".formatted(value);
    }

    static String errorExplained(ModelBacktest backtest) {
        return backtest.isFactor()
                ? "Typical factor between estimate and actual (×3.0: a third or three times), the model's against its baseline's"
                : "Typical error in per cent, the model's against its baseline's";
    }

    static String skill(double skill) {
        return Double.isNaN(skill) ? "—" : "%.3f".formatted(skill);
    }

    /**
     * The skill with its direction in words and an arrow, for the grids that also colour the worse ones,
     * so the colour is never the only sign: "▲ 0.214", "▼ −0.031 worse than baseline".
     */
    static String skillWithDirection(double skill) {
        if (Double.isNaN(skill)) {
            return "—";
        }
        return skill > 0 ? "▲ " + skill(skill) : "▼ " + skill(skill).replace('-', '−') + " worse than baseline";
    }

    static final String SKILL_EXPLAINED = "1 − model error / baseline error on the log scale: above 0 beats the naive baseline";

    static String coverage(double coverage) {
        return Double.isNaN(coverage) ? "—" : "%.1f %%".formatted(100 * coverage);
    }

    static final String COVERAGE_EXPLAINED = "Share of held-out cases inside their 80 % range; an honest range covers 75–85 %";

    static boolean isCoverageOff(double coverage) {
        return !Double.isNaN(coverage) && (coverage < ModelBacktest.MIN_COVERAGE || coverage > ModelBacktest.MAX_COVERAGE);
    }

    static String count(long count) {
        return NumberFormat.getIntegerInstance(Locale.US).format(count);
    }

    static String when(OffsetDateTime time) {
        return time == null ? "—" : utc(time) + " UTC";
    }

    /** A time in UTC without saying so, for a column whose header does. */
    static String utc(OffsetDateTime time) {
        return time == null ? "—" : WHEN.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    static String day(TemporalAccessor day) {
        return day == null ? "—" : DAY.format(day);
    }

    static String duration(long millis) {
        long seconds = Math.round(millis / 1000.0);
        return millis < 60_000 ? "%.1f s".formatted(millis / 1000.0) : seconds / 60 + " min " + seconds % 60 + " s";
    }

    static String facts(ModelVersion version) {
        return "A " + kind(version.kind()) + " of " + version.target() + " in " + version.datamart() + ", trained " + when(version.trainedAt())
                + " in " + duration(version.trainingMillis()) + " on data before " + day(version.dataCutoff()) + "; backtested on "
                + version.backtest().periods() + " (" + count(version.backtest().heldOut()) + " held-out cases).";
    }

    static String chartCaption(int drawn, int sampledFrom, int atZero) {
        return "Each point is a held-out case, what the model predicted against what happened, on log scales; on the dashed line "
                + "it was exact. " + count(drawn) + " cases" + (sampledFrom > drawn ? ", an even sample of " + count(sampledFrom) : "")
                + (atZero > 0 ? "; " + count(atZero) + " at zero cannot sit on a log scale" : "") + ".";
    }

    static String byPeriod(ModelBacktest backtest) {
        return backtest.isFactor() ? "Backtest by test year" : "Backtest by series";
    }
}
