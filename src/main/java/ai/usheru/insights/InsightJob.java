package ai.usheru.insights;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every {@code APP_INSIGHTS_CHECK_EVERY} (15 minutes by default) one instance — whichever takes the
 * ShedLock lock in the {@code shedlock} table, by the database's clock — processes the weeks the data
 * holds that are not processed yet and sends the digests due. A check missed while the product was down
 * is caught up by the next, since the work is found from the data, not from the calendar.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT1H")
@ConditionalOnProperty(name = "app.insights.schedule", havingValue = "true", matchIfMissing = true)
class InsightJob {

    private final InsightService insights;

    InsightJob(InsightService insights) {
        this.insights = insights;
    }

    @Bean
    static LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }

    @Scheduled(initialDelayString = "${app.insights.first-check:1m}", fixedDelayString = "${app.insights.check-every:15m}")
    @SchedulerLock(name = "weekly-insights", lockAtMostFor = "PT1H")
    void check() {
        insights.catchUp();
    }
}
