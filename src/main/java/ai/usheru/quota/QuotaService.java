package ai.usheru.quota;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enforces each user's quotas. Before any work a reservation is made atomically in PostgreSQL (the
 * user's row is locked while counting, so concurrent asks on any number of instances cannot both
 * take the last unit); afterwards it is settled to the actual usage, or released when the work failed.
 * Days and months are UTC.
 */
@Service
public class QuotaService {

    private final UsageLedger ledger;
    private final Quotas quotas;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /**
     * One user's reservations on this instance wait for each other here, holding no database connection:
     * a burst of one user's asks then keeps one pooled connection waiting on the user's row lock, not
     * the whole pool (which would turn the burst into "database unavailable" for everyone).
     */
    private final ReentrantLock[] userLocks = new ReentrantLock[64];

    QuotaService(UsageLedger ledger, Quotas quotas, TransactionTemplate transactions) {
        this.ledger = ledger;
        this.quotas = quotas;
        this.transactions = transactions;
        this.clock = Clock.systemUTC();
        for (int i = 0; i < userLocks.length; i++) {
            userLocks[i] = new ReentrantLock();
        }
    }

    /** An open reservation: settle or release it exactly once. */
    public record Reservation(long id) {}

    /**
     * Reserves one question under the user's lock, or throws {@link QuotaExceededException} when the
     * questions of the day or month are spent. Tokens and money are held per model call
     * ({@link #holdForCall}); the offline planner needs none.
     */
    public Reservation reserve(UUID userId, UUID clientId, String model) {
        ReentrantLock local = userLocks[Math.floorMod(userId.hashCode(), userLocks.length)];
        local.lock();
        try {
            return transactions.execute(status -> {
                ledger.lockUser(userId);
                checkQueries(userId);
                return new Reservation(ledger.reserve(userId, clientId, model, 0, BigDecimal.ZERO));
            });
        } finally {
            local.unlock();
        }
    }

    /**
     * Holds, under the user's lock, the most one language-model call can cost: {@code promptTokens} (an
     * upper bound of its prompt) and up to {@code wantedCompletion} completion tokens, cut to what the
     * token and money limits leave. Returns the completion tokens held; the call must be told not to
     * write more (its {@code max_tokens}), so however many calls run at once, their holds and everything
     * settled before stay within every limit. When fewer than {@code minimumCompletion} tokens would be
     * left it throws {@link QuotaExceededException} naming the limit, and holds nothing.
     */
    @Transactional
    public long holdForCall(UUID userId, Reservation reservation, String model, TokenPrices prices, long promptTokens,
            long wantedCompletion, long minimumCompletion) {
        ledger.lockUser(userId);
        Quota quota = quotas.find(userId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime day = now.truncatedTo(ChronoUnit.DAYS);
        OffsetDateTime month = day.withDayOfMonth(1);
        var used = ledger.usedBy(userId, day, month);
        UsageLedger.Used today = used.today();
        UsageLedger.Used thisMonth = used.thisMonth();
        long completion = wantedCompletion;
        String binding = null;
        if (quota.tokensPerDay() != null && quota.tokensPerDay() - today.tokens() - promptTokens < completion) {
            completion = quota.tokensPerDay() - today.tokens() - promptTokens;
            binding = "tokensPerDay";
        }
        if (quota.tokensPerMonth() != null && quota.tokensPerMonth() - thisMonth.tokens() - promptTokens < completion) {
            completion = quota.tokensPerMonth() - thisMonth.tokens() - promptTokens;
            binding = "tokensPerMonth";
        }
        if (quota.usdPerMonth() != null) {
            long affordable = prices.completionTokensFor(
                    quota.usdPerMonth().subtract(thisMonth.usd()).subtract(prices.costOf(promptTokens, 0)));
            if (affordable < completion) {
                completion = affordable;
                binding = "usdPerMonth";
            }
        }
        // A configured cap below the minimum is what the operator wants; only a limit can refuse a call.
        if (binding != null && completion < Math.min(minimumCompletion, wantedCompletion)) {
            throw switch (binding) {
                case "tokensPerDay" -> exceeded(binding, "You have used your " + quota.tokensPerDay()
                        + " language-model tokens for today.", day.plusDays(1), now);
                case "tokensPerMonth" -> exceeded(binding, "You have used your " + quota.tokensPerMonth()
                        + " language-model tokens for this month.", month.plusMonths(1), now);
                default -> exceeded(binding, "You have spent your $" + quota.usdPerMonth().stripTrailingZeros().toPlainString()
                        + " for this month.", month.plusMonths(1), now);
            };
        }
        ledger.extend(reservation.id(), model, promptTokens + completion, prices.costOf(promptTokens, completion));
        return completion;
    }

    /**
     * Puts what a model call reported it used in place of what was held for it. This only ever lowers
     * the reservation (the call was held to its bound), so it needs no lock.
     */
    @Transactional
    public void rebook(Reservation reservation, String model, long heldTokens, BigDecimal heldUsd, long usedTokens, BigDecimal usedUsd) {
        ledger.extend(reservation.id(), model, usedTokens - heldTokens, usedUsd.subtract(heldUsd));
    }

    private void checkQueries(UUID userId) {
        Quota quota = quotas.find(userId);
        if (quota.queriesPerDay() == null && quota.queriesPerMonth() == null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime day = now.truncatedTo(ChronoUnit.DAYS);
        OffsetDateTime month = day.withDayOfMonth(1);
        var used = ledger.usedBy(userId, day, month);
        if (quota.queriesPerDay() != null && used.today().queries() >= quota.queriesPerDay()) {
            throw exceeded("queriesPerDay", "You have used your " + quota.queriesPerDay() + " questions for today.", day.plusDays(1), now);
        }
        if (quota.queriesPerMonth() != null && used.thisMonth().queries() >= quota.queriesPerMonth()) {
            throw exceeded("queriesPerMonth", "You have used your " + quota.queriesPerMonth() + " questions for this month.",
                    month.plusMonths(1), now);
        }
    }

    @Transactional
    public void settle(Reservation reservation, Usage usage) {
        ledger.settle(reservation.id(), usage);
    }

    @Transactional
    public void release(Reservation reservation, String outcome) {
        ledger.release(reservation.id(), outcome);
    }

    /** The user's limits with what is left of each, for display; never used for enforcement. */
    @Transactional(readOnly = true)
    public Map<String, Object> remaining(UUID userId) {
        Quota quota = quotas.find(userId);
        OffsetDateTime day = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.DAYS);
        var used = ledger.usedBy(userId, day, day.withDayOfMonth(1));
        UsageLedger.Used today = used.today();
        UsageLedger.Used thisMonth = used.thisMonth();
        var view = new LinkedHashMap<String, Object>();
        view.put("queriesPerDay", quota.queriesPerDay());
        view.put("queriesLeftToday", quota.queriesPerDay() == null ? null : Math.max(0, quota.queriesPerDay() - today.queries()));
        view.put("queriesPerMonth", quota.queriesPerMonth());
        view.put("queriesLeftThisMonth", quota.queriesPerMonth() == null ? null : Math.max(0, quota.queriesPerMonth() - thisMonth.queries()));
        view.put("tokensPerDay", quota.tokensPerDay());
        view.put("tokensLeftToday", quota.tokensPerDay() == null ? null : Math.max(0, quota.tokensPerDay() - today.tokens()));
        view.put("tokensPerMonth", quota.tokensPerMonth());
        view.put("tokensLeftThisMonth", quota.tokensPerMonth() == null ? null : Math.max(0, quota.tokensPerMonth() - thisMonth.tokens()));
        view.put("usdPerMonth", quota.usdPerMonth());
        view.put("usdUsedThisMonth", thisMonth.usd());
        view.put("usdLeftThisMonth", quota.usdPerMonth() == null ? null : quota.usdPerMonth().subtract(thisMonth.usd()).max(BigDecimal.ZERO));
        return view;
    }

    private static QuotaExceededException exceeded(String limit, String message, OffsetDateTime resetsAt, OffsetDateTime now) {
        Duration wait = Duration.between(now, resetsAt);
        String in = wait.toHours() >= 48 ? wait.toDays() + " days" : wait.toHours() >= 1 ? wait.toHours() + " h" : wait.toMinutes() + " min";
        return new QuotaExceededException(limit, message + " The limit resets at " + resetsAt.withOffsetSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " (in " + in + ").", resetsAt);
    }
}
