package ai.usheru.insights;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import ai.usheru.AppProperties;
import ai.usheru.DomainException;
import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.NotificationService;
import ai.usheru.accounts.Subscriber;
import ai.usheru.ask.Planners;
import ai.usheru.guard.ScopedQueryRunner;

/**
 * The weekly insights as a use case: which weeks the data holds that are not processed yet, computing a
 * week for every scope in use (once: re-runs change nothing), the insights a person may see, and runs
 * started by the schedule or by an admin, each recorded with what it computed and sent.
 */
@Service
public class InsightService {

    private static final Logger log = LoggerFactory.getLogger(InsightService.class);

    private final InsightEngine engine;
    private final InsightStore store;
    private final DigestSender digests;
    private final NotificationService notifications;
    private final AccountService accounts;
    private final ScopedQueryRunner queries;
    private final Planners planners;
    private final AppProperties.Insights settings;
    private final String instance;
    private final Clock clock = Clock.systemUTC();

    InsightService(InsightEngine engine, InsightStore store, DigestSender digests, NotificationService notifications,
            AccountService accounts, ScopedQueryRunner queries, Planners planners, AppProperties properties) {
        this.engine = engine;
        this.store = store;
        this.digests = digests;
        this.notifications = notifications;
        this.accounts = accounts;
        this.queries = queries;
        this.planners = planners;
        this.settings = properties.insights();
        this.instance = instanceName();
    }

    /** What a run did: the week, the insights it holds in the scopes it covered, digests sent. */
    public record RunResult(LocalDate week, int insights, int digests) {}

    /** A week's insights as one person sees them. */
    public record WeekInsights(LocalDate week, List<Insight> insights, String scope) {}

    // For people

    /** The insights of a week (default: the latest processed, else the latest complete) in the caller's own scope. */
    @PreAuthorize("isAuthenticated()")
    public WeekInsights forCurrentUser(LocalDate week) {
        Account me = accounts.current();
        InsightScope scope = scopeOf(me);
        LocalDate monday = week != null ? mondayOf(week)
                : store.lastProcessedWeek().or(() -> latestCompleteWeek(scope.datamart())).orElse(null);
        if (monday == null) {
            return new WeekInsights(null, List.of(), me.scope().describeRegions());
        }
        return new WeekInsights(monday, insights(scope, monday), me.scope().describeRegions());
    }

    /** Computes a week now (default the latest complete) and, with {@code sendNow}, sends its digests at once. */
    @PreAuthorize("hasRole('ADMIN')")
    public RunResult runNow(LocalDate week, boolean sendNow) {
        LocalDate monday = week != null ? mondayOf(week) : latestCompleteWeek(planners.defaultDatamart())
                .orElseThrow(() -> DomainException.badInput("no_data", "The warehouse holds no complete week yet."));
        return run(monday, "admin", sendNow);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<InsightRun> runs(int limit) {
        return store.runs(limit);
    }

    // For the schedule

    /**
     * Processes every loaded week not processed yet (at most {@code catchUp}, the latest first computed
     * when nothing was ever processed), then sends the digests due by now in each user's time zone for the
     * weeks processed in the last seven days.
     */
    public void catchUp() {
        Optional<LocalDate> latest = latestCompleteWeek(planners.defaultDatamart());
        if (latest.isEmpty()) {
            return;
        }
        for (LocalDate week : weeksToProcess(store.lastProcessedWeek(), latest.get())) {
            run(week, "schedule", false);
        }
        List<Subscriber> subscribers = subscribers();
        for (LocalDate week : store.processedSince(OffsetDateTime.now(clock).minusDays(7))) {
            int sent = digests.sendDue(week, subscribers, false, account -> insights(scopeOf(account), week));
            if (sent > 0) {
                log.info("Sent {} weekly digests for the week of {}", sent, week);
            }
        }
    }

    List<LocalDate> weeksToProcess(Optional<LocalDate> lastProcessed, LocalDate latest) {
        if (lastProcessed.isPresent() && !lastProcessed.get().isBefore(latest)) {
            return List.of();
        }
        LocalDate first = lastProcessed.map(week -> week.plusWeeks(1)).orElse(latest);
        if (first.isBefore(latest.minusWeeks(settings.catchUp() - 1L))) {
            first = latest.minusWeeks(settings.catchUp() - 1L);
        }
        List<LocalDate> weeks = new ArrayList<>();
        for (LocalDate week = first; !week.isAfter(latest); week = week.plusWeeks(1)) {
            weeks.add(week);
        }
        return weeks;
    }

    private RunResult run(LocalDate week, String trigger, boolean sendNow) {
        UUID runId = store.startRun(week, trigger, instance);
        int insights = 0;
        int sent = 0;
        int failures = 0;
        String error = null;
        List<Subscriber> subscribers = subscribers();
        Set<InsightScope> scopes = new LinkedHashSet<>();
        scopes.add(new InsightScope(planners.defaultDatamart(), Set.of()));
        subscribers.forEach(subscriber -> scopes.add(scopeOf(subscriber.account())));
        for (InsightScope scope : scopes) {
            try {
                insights += insights(scope, week).size();
            } catch (RuntimeException e) {
                failures++;
                error = "Scope " + scope.key() + ": " + e.getMessage();
                log.warn("Insights of {} for the week of {} failed", scope.key(), week, e);
            }
        }
        if (failures == 0) {
            store.markProcessed(week);
        }
        if (sendNow) {
            sent = digests.sendDue(week, subscribers, true, account -> insights(scopeOf(account), week));
        }
        store.finishRun(runId, scopes.size(), insights, sent, failures, error);
        return new RunResult(week, insights, sent);
    }

    /** A scope's insights of a week, computed first if nobody computed them yet. */
    List<Insight> insights(InsightScope scope, LocalDate week) {
        compute(scope, week);
        return store.find(scope.key(), week);
    }

    private void compute(InsightScope scope, LocalDate week) {
        if (!store.computed(scope.key(), week)) {
            store.save(scope.key(), week, engine.compute(scope, week));
        }
    }

    private List<Subscriber> subscribers() {
        return notifications.subscribers();
    }

    InsightScope scopeOf(Account account) {
        String datamart = account.scope().datamarts().isEmpty() ? planners.defaultDatamart()
                : new TreeSet<>(account.scope().datamarts()).first();
        return new InsightScope(datamart, account.scope().regions());
    }

    /**
     * The latest week the warehouse holds in full: the Monday of the latest week that another loaded
     * week follows (the very latest may still be loading).
     */
    Optional<LocalDate> latestCompleteWeek(String datamart) {
        var rows = queries.run(datamart, """
                SELECT DISTINCT %s AS week_index
                FROM box_office b
                ORDER BY week_index DESC
                LIMIT 2""".formatted(InsightEngine.WEEK_INDEX), Set.of()).result().rows();
        if (rows.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(InsightEngine.WEEK_ZERO.plusWeeks(((Number) rows.get(1).getFirst()).longValue()));
    }

    static LocalDate mondayOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static String instanceName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid() + "/"
                    + UUID.randomUUID().toString().substring(0, 8);
        } catch (UnknownHostException e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }
}
