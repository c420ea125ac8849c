package ai.usheru.quota;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
    private final Clock clock;

    QuotaService(UsageLedger ledger, Quotas quotas) {
        this.ledger = ledger;
        this.quotas = quotas;
        this.clock = Clock.systemUTC();
    }

    /** An open reservation: settle or release it exactly once. */
    public record Reservation(long id) {}

    @Transactional
    public Reservation reserve(UUID userId, UUID clientId, String model, long estimatedTokens, BigDecimal estimatedUsd) {
        ledger.lockUser(userId);
        checkLimits(userId, 1, estimatedTokens, estimatedUsd);
        return new Reservation(ledger.reserve(userId, clientId, model, estimatedTokens, estimatedUsd));
    }

    /**
     * Grows an open reservation before a language-model call, under the same lock and limits; throws
     * {@link QuotaExceededException} when the tokens or money are not there, leaving it unchanged.
     */
    @Transactional
    public void extend(UUID userId, Reservation reservation, String model, long estimatedTokens, BigDecimal estimatedUsd) {
        ledger.lockUser(userId);
        checkLimits(userId, 0, estimatedTokens, estimatedUsd);
        ledger.extend(reservation.id(), model, estimatedTokens, estimatedUsd);
    }

    private void checkLimits(UUID userId, int queries, long estimatedTokens, BigDecimal estimatedUsd) {
        Quota quota = quotas.find(userId);
        if (!quota.isUnlimited()) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            OffsetDateTime day = now.truncatedTo(ChronoUnit.DAYS);
            OffsetDateTime month = day.withDayOfMonth(1);
            UsageLedger.Used today = ledger.usedSince(userId, day);
            UsageLedger.Used thisMonth = ledger.usedSince(userId, month);
            check(quota.queriesPerDay() != null && today.queries() + queries > quota.queriesPerDay(), "queriesPerDay",
                    () -> "You have used your " + quota.queriesPerDay() + " questions for today.", day.plusDays(1), now);
            check(quota.queriesPerMonth() != null && thisMonth.queries() + queries > quota.queriesPerMonth(), "queriesPerMonth",
                    () -> "You have used your " + quota.queriesPerMonth() + " questions for this month.", month.plusMonths(1), now);
            check(quota.tokensPerDay() != null && today.tokens() + estimatedTokens > quota.tokensPerDay(), "tokensPerDay",
                    () -> "You have used your " + quota.tokensPerDay() + " language-model tokens for today.", day.plusDays(1), now);
            check(quota.tokensPerMonth() != null && thisMonth.tokens() + estimatedTokens > quota.tokensPerMonth(), "tokensPerMonth",
                    () -> "You have used your " + quota.tokensPerMonth() + " language-model tokens for this month.", month.plusMonths(1), now);
            check(quota.usdPerMonth() != null && thisMonth.usd().add(estimatedUsd).compareTo(quota.usdPerMonth()) > 0, "usdPerMonth",
                    () -> "You have spent your $" + quota.usdPerMonth().stripTrailingZeros().toPlainString() + " for this month.",
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
        UsageLedger.Used today = ledger.usedSince(userId, day);
        UsageLedger.Used thisMonth = ledger.usedSince(userId, day.withDayOfMonth(1));
        var view = new LinkedHashMap<String, Object>();
        view.put("queriesPerDay", quota.queriesPerDay());
        view.put("queriesLeftToday", quota.queriesPerDay() == null ? null : Math.max(0, quota.queriesPerDay() - today.queries()));
        view.put("queriesPerMonth", quota.queriesPerMonth());
        view.put("queriesLeftThisMonth", quota.queriesPerMonth() == null ? null : Math.max(0, quota.queriesPerMonth() - thisMonth.queries()));
        view.put("tokensPerDay", quota.tokensPerDay());
        view.put("tokensPerMonth", quota.tokensPerMonth());
        view.put("usdPerMonth", quota.usdPerMonth());
        view.put("usdUsedThisMonth", thisMonth.usd());
        return view;
    }

    private static void check(boolean exceeded, String limit, Supplier<String> message, OffsetDateTime resetsAt, OffsetDateTime now) {
        if (exceeded) {
            Duration wait = Duration.between(now, resetsAt);
            String in = wait.toHours() >= 48 ? wait.toDays() + " days" : wait.toHours() >= 1 ? wait.toHours() + " h" : wait.toMinutes() + " min";
            throw new QuotaExceededException(limit, message.get() + " The limit resets at " + resetsAt.withOffsetSameInstant(ZoneOffset.UTC)
                    .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " (in " + in + ").", resetsAt);
        }
    }
}
