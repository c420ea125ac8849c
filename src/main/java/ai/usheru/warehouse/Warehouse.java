package ai.usheru.warehouse;

import java.util.List;
import java.util.OptionalLong;

/**
 * Where a datamart's data lives and queries run: DuckDB embedded, BigQuery in production. SQL
 * reaching a warehouse has already passed the guard; the warehouse enforces the limits.
 */
public interface Warehouse {

    /** The SQL dialect its queries are written in, such as {@code duckdb}. */
    String dialect();

    boolean serves(String datamartCode);

    /**
     * Runs one guarded query. Throws a {@link ai.usheru.DomainException} with code
     * {@code query_timeout} when it runs past the limit (the statement is cancelled), or
     * {@code query_failed} when the warehouse refuses it.
     */
    default QueryResult execute(String datamartCode, String sql, QueryLimits limits) {
        return execute(datamartCode, sql, List.of(), limits);
    }

    /** Runs one guarded query with positional {@code ?} parameters bound in order. */
    QueryResult execute(String datamartCode, String sql, List<?> parameters, QueryLimits limits);

    /**
     * How many bytes the query would scan, from a dry run where the warehouse offers one (BigQuery);
     * empty where scanning costs nothing (DuckDB), so no byte cap applies.
     */
    default OptionalLong estimateBytes(String datamartCode, String sql) {
        return OptionalLong.empty();
    }
}
