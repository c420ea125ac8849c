package ai.usheru.quota;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives back quota held by reservations whose ask never finished: every ask settles or releases its
 * reservation, unless the database was unreachable at that moment or the instance died mid-ask. No ask
 * runs for 15 minutes (model calls, corrections and the query all have shorter limits), so a reservation
 * that old is abandoned. The update is idempotent, so every instance may run it; no lock is needed.
 */
@Component
public class AbandonedReservations {

    static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);
    private static final Logger log = LoggerFactory.getLogger(AbandonedReservations.class);

    private final UsageLedger ledger;

    AbandonedReservations(UsageLedger ledger) {
        this.ledger = ledger;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void releaseAbandoned() {
        try {
            release(ABANDONED_AFTER);
        } catch (RuntimeException e) {
            log.warn("Could not release abandoned reservations: {}", e.getMessage());
        }
    }

    /** Releases reservations open longer than {@code age}; returns how many. */
    public int release(Duration age) {
        int released = ledger.releaseAbandoned(age);
        if (released > 0) {
            log.info("Released {} abandoned quota reservations", released);
        }
        return released;
    }
}
