package ai.usheru.quota;

import static ai.usheru.db.Tables.USAGE_RECORDS;
import static ai.usheru.db.Tables.USERS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The usage_records table: one row per ask or query, RESERVED before the work, SETTLED to what it
 * actually used, or RELEASED (costing nothing) when it failed.
 */
@Repository
class UsageLedger {

    private final DSLContext db;

    UsageLedger(DSLContext db) {
        this.db = db;
    }

    /** What a user has used since a moment, counting reservations still open. */
    record Used(long queries, long tokens, BigDecimal usd) {}

    /**
     * Locks the user's row until the transaction ends: every instance reserving for the same user
     * waits here, so counting and reserving are one atomic step across the cluster.
     */
    void lockUser(UUID userId) {
        db.select(USERS.ID).from(USERS).where(USERS.ID.eq(userId)).forUpdate().fetch();
    }

    /** What the user used today and this month (from {@code day} and from {@code month}, which holds it), in one query. */
    UsedBy usedBy(UUID userId, OffsetDateTime day, OffsetDateTime month) {
        var tokens = USAGE_RECORDS.PROMPT_TOKENS.plus(USAGE_RECORDS.COMPLETION_TOKENS);
        var today = USAGE_RECORDS.CREATED_AT.ge(day);
        var row = db.select(DSL.count().filterWhere(today), DSL.coalesce(DSL.sum(tokens).filterWhere(today), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(USAGE_RECORDS.COST_USD).filterWhere(today), BigDecimal.ZERO),
                        DSL.count(), DSL.coalesce(DSL.sum(tokens), BigDecimal.ZERO), DSL.coalesce(DSL.sum(USAGE_RECORDS.COST_USD), BigDecimal.ZERO))
                .from(USAGE_RECORDS)
                .where(USAGE_RECORDS.USER_ID.eq(userId))
                .and(USAGE_RECORDS.STATE.ne("RELEASED"))
                .and(USAGE_RECORDS.CREATED_AT.ge(month))
                .fetchSingle();
        return new UsedBy(new Used(row.value1(), row.value2().longValue(), row.value3()),
                new Used(row.value4(), row.value5().longValue(), row.value6()));
    }

    record UsedBy(Used today, Used thisMonth) {}

    long reserve(UUID userId, UUID clientId, String model, long estimatedTokens, BigDecimal estimatedUsd) {
        return db.insertInto(USAGE_RECORDS)
                .set(USAGE_RECORDS.USER_ID, userId)
                .set(USAGE_RECORDS.CLIENT_ID, clientId)
                .set(USAGE_RECORDS.MODEL_NAME, model)
                .set(USAGE_RECORDS.STATE, "RESERVED")
                .set(USAGE_RECORDS.PROMPT_TOKENS, estimatedTokens)
                .set(USAGE_RECORDS.COST_USD, estimatedUsd)
                .returning(USAGE_RECORDS.ID)
                .fetchSingle(USAGE_RECORDS.ID);
    }

    /** Adds to (or, with negative amounts, takes from) what an open reservation holds. */
    void extend(long id, String model, long tokens, BigDecimal usd) {
        db.update(USAGE_RECORDS)
                .set(USAGE_RECORDS.MODEL_NAME, model)
                .set(USAGE_RECORDS.PROMPT_TOKENS, USAGE_RECORDS.PROMPT_TOKENS.plus(tokens))
                .set(USAGE_RECORDS.COST_USD, USAGE_RECORDS.COST_USD.plus(usd))
                .where(USAGE_RECORDS.ID.eq(id).and(USAGE_RECORDS.STATE.eq("RESERVED")))
                .execute();
    }

    void settle(long id, Usage usage) {
        db.update(USAGE_RECORDS)
                .set(USAGE_RECORDS.STATE, "SETTLED")
                .set(USAGE_RECORDS.MODEL_NAME, usage.model())
                .set(USAGE_RECORDS.PROMPT_TOKENS, usage.promptTokens())
                .set(USAGE_RECORDS.COMPLETION_TOKENS, usage.completionTokens())
                .set(USAGE_RECORDS.COST_USD, usage.costUsd())
                .set(USAGE_RECORDS.WAREHOUSE_MS, usage.warehouseMillis())
                .set(USAGE_RECORDS.WAREHOUSE_BYTES, usage.warehouseBytes())
                .set(USAGE_RECORDS.OUTCOME, usage.outcome())
                .set(USAGE_RECORDS.SETTLED_AT, OffsetDateTime.now())
                .where(USAGE_RECORDS.ID.eq(id).and(USAGE_RECORDS.STATE.eq("RESERVED")))
                .execute();
    }

    void release(long id, String outcome) {
        db.update(USAGE_RECORDS)
                .set(USAGE_RECORDS.STATE, "RELEASED")
                .set(USAGE_RECORDS.PROMPT_TOKENS, 0L)
                .set(USAGE_RECORDS.COMPLETION_TOKENS, 0L)
                .set(USAGE_RECORDS.COST_USD, BigDecimal.ZERO)
                .set(USAGE_RECORDS.OUTCOME, outcome)
                .set(USAGE_RECORDS.SETTLED_AT, OffsetDateTime.now())
                .where(USAGE_RECORDS.ID.eq(id).and(USAGE_RECORDS.STATE.eq("RESERVED")))
                .execute();
    }

    /**
     * Releases reservations left open longer than {@code age}: their ask ended without settling or
     * releasing them (the database went away in between, or the instance died), so they hold quota
     * nobody spent.
     */
    int releaseAbandoned(java.time.Duration age) {
        return db.update(USAGE_RECORDS)
                .set(USAGE_RECORDS.STATE, "RELEASED")
                .set(USAGE_RECORDS.PROMPT_TOKENS, 0L)
                .set(USAGE_RECORDS.COMPLETION_TOKENS, 0L)
                .set(USAGE_RECORDS.COST_USD, BigDecimal.ZERO)
                .set(USAGE_RECORDS.OUTCOME, "abandoned")
                .set(USAGE_RECORDS.SETTLED_AT, OffsetDateTime.now())
                .where(USAGE_RECORDS.STATE.eq("RESERVED"))
                .and(USAGE_RECORDS.CREATED_AT.lt(OffsetDateTime.now().minus(age)))
                .execute();
    }
}
