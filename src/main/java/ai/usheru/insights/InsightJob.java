package ai.usheru.insights;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code APP_INSIGHTS_CHECK_EVERY} (15 minutes by default) one instance — whichever takes the
 * ShedLock lock in the {@code shedlock} table, by the database's clock — processes the weeks the data
 * holds that are not processed yet and sends the digests due. A check missed while the product was down
 * is caught up by the next, since the work is found from the data, not from the calendar.
 */
@Component
@ConditionalOnProperty(name = "app.insights.schedule", havingValue = "true", matchIfMissing = true)
class InsightJob {

    private final InsightService insights;

    InsightJob(InsightService insights) {
        this.insights = insights;
    }

    @Scheduled(initialDelayString = "${app.insights.first-check:1m}", fixedDelayString = "${app.insights.check-every:15m}")
    @SchedulerLock(name = "weekly-insights", lockAtMostFor = "PT1H")
    void check() {
        insights.catchUp();
    }
}
