package ai.usheru.settings;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ai.usheru.AppProperties;
import ai.usheru.DomainException;
import ai.usheru.quota.DefaultQuota;
import ai.usheru.quota.Quota;

/**
 * The settings in force: an admin's override where there is one, else the environment's value. The
 * overrides are read at most every {@link #FRESH_FOR} and forgotten when a change is made on this
 * instance, so other instances follow within those seconds without a query on every warehouse call.
 */
@Component
public class Settings implements DefaultQuota {

    static final Duration FRESH_FOR = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(Settings.class);

    private final SettingsStore store;
    private final AppProperties properties;
    private volatile Snapshot snapshot;

    Settings(SettingsStore store, AppProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** The overrides as read at {@code readAt} (nanoTime); an override of "" is an admin's "unlimited". */
    private record Snapshot(Map<Setting, String> overrides, long readAt) {}

    /** Rows a query returns at most. */
    public int queryMaxRows() {
        return Integer.parseInt(value(Setting.QUERY_MAX_ROWS));
    }

    /** How long a warehouse query may run. */
    public Duration queryTimeout() {
        return Setting.parseCanonical(value(Setting.QUERY_TIMEOUT));
    }

    @Override
    public Quota forNewUsers() {
        String usd = value(Setting.QUOTA_USD_PER_MONTH);
        return new Quota(integer(Setting.QUOTA_QUERIES_PER_DAY), integer(Setting.QUOTA_QUERIES_PER_MONTH),
                number(Setting.QUOTA_TOKENS_PER_DAY), number(Setting.QUOTA_TOKENS_PER_MONTH), usd == null ? null : new BigDecimal(usd));
    }

    /** The value in force as canonical text, null for unlimited. */
    public String value(Setting setting) {
        Snapshot current = fresh();
        return current.overrides().containsKey(setting) ? emptyAsNull(current.overrides().get(setting)) : defaultOf(setting);
    }

    /** The environment's value as canonical text, null for unlimited. */
    public String defaultOf(Setting setting) {
        return setting.defaultIn(properties);
    }

    public boolean isOverridden(Setting setting) {
        return fresh().overrides().containsKey(setting);
    }

    /** Drops what was read, so the next read sees a change just committed. */
    void forget() {
        snapshot = null;
    }

    private Snapshot fresh() {
        Snapshot current = snapshot;
        if (current == null || System.nanoTime() - current.readAt() > FRESH_FOR.toNanos()) {
            current = new Snapshot(read(), System.nanoTime());
            snapshot = current;
        }
        return current;
    }

    /** The stored overrides; one that no longer parses (edited by hand) is ignored with a warning rather than breaking queries. */
    private Map<Setting, String> read() {
        var overrides = new EnumMap<Setting, String>(Setting.class);
        store.all().forEach((name, value) -> Setting.named(name).ifPresent(setting -> {
            try {
                String canonical = setting.canonical(value);
                overrides.put(setting, canonical == null ? "" : canonical);
            } catch (DomainException e) {
                log.warn("Ignoring the stored setting {}: {}", name, e.getMessage());
            }
        }));
        return overrides;
    }

    private Integer integer(Setting setting) {
        String value = value(setting);
        return value == null ? null : Integer.valueOf(value);
    }

    private Long number(Setting setting) {
        String value = value(setting);
        return value == null ? null : Long.valueOf(value);
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
