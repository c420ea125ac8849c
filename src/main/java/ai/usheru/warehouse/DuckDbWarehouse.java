package ai.usheru.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import ai.usheru.AppProperties;
import ai.usheru.DomainException;
import ai.usheru.semantic.SemanticModel;
import ai.usheru.semantic.SemanticModels;

/**
 * The embedded warehouse: one DuckDB file per DuckDB datamart under {@code APP_DATA_DIR/warehouse},
 * loaded from the CSV files shipped in {@code classpath:datamart/<code>/} on first start.
 *
 * <p>Loading is idempotent: a table whose row count already matches the semantic model is left alone,
 * any other is rebuilt. Once loaded, the file is reopened read-only with file and network access and
 * extension loading switched off, so no query can write or reach outside the warehouse.
 */
@Component
public class DuckDbWarehouse implements Warehouse, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DuckDbWarehouse.class);
    /** Cancels statements that run past their limit; one daemon thread serves every query. */
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "warehouse-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs the queries themselves. DuckDB works inside native calls, which pin a virtual thread to its
     * carrier: two heavy queries on virtual threads would hold both carriers of a two-core machine and
     * stall every other request (measured: a 200 ms wait for a query slot took 700 ms). On platform
     * threads they only take a core from the operating system's scheduler; how many run at once is
     * bounded by the query slots in front of the warehouse.
     */
    private static final ExecutorService QUERIES = Executors.newThreadPerTaskExecutor(Thread.ofPlatform()
            .name("warehouse-query-", 0).daemon(true).factory());

    private final Map<String, DuckDBConnection> readOnlyRoots = new LinkedHashMap<>();
    private final List<DatamartLoaded> loaded = new ArrayList<>();
    private final ApplicationEventPublisher events;

    public DuckDbWarehouse(AppProperties properties, SemanticModels models, ApplicationEventPublisher events) {
        this.events = events;
        Path directory = properties.dataDir().resolve("warehouse").toAbsolutePath();
        for (SemanticModel model : models.all()) {
            if (!"duckdb".equals(model.warehouse())) {
                continue;
            }
            Path file = directory.resolve(model.code() + ".duckdb");
            load(model, file);
            DuckDBConnection root = openReadOnly(file);
            readOnlyRoots.put(model.code(), root);
            loaded.add(new DatamartLoaded(model, readRegions(root)));
        }
    }

    /** Announces the loaded datamarts once every listener is in place (not while beans are still being created). */
    @EventListener(ContextRefreshedEvent.class)
    void announceLoadedDatamarts() {
        loaded.forEach(events::publishEvent);
    }

    @Override
    public String dialect() {
        return "duckdb";
    }

    @Override
    public boolean serves(String datamartCode) {
        return readOnlyRoots.containsKey(datamartCode);
    }

    @Override
    public QueryResult execute(String datamartCode, String sql, List<?> parameters, QueryLimits limits) {
        Future<QueryResult> running = QUERIES.submit(() -> executeHere(datamartCode, sql, parameters, limits));
        try {
            return running.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("The warehouse query failed", e.getCause());
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "query_interrupted", "The query was stopped before it finished.");
        }
    }

    private QueryResult executeHere(String datamartCode, String sql, List<?> parameters, QueryLimits limits) {
        long started = System.nanoTime();
        var timedOut = new AtomicBoolean();
        try (Connection connection = connect(datamartCode); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.size(); index++) {
                statement.setObject(index + 1, parameters.get(index));
            }
            ScheduledFuture<?> timer = TIMEOUTS.schedule(() -> {
                timedOut.set(true);
                cancel(statement);
            }, limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
            try (ResultSet result = statement.executeQuery()) {
                return read(result, limits.maxRows(), started);
            } finally {
                timer.cancel(false);
            }
        } catch (SQLException e) {
            if (timedOut.get()) {
                throw new DomainException(DomainException.Kind.TIMEOUT, "query_timeout", "The query ran longer than "
                        + seconds(limits.timeout()) + " and was stopped. Narrow it down (fewer years, regions or films) and try again.");
            }
            throw DomainException.badInput("query_failed", "The warehouse could not run this query: " + firstLine(e.getMessage()));
        }
    }

    private static String seconds(java.time.Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + (limit.toSeconds() == 1 ? " second" : " seconds")
                : String.format(java.util.Locale.ROOT, "%.1f seconds", limit.toMillis() / 1000.0);
    }

    private static QueryResult read(ResultSet result, int maxRows, long started) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        var columns = new ArrayList<QueryResult.Column>();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            columns.add(new QueryResult.Column(meta.getColumnLabel(column), typeOf(meta.getColumnType(column), meta.getColumnTypeName(column))));
        }
        var rows = new ArrayList<List<Object>>();
        boolean truncated = false;
        while (result.next()) {
            if (rows.size() == maxRows) {
                truncated = true;
                break;
            }
            var row = new ArrayList<Object>(columns.size());
            for (int column = 1; column <= columns.size(); column++) {
                row.add(plain(result.getObject(column)));
            }
            rows.add(row);
        }
        return new QueryResult(columns, rows, truncated, (System.nanoTime() - started) / 1_000_000);
    }

    private static String typeOf(int sqlType, String typeName) {
        String name = typeName == null ? "" : typeName.toUpperCase(java.util.Locale.ROOT);
        if (name.contains("INT") || name.startsWith("DECIMAL") || name.startsWith("NUMERIC") || name.equals("DOUBLE")
                || name.equals("FLOAT") || name.equals("REAL")) {
            return "number";
        }
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.FLOAT,
                    Types.REAL, Types.DOUBLE -> "number";
            case Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> "date";
            case Types.BOOLEAN, Types.BIT -> "boolean";
            default -> "text";
        };
    }

    /** JSON-friendly values: big integers and decimals as numbers, dates as ISO strings. */
    private static Object plain(Object value) {
        return switch (value) {
            case null -> null;
            case BigInteger big -> big.bitLength() < 63 ? (Object) big.longValue() : new BigDecimal(big);
            case BigDecimal decimal -> decimal.scale() <= 0 && decimal.precision() < 19 ? (Object) decimal.longValueExact() : decimal.doubleValue();
            case Number number -> number;
            case Boolean bool -> bool;
            case java.sql.Date date -> date.toLocalDate().toString();
            case java.time.temporal.TemporalAccessor temporal -> temporal.toString();
            default -> value.toString();
        };
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            log.warn("Could not cancel a query that ran past its time limit: {}", e.getMessage());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** A new read-only connection to a datamart's warehouse; the caller closes it. */
    public Connection connect(String datamartCode) throws SQLException {
        DuckDBConnection root = readOnlyRoots.get(datamartCode);
        if (root == null) {
            throw new IllegalArgumentException("No DuckDB warehouse for datamart " + datamartCode);
        }
        return root.duplicate();
    }

    /** Row count of every table of a datamart, in the semantic model's order. */
    public Map<String, Long> rowCounts(String datamartCode) throws SQLException {
        var counts = new LinkedHashMap<String, Long>();
        try (Connection connection = connect(datamartCode); Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name")) {
                while (tables.next()) {
                    counts.put(tables.getString(1), null);
                }
            }
            for (String table : counts.keySet()) {
                counts.put(table, countRows(statement, table));
            }
        }
        return counts;
    }

    @Override
    public void destroy() throws SQLException {
        for (DuckDBConnection root : readOnlyRoots.values()) {
            root.close();
        }
    }

    private static void load(SemanticModel model, Path file) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(file.getParent());
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                    Statement statement = connection.createStatement()) {
                List<String> loaded = new ArrayList<>();
                for (SemanticModel.Table table : model.tables()) {
                    if (tableRowCount(statement, table.name()) == table.rowCount()) {
                        continue;
                    }
                    loadTable(model.code(), table, statement);
                    loaded.add(table.name());
                }
                if (!loaded.isEmpty()) {
                    log.info("Loaded {} into the {} warehouse in {} ms", loaded, model.code(),
                            (System.nanoTime() - started) / 1_000_000);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the warehouse file " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load the " + model.code() + " warehouse: " + e.getMessage(), e);
        }
    }

    private static void loadTable(String datamartCode, SemanticModel.Table table, Statement statement)
            throws SQLException, IOException {
        Path csv = Files.createTempFile(table.name(), ".csv.gz");
        try (InputStream in = new ClassPathResource("datamart/" + datamartCode + "/" + table.name() + ".csv.gz")
                .getInputStream()) {
            Files.copy(in, csv, StandardCopyOption.REPLACE_EXISTING);
            String columnDefinitions = table.columns().stream()
                    .map(column -> quote(column.name()) + " " + column.type() + (column.isNullable() ? "" : " NOT NULL"))
                    .collect(Collectors.joining(", "));
            String csvColumns = table.columns().stream()
                    .map(column -> "'" + column.name() + "': '" + column.type() + "'")
                    .collect(Collectors.joining(", ", "{", "}"));
            statement.execute("BEGIN TRANSACTION");
            statement.execute("CREATE OR REPLACE TABLE " + quote(table.name()) + " (" + columnDefinitions + ")");
            statement.execute("INSERT INTO " + quote(table.name()) + " SELECT * FROM read_csv('"
                    + csv.toAbsolutePath().toString().replace("'", "''") + "', header = true, columns = "
                    + csvColumns + ")");
            long loaded = countRows(statement, table.name());
            if (loaded != table.rowCount()) {
                statement.execute("ROLLBACK");
                throw new IllegalStateException("Table " + table.name() + " loaded " + loaded
                        + " rows where the datamart declares " + table.rowCount());
            }
            statement.execute("COMMIT");
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static DuckDBConnection openReadOnly(Path file) {
        var settings = new Properties();
        settings.setProperty("duckdb.read_only", "true");
        settings.setProperty("enable_external_access", "false");
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        settings.setProperty("lock_configuration", "true");
        try {
            return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, settings);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the warehouse " + file + " read-only: " + e.getMessage(), e);
        }
    }

    private static List<DatamartLoaded.Region> readRegions(DuckDBConnection root) {
        var regions = new ArrayList<DatamartLoaded.Region>();
        try (Connection connection = root.duplicate();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT region_code, region_name, territory, currency FROM regions ORDER BY region_code")) {
            while (rows.next()) {
                regions.add(new DatamartLoaded.Region(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the regions of the warehouse: " + e.getMessage(), e);
        }
        return regions;
    }

    private static long tableRowCount(Statement statement, String table) throws SQLException {
        try (ResultSet exists = statement.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = '"
                        + table + "'")) {
            exists.next();
            if (exists.getLong(1) == 0) {
                return -1;
            }
        }
        return countRows(statement, table);
    }

    private static long countRows(Statement statement, String table) throws SQLException {
        try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + quote(table))) {
            count.next();
            return count.getLong(1);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
