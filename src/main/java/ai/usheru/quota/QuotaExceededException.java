package ai.usheru.quota;

import java.time.OffsetDateTime;

import ai.usheru.DomainException;

/** A limit is spent: answered 429 with the limit's name and when it resets. */
public class QuotaExceededException extends DomainException {

    private final String limit;
    private final OffsetDateTime resetsAt;

    public QuotaExceededException(String limit, String message, OffsetDateTime resetsAt) {
        super(Kind.QUOTA_EXCEEDED, "quota_exceeded", message);
        this.limit = limit;
        this.resetsAt = resetsAt;
    }

    public String limit() {
        return limit;
    }

    public OffsetDateTime resetsAt() {
        return resetsAt;
    }
}
