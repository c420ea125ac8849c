package ai.usheru;

/**
 * A failure a person can act on, with a stable code for the API (such as {@code email_taken}) and a
 * message written for users. The kind decides the HTTP status; nothing internal leaks through it.
 */
public class DomainException extends RuntimeException {

    /** What went wrong, in the terms an HTTP status expresses. */
    public enum Kind { BAD_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, QUOTA_EXCEEDED, TOO_MANY_ATTEMPTS, TIMEOUT, UNAVAILABLE }

    private final Kind kind;
    private final String code;

    public DomainException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public static DomainException badInput(String code, String message) {
        return new DomainException(Kind.BAD_INPUT, code, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
