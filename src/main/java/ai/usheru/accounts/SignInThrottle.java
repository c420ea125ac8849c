package ai.usheru.accounts;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows password guessing down, on every instance alike (the failures are in PostgreSQL, timed by its
 * clock): after 5 failed sign-ins of one account, or 20 from one address ({@code APP_SIGN_IN_ACCOUNT_FAILURES},
 * {@code APP_SIGN_IN_ADDRESS_FAILURES}), within {@value #WINDOW_MINUTES} minutes, every further attempt — the right password
 * too, or throttling would mean nothing — waits 30 seconds, doubling with each further failure up to
 * {@value #WINDOW_MINUTES} minutes. A successful sign-in clears its account's failures; an admin can too.
 */
@Component
public class SignInThrottle {

    static final int WINDOW_MINUTES = 15;
    private static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(WINDOW_MINUTES);

    private final JdbcTemplate jdbc;
    private final int accountFailures;
    private final int addressFailures;

    SignInThrottle(JdbcTemplate jdbc, @Value("${app.sign-in.account-failures:5}") int accountFailures,
            @Value("${app.sign-in.address-failures:20}") int addressFailures) {
        this.jdbc = jdbc;
        this.accountFailures = accountFailures;
        this.addressFailures = addressFailures;
    }

    /** How long this e-mail or address must wait before its next attempt; empty when it may try now. */
    public Optional<Duration> retryAfter(String email, String address) {
        Duration account = wait("email", Emails.normalise(email == null ? "" : email), accountFailures);
        Duration from = wait("address", address, addressFailures);
        Duration longer = account.compareTo(from) >= 0 ? account : from;
        return longer.isPositive() ? Optional.of(longer) : Optional.empty();
    }

    /** Records a failure in a transaction of its own: the sign-in that failed rolls back, the failure stays. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String email, String address) {
        jdbc.update("DELETE FROM sign_in_failures WHERE failed_at < CURRENT_TIMESTAMP - INTERVAL '1 day'");
        jdbc.update("INSERT INTO sign_in_failures (id, email, address) VALUES (?, ?, ?)", UUID.randomUUID(),
                Emails.normalise(email == null ? "" : email), address);
    }

    public void succeeded(String email) {
        clear(email);
    }

    /** Forgets an account's failures (an admin lifting its throttle). */
    public void clear(String email) {
        jdbc.update("DELETE FROM sign_in_failures WHERE email = ?", Emails.normalise(email));
    }

    /** An account with recent failures, as the admin sees it. */
    public record Throttled(String email, int failures, OffsetDateTime lastFailure, long waitSeconds) {}

    /** Accounts with failures in the window, the most failures first, and how long each must still wait. */
    public List<Throttled> recent() {
        return jdbc.query("""
                SELECT email, COUNT(*) AS failures, MAX(failed_at) AS last_failure
                FROM sign_in_failures WHERE failed_at > CURRENT_TIMESTAMP - make_interval(mins => ?)
                GROUP BY email ORDER BY failures DESC, last_failure DESC LIMIT 200""",
                (row, index) -> new Throttled(row.getString("email"), row.getInt("failures"), row.getObject("last_failure", OffsetDateTime.class),
                        wait("email", row.getString("email"), accountFailures).toSeconds()), WINDOW_MINUTES);
    }

    private Duration wait(String column, String key, int allowed) {
        var counted = jdbc.queryForMap("""
                SELECT COUNT(*) AS failures, EXTRACT(EPOCH FROM (CURRENT_TIMESTAMP - MAX(failed_at))) AS seconds_since
                FROM sign_in_failures WHERE %s = ? AND failed_at > CURRENT_TIMESTAMP - make_interval(mins => ?)""".formatted(column),
                key, WINDOW_MINUTES);
        int failures = ((Number) counted.get("failures")).intValue();
        if (failures < allowed) {
            return Duration.ZERO;
        }
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(10, failures - allowed));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        double since = ((Number) counted.get("seconds_since")).doubleValue();
        return wait.minusMillis((long) (since * 1000));
    }

    /** A wrong password in the sign-in form (the API's token exchange counts its own). */
    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        if (event.getException() instanceof BadCredentialsException
                && event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
            failed(event.getAuthentication().getName(), details.getRemoteAddress());
        }
    }

    /** Any successful sign-in of the account, form or link. */
    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        succeeded(event.getAuthentication().getName());
    }
}
