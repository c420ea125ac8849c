package ai.usheru.guard;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import ai.usheru.AppProperties;
import ai.usheru.DomainException;

/**
 * Fair use of the warehouse on this instance: at most {@code perUser} queries of one person run at
 * once, and at most {@code total} of everyone's, so one person's heavy SQL cannot take every core from
 * the others' answers. A query that finds no slot waits up to {@code queueWait}, then is refused with
 * {@link Busy} rather than queueing without end. The product's own background work (weekly insights,
 * model training) has no person and takes only a slot of the total.
 */
@Component
public class QuerySlots {

    private final int perUser;
    private final int total;
    private final Duration queueWait;
    private final Semaphore everyone;
    private final Map<UUID, Semaphore> people = new ConcurrentHashMap<>();

    @Autowired
    QuerySlots(AppProperties properties) {
        this(properties.query().concurrencyPerUser(), properties.query().concurrency(), properties.query().queueWait());
    }

    /** @param total queries of everyone at once; 0 or less means twice the cores, so light queries still find a core */
    QuerySlots(int perUser, int total, Duration queueWait) {
        this.perUser = Math.max(1, perUser);
        this.total = total > 0 ? total : 2 * Runtime.getRuntime().availableProcessors();
        this.queueWait = queueWait;
        this.everyone = new Semaphore(this.total, true);
    }

    /** A held slot; closing it lets the next query run. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Refused for want of a slot: 429 when the person has too many running, 503 when the instance is full. */
    public static final class Busy extends DomainException {

        private final Duration retryAfter;

        Busy(Kind kind, String code, String message, Duration retryAfter) {
            super(kind, code, message);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Waits for a slot of {@code person} (null: the product's own work) and of everyone, or throws {@link Busy}. */
    public Slot acquire(UUID person) {
        long deadline = System.nanoTime() + queueWait.toNanos();
        Semaphore own = person == null ? null : people.computeIfAbsent(person, id -> new Semaphore(perUser, true));
        if (own != null && !tryAcquire(own, deadline)) {
            throw new Busy(DomainException.Kind.TOO_MANY_ATTEMPTS, "busy", "You already have " + perUser
                    + (perUser == 1 ? " query" : " queries") + " running. Try again when " + (perUser == 1 ? "it" : "one")
                    + " has finished.", Duration.ofSeconds(2));
        }
        if (!tryAcquire(everyone, deadline)) {
            if (own != null) {
                own.release();
            }
            throw new Busy(DomainException.Kind.UNAVAILABLE, "server_busy",
                    "The warehouse is busy with other questions right now. Please try again in a few seconds.", Duration.ofSeconds(5));
        }
        return () -> {
            everyone.release();
            if (own != null) {
                own.release();
            }
        };
    }

    /** Queries of everyone that may run at once on this instance. */
    public int total() {
        return total;
    }

    private static boolean tryAcquire(Semaphore slots, long deadline) {
        try {
            return slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
