package ai.usheru.audit;

import java.util.Locale;

/**
 * Which audit entries to read: {@code actor} is part of the actor's e-mail (any case), {@code action} an
 * action exactly; either may be null for all.
 */
public record AuditFilter(String actor, String action, Paging paging) {

    public AuditFilter {
        actor = actor == null || actor.isBlank() ? null : actor.strip().toLowerCase(Locale.ROOT);
        action = action == null || action.isBlank() ? null : action.strip();
    }
}
