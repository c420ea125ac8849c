package ai.usheru.audit;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once a day one instance — whichever takes the ShedLock lock — deletes logged API calls older than
 * {@code APP_REQUEST_LOG_DAYS}, so the log holds a fixed window however busy the API is.
 */
@Component
@ConditionalOnProperty(name = "app.request-log.schedule", havingValue = "true", matchIfMissing = true)
class ApiRequestLogRetentionJob {

    private static final Logger log = LoggerFactory.getLogger(ApiRequestLogRetentionJob.class);

    private final ApiRequestLog requestLog;

    ApiRequestLogRetentionJob(ApiRequestLog requestLog) {
        this.requestLog = requestLog;
    }

    @Scheduled(initialDelayString = "${app.request-log.first-prune:10m}", fixedDelayString = "${app.request-log.prune-every:24h}")
    @SchedulerLock(name = "api-request-log-retention", lockAtMostFor = "PT1H")
    void prune() {
        int deleted = requestLog.prune();
        if (deleted > 0) {
            log.info("Deleted {} API calls past the request log's retention", deleted);
        }
    }
}
