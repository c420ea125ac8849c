package ai.usheru.audit;

import java.util.Locale;

/**
 * Which logged API calls to read: {@code user} is part of the caller's e-mail (any case), {@code path} part
 * of the path template, {@code status} a status or class; each may be null for all.
 */
public record ApiRequestFilter(String user, String path, StatusRange status, Paging paging) {

    public ApiRequestFilter {
        user = user == null || user.isBlank() ? null : user.strip().toLowerCase(Locale.ROOT);
        path = path == null || path.isBlank() ? null : path.strip();
    }
}
