package ai.usheru.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.usheru.DomainException;

/** The slots' arithmetic: a person's cap, the instance's cap, the wait, and release. */
class QuerySlotsTest {

    private final UUID ann = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void aPersonAtTheirCapIsBusyWhileOthersStillRun() {
        var slots = new QuerySlots(1, 3, Duration.ofMillis(30));
        var first = slots.acquire(ann);

        assertThatThrownBy(() -> slots.acquire(ann)).isInstanceOfSatisfying(QuerySlots.Busy.class, busy -> {
            assertThat(busy.code()).isEqualTo("busy");
            assertThat(busy.kind()).isEqualTo(DomainException.Kind.TOO_MANY_ATTEMPTS);
            assertThat(busy.retryAfter()).isPositive();
        });
        slots.acquire(bob).close();

        first.close();
        slots.acquire(ann).close();
    }

    @Test
    void aFullInstanceIsBusyForEveryoneAndAPersonsSlotIsNotLostWhenRefused() {
        var slots = new QuerySlots(2, 2, Duration.ofMillis(30));
        var annFirst = slots.acquire(ann);
        var background = slots.acquire(null);

        assertThatThrownBy(() -> slots.acquire(ann)).isInstanceOfSatisfying(QuerySlots.Busy.class, busy -> {
            assertThat(busy.code()).isEqualTo("server_busy");
            assertThat(busy.kind()).isEqualTo(DomainException.Kind.UNAVAILABLE);
        });
        background.close();
        // Ann's refused attempt gave her own slot back: her cap of two still allows a second query.
        var annSecond = slots.acquire(ann);
        annFirst.close();
        annSecond.close();
    }

    @Test
    void aQueryWaitsForASlotThatFreesInTime() throws Exception {
        var slots = new QuerySlots(1, 4, Duration.ofSeconds(5));
        var held = slots.acquire(ann);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.close();
        });

        slots.acquire(ann).close();
    }

    @Test
    void noCapMeansTwiceTheCores() {
        assertThat(new QuerySlots(2, 0, Duration.ZERO).total()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
    }
}
