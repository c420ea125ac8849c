package ai.usheru.mail;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A mail the product sent or queued, as the admin's outbox shows it. */
public record OutboxMail(
        UUID id, String recipient, String subject, String body, String status, String error,
        OffsetDateTime createdAt, OffsetDateTime sentAt) {}
