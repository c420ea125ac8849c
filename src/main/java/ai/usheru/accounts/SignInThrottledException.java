package ai.usheru.accounts;

import java.time.Duration;

import ai.usheru.DomainException;

/** Too many failed sign-ins of an account or from an address: answered 429 with when to try again. */
public class SignInThrottledException extends DomainException {

    private final Duration retryAfter;

    public SignInThrottledException(Duration retryAfter) {
        super(Kind.TOO_MANY_ATTEMPTS, "too_many_attempts", "Too many failed sign-ins. Try again in " + words(retryAfter) + ".");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** "40 seconds", "3 minutes". */
    public static String words(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        if (seconds < 90) {
            return seconds + " seconds";
        }
        return ((seconds + 59) / 60) + " minutes";
    }
}
