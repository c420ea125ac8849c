package ai.usheru.guard;

import java.util.Set;

/**
 * SQL that passed the guard: {@code sql} is what runs, with every scoped table already replaced by
 * its filtered derivation; {@code tables} are the semantic tables it reads.
 */
public final class GuardedSql {

    private final String sql;
    private final Set<String> tables;

    /** Only the guard says SQL passed it. */
    GuardedSql(String sql, Set<String> tables) {
        this.sql = sql;
        this.tables = Set.copyOf(tables);
    }

    public String sql() {
        return sql;
    }

    public Set<String> tables() {
        return tables;
    }

    @Override
    public String toString() {
        return sql;
    }
}
