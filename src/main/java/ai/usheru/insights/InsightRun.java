package ai.usheru.insights;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One run of the insight job: the week, who started it, what it computed and sent, and what failed. */
public record InsightRun(UUID id, LocalDate week, String trigger, String instance, OffsetDateTime startedAt,
        OffsetDateTime finishedAt, int scopes, int insights, int digests, int failures, String error) {}
