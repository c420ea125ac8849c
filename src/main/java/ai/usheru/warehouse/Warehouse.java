package ai.usheru.warehouse;

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
    QueryResult execute(String datamartCode, String sql, QueryLimits limits);
}
