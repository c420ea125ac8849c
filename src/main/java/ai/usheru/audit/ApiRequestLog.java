package ai.usheru.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where finished API calls wait to be written. Logging a call only puts it in a bounded queue, so no request
 * waits on the database; every second (and at shutdown) the queue is written in one batch. When the queue
 * is full the call is dropped and counted rather than slowing the API down.
 */
@Component
public class ApiRequestLog {

    static final int CAPACITY = 10_000;
    private static final int BATCH = 1_000;
    private static final Logger log = LoggerFactory.getLogger(ApiRequestLog.class);

    private final ApiRequests requests;
    private final int days;
    private final BlockingQueue<ApiCall> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Clock clock = Clock.systemUTC();

    ApiRequestLog(ApiRequests requests, @Value("${app.request-log.days:30}") int days) {
        if (days < 1) {
            throw new IllegalArgumentException("app.request-log.days must be at least 1, not " + days);
        }
        this.requests = requests;
        this.days = days;
    }

    /** Never blocks: a call that finds the queue full is counted in {@link #dropped()} instead. */
    public void log(ApiCall call) {
        if (!queue.offer(call)) {
            dropped.incrementAndGet();
        }
    }

    /** Writes what is waiting, a batch at a time; a failed batch is logged, counted as dropped, and not retried. */
    @Scheduled(fixedDelayString = "${app.request-log.flush-every:1s}")
    @PreDestroy
    public void flush() {
        List<ApiCall> batch = new ArrayList<>(Math.min(queue.size(), BATCH));
        while (queue.drainTo(batch, BATCH) > 0) {
            try {
                requests.insert(batch);
            } catch (RuntimeException e) {
                dropped.addAndGet(batch.size());
                log.warn("Could not write {} API calls to the request log: {}", batch.size(), e.getMessage());
            }
            batch.clear();
        }
    }

    /** Calls lost since start because the queue was full or their batch failed. */
    public long dropped() {
        return dropped.get();
    }

    /** Deletes calls older than {@code APP_REQUEST_LOG_DAYS}; returns how many. */
    public int prune() {
        return requests.deleteOlderThan(OffsetDateTime.now(clock).minus(Duration.ofDays(days)));
    }
}
