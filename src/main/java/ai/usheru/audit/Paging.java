package ai.usheru.audit;

import java.time.Instant;

import ai.usheru.DomainException;

/**
 * What every read of a log shares: a period ({@code from} inclusive, {@code until} exclusive, either open),
 * how many rows at most, and the id below which to continue (the {@code nextBefore} of the previous page).
 */
public record Paging(Instant from, Instant until, int limit, Long before) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public Paging {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainException.badInput("invalid_limit", "'limit' is a number from 1 to " + MAX_LIMIT + ".");
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw DomainException.badInput("invalid_period", "The period starts after it ends.");
        }
        if (before != null && before < 1) {
            throw DomainException.badInput("invalid_before", "'before' is the id of an entry, as given in 'nextBefore'.");
        }
    }

    public static Paging latest(int limit) {
        return new Paging(null, null, limit, null);
    }
}
