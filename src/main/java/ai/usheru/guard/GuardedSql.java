package ai.usheru.guard;

import java.util.Set;

/**
 * SQL that passed the guard: {@code sql} is what runs, with every scoped table already replaced by
 * its filtered derivation; {@code tables} are the semantic tables it reads.
 */
public record GuardedSql(String sql, Set<String> tables) {

    public GuardedSql {
        tables = Set.copyOf(tables);
    }
}
