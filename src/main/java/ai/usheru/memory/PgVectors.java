package ai.usheru.memory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Whether a PostgreSQL database has pgvector, creating the extension when it is available and allowed. */
final class PgVectors {

    private PgVectors() {}

    static boolean enable(JdbcTemplate jdbc) {
        if (installed(jdbc)) {
            return true;
        }
        Integer available = jdbc.queryForObject("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'", Integer.class);
        if (available == null || available == 0) {
            return false;
        }
        try {
            jdbc.execute("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (DataAccessException e) {
            return false;
        }
        return installed(jdbc);
    }

    private static boolean installed(JdbcTemplate jdbc) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM pg_extension WHERE extname = 'vector'", Integer.class);
        return count != null && count > 0;
    }
}
