package ai.usheru.memory;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One turn of a thread: the user's question, or the assistant's answer with its plan, SQL and result summary. */
public record StoredMessage(UUID id, UUID threadId, int position, String role, String content, String intent,
        String planJson, String sql, String resultSummaryJson, OffsetDateTime createdAt) {}
