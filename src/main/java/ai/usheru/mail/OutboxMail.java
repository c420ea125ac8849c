package ai.usheru.mail;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A mail the product sent or queued, as the admin's outbox shows it; {@code html} is null for plain-text mail. */
public record OutboxMail(
        UUID id, String recipient, String subject, String body, String html, String status, String error,
        OffsetDateTime createdAt, OffsetDateTime sentAt) {}
