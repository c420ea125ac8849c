package ai.usheru.memory;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A conversation of one user: a title and its messages in order. */
public record ConversationThread(UUID id, UUID userId, String title, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
