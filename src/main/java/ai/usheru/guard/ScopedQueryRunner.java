package ai.usheru.guard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import ai.usheru.AppProperties;
import ai.usheru.accounts.AccountPrincipal;
import ai.usheru.accounts.CurrentAccount;
import ai.usheru.DomainException;
import ai.usheru.guard.GuardedSql;
import ai.usheru.guard.SqlGuard;
import ai.usheru.semantic.SemanticModel;
import ai.usheru.semantic.SemanticModels;
import ai.usheru.settings.Settings;
import ai.usheru.warehouse.QueryLimits;
import ai.usheru.warehouse.QueryResult;
import ai.usheru.warehouse.Warehouse;

/**
 * The only way SQL reaches a warehouse: through the guard of its datamart, scoped to the caller's
 * regions, under the row cap and time limit (an admin's settings, read afresh within seconds). Results are reused for a short time per scoped SQL; the
 * scope is part of the guarded SQL, so one scope never sees another's cached rows.
 */
@Component
public class ScopedQueryRunner {

    private static final int CACHE_SIZE = 500;

    private final Map<String, SqlGuard> guards;
    private final List<Warehouse> warehouses;
    private final AppProperties.Query limits;
    private final Supplier<Integer> maxRows;
    private final Supplier<Duration> timeout;
    private final QuerySlots slots;
    private final Supplier<UUID> person;
    private final ObservationRegistry observations;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    @Autowired
    ScopedQueryRunner(SemanticModels models, List<Warehouse> warehouses, AppProperties properties, QuerySlots slots,
            CurrentAccount current, ObservationRegistry observations, Settings settings) {
        this(models, warehouses, properties, slots, () -> current.principal().map(AccountPrincipal::id).orElse(null), observations,
                settings::queryMaxRows, settings::queryTimeout);
    }

    /** For tests without Spring: the product's own slots, for no person in particular, under the environment's limits. */
    ScopedQueryRunner(SemanticModels models, List<Warehouse> warehouses, AppProperties properties) {
        this(models, warehouses, properties, new QuerySlots(properties), () -> null, ObservationRegistry.NOOP,
                () -> properties.query().maxRows(), () -> properties.query().timeout());
    }

    private ScopedQueryRunner(SemanticModels models, List<Warehouse> warehouses, AppProperties properties, QuerySlots slots,
            Supplier<UUID> person, ObservationRegistry observations, Supplier<Integer> maxRows, Supplier<Duration> timeout) {
        this.guards = models.all().stream().collect(Collectors.toMap(SemanticModel::code, SqlGuard::new));
        this.warehouses = warehouses;
        this.limits = properties.query();
        this.slots = slots;
        this.person = person;
        this.observations = observations;
        this.maxRows = maxRows;
        this.timeout = timeout;
    }

    /**
     * A query that passed the guard, with its rows, the time the warehouse spent on it (0 from the
     * cache) and the bytes it scanned where the warehouse reports them (BigQuery; 0 for DuckDB).
     */
    public record Execution(GuardedSql guarded, QueryResult result, boolean fromCache, long warehouseMillis, long scannedBytes) {}

    /** Guards {@code sql} for {@code datamart} and {@code regions}; observed as {@code usheru.ask.guard}, a refusal as its error. */
    public GuardedSql guard(String datamart, String sql, Set<String> regions) {
        SqlGuard guard = guards.get(datamart);
        if (guard == null) {
            throw DomainException.badInput("unknown_datamart", "There is no datamart '" + datamart + "'.");
        }
        return Observation.createNotStarted("usheru.ask.guard", observations).contextualName("guard")
                .lowCardinalityKeyValue("datamart", datamart)
                .observe(() -> guard.guard(sql, regions));
    }

    public Execution run(String datamart, String sql, Set<String> regions) {
        return run(datamart, sql, regions, maxRows.get());
    }

    /**
     * As {@link #run(String, String, Set)} with another row cap, for the product's own analyses (weekly insights).
     * The warehouse step is observed as {@code usheru.ask.warehouse}: whether it came from the cache, and its row count.
     */
    public Execution run(String datamart, String sql, Set<String> regions, int maxRows) {
        return run(datamart, guard(datamart, sql, regions), maxRows);
    }

    /** Runs SQL that already passed {@link #guard} (only the guard makes a {@link GuardedSql}), with the usual row cap. */
    public Execution run(String datamart, GuardedSql guarded) {
        return run(datamart, guarded, maxRows.get());
    }

    private Execution run(String datamart, GuardedSql guarded, int maxRows) {
        Observation observation = Observation.createNotStarted("usheru.ask.warehouse", observations).contextualName("warehouse")
                .lowCardinalityKeyValue("datamart", datamart).lowCardinalityKeyValue("cached", "false");
        return observation.observe(() -> {
            Execution execution = execute(datamart, guarded, maxRows);
            observation.lowCardinalityKeyValue("cached", String.valueOf(execution.fromCache()))
                    .highCardinalityKeyValue("rows", String.valueOf(execution.result().rows().size()));
            return execution;
        });
    }

    private Execution execute(String datamart, GuardedSql guarded, int maxRows) {
        String key = datamart + "\n" + maxRows + "\n" + guarded.sql();
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresAt().isAfter(Instant.now(clock))) {
            return new Execution(guarded, cached.result(), true, 0, 0);
        }
        Warehouse warehouse = warehouses.stream().filter(candidate -> candidate.serves(datamart)).findFirst()
                .orElseThrow(() -> new DomainException(DomainException.Kind.UNAVAILABLE, "warehouse_unavailable",
                        "The warehouse of this datamart is not available."));
        long scannedBytes;
        QueryResult result;
        try (var slot = slots.acquire(person.get())) {
            scannedBytes = warehouse.estimateBytes(datamart, guarded.sql()).orElse(0);
            result = warehouse.execute(datamart, guarded.sql(), new QueryLimits(maxRows, timeout.get()));
        }
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        cache.put(key, new Cached(result, Instant.now(clock).plus(limits.cacheTtl())));
        return new Execution(guarded, result, false, result.elapsedMillis(), scannedBytes);
    }

    private record Cached(QueryResult result, Instant expiresAt) {}

}
