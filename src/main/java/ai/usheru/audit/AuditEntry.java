package ai.usheru.audit;

import java.time.OffsetDateTime;

import tools.jackson.databind.JsonNode;

/**
 * One admin action: who did it (their e-mail, or null once that account is deleted), the action such as
 * {@code user.created}, its target and details as the action recorded them, and when.
 */
public record AuditEntry(long id, String who, String action, String target, JsonNode details, OffsetDateTime when) {}
