package ai.usheru.memory;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One turn of a thread: the user's question, or the assistant's answer with its plan, SQL and result
 * summary. {@code sql} is what ran (scoped by the guard); {@code sourceSql} is the same before scoping.
 */
public record StoredMessage(UUID id, UUID threadId, int position, String role, String content, String intent,
        String planJson, String sql, String sourceSql, String resultSummaryJson, OffsetDateTime createdAt) {

    /** The SQL as written, before scoping, where it was kept; otherwise what ran. */
    public String writtenSql() {
        return sourceSql != null ? sourceSql : sql;
    }
}
