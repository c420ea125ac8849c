package ai.usheru.audit;

import java.time.OffsetDateTime;

/** One logged API call as admins read it: who (null when anonymous or deleted), method, path template, status, duration. */
public record ApiRequest(long id, String who, String method, String path, int status, long durationMs, OffsetDateTime when) {}
