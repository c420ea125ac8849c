package ai.usheru.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One finished API call as logged: the caller (null when anonymous), the method, the path template the
 * call matched (never the raw path, its query string or a token), its status, how long it took and when it began.
 */
public record ApiCall(UUID userId, String method, String path, int status, long durationMs, Instant at) {}
