package ai.usheru.settings;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.usheru.AppProperties;
import ai.usheru.DomainException;

/**
 * The settings an admin may change at run time, each with its kind of value and allowed range. The
 * environment's value is the default; an admin's override is stored as canonical text ({@code 500},
 * {@code 45s}, {@code 12.50}); an empty text is "unlimited" for the quota limits and not allowed elsewhere.
 */
public enum Setting {

    QUERY_MAX_ROWS("query.max-rows", Group.QUERIES, "Rows a query returns at most; the reply says when it cut.",
            Kind.COUNT, 1, 100_000),
    QUERY_TIMEOUT("query.timeout", Group.QUERIES, "A warehouse query running longer is cancelled (query_timeout).",
            Kind.DURATION, 1, 600),
    QUOTA_QUERIES_PER_DAY("quota.default.queries-per-day", Group.DEFAULT_QUOTA, "Questions and queries a new user may run a day.",
            Kind.LIMIT, 0, Integer.MAX_VALUE),
    QUOTA_QUERIES_PER_MONTH("quota.default.queries-per-month", Group.DEFAULT_QUOTA, "Questions and queries a new user may run a month.",
            Kind.LIMIT, 0, Integer.MAX_VALUE),
    QUOTA_TOKENS_PER_DAY("quota.default.tokens-per-day", Group.DEFAULT_QUOTA, "Language-model tokens a new user may use a day.",
            Kind.LIMIT, 0, Long.MAX_VALUE),
    QUOTA_TOKENS_PER_MONTH("quota.default.tokens-per-month", Group.DEFAULT_QUOTA, "Language-model tokens a new user may use a month.",
            Kind.LIMIT, 0, Long.MAX_VALUE),
    QUOTA_USD_PER_MONTH("quota.default.usd-per-month", Group.DEFAULT_QUOTA, "US dollars a new user may spend a month.",
            Kind.MONEY, 0, 1_000_000);

    /** How the settings are shown together. */
    public enum Group { QUERIES, DEFAULT_QUOTA }

    enum Kind { COUNT, DURATION, LIMIT, MONEY }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|min)?");

    private final String key;
    private final Group group;
    private final String description;
    private final Kind kind;
    /** Inclusive; seconds for a duration. */
    private final long min;
    private final long max;

    Setting(String key, Group group, String description, Kind kind, long min, long max) {
        this.key = key;
        this.group = group;
        this.description = description;
        this.kind = kind;
        this.min = min;
        this.max = max;
    }

    /** The name in the API and the settings table, such as {@code query.max-rows}. */
    public String key() {
        return key;
    }

    public Group group() {
        return group;
    }

    public String description() {
        return description;
    }

    /** Whether an empty value is allowed, and means unlimited. */
    public boolean allowsEmpty() {
        return kind == Kind.LIMIT || kind == Kind.MONEY;
    }

    public static Optional<Setting> named(String key) {
        return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
    }

    /** The value the environment gives, as canonical text; null (unlimited) for the default quotas, which have no variable. */
    String defaultIn(AppProperties properties) {
        return switch (this) {
            case QUERY_MAX_ROWS -> String.valueOf(properties.query().maxRows());
            case QUERY_TIMEOUT -> format(properties.query().timeout());
            default -> null;
        };
    }

    /** The allowed values in words, for the message of a refusal and the form's helper text. */
    public String range() {
        return switch (kind) {
            case COUNT -> "a whole number from " + min + " to " + String.format(Locale.ROOT, "%,d", max);
            case DURATION -> "a duration from 1s to 10m (such as 45s or 2m)";
            case LIMIT -> "a whole number of 0 or more, or empty for unlimited";
            case MONEY -> "an amount from 0 to 1,000,000 with at most two decimals, or empty for unlimited";
        };
    }

    /**
     * {@code text} as canonical text (null for unlimited), or {@code invalid_setting} naming the range.
     * Durations are seconds ({@code 45}, {@code 45s}), minutes ({@code 2m}) or ISO-8601 ({@code PT45S}).
     */
    public String canonical(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            if (allowsEmpty()) {
                return null;
            }
            throw invalid(text);
        }
        try {
            return switch (kind) {
                case COUNT, LIMIT -> String.valueOf(inRange(Long.parseLong(value), text));
                case DURATION -> format(Duration.ofSeconds(inRange(parseDuration(value, text).toSeconds(), text)));
                case MONEY -> {
                    BigDecimal amount = new BigDecimal(value);
                    if (amount.scale() > 2 || amount.signum() < 0 || amount.compareTo(BigDecimal.valueOf(max)) > 0) {
                        throw invalid(text);
                    }
                    yield amount.stripTrailingZeros().toPlainString();
                }
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw invalid(text);
        }
    }

    private long inRange(long value, String text) {
        if (value < min || value > max) {
            throw invalid(text);
        }
        return value;
    }

    private Duration parseDuration(String value, String text) {
        if (value.toUpperCase(Locale.ROOT).startsWith("PT")) {
            Duration duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            if (duration.toNanos() % 1_000_000_000L != 0) {
                throw invalid(text);
            }
            return duration;
        }
        Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw invalid(text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return matcher.group(2) == null || matcher.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMinutes(amount);
    }

    private DomainException invalid(String text) {
        return DomainException.badInput("invalid_setting",
                "'" + (text == null ? "" : text.strip()) + "' is not allowed for " + key + ": it takes " + range() + ".");
    }

    /** Whole minutes as {@code 2m}, anything else in seconds ({@code 45s}), as the environment variables are written. */
    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m" : seconds + "s";
    }

    static Duration parseCanonical(String text) {
        return text.endsWith("ms") ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
                : text.endsWith("m") ? Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)))
                : Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
    }
}
