package ai.usheru.quota;

import static ai.usheru.db.Tables.QUOTAS;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The quotas table: one row of limits per user, absent when the user is unlimited. */
@Repository
public class Quotas {

    private final DSLContext db;

    Quotas(DSLContext db) {
        this.db = db;
    }

    public Quota find(UUID userId) {
        return db.selectFrom(QUOTAS)
                .where(QUOTAS.USER_ID.eq(userId))
                .fetchOptional(row -> new Quota(row.getQueriesPerDay(), row.getQueriesPerMonth(), row.getTokensPerDay(),
                        row.getTokensPerMonth(), row.getUsdPerMonth()))
                .orElse(Quota.UNLIMITED);
    }

    public void save(UUID userId, Quota quota) {
        if (quota.isUnlimited()) {
            db.deleteFrom(QUOTAS).where(QUOTAS.USER_ID.eq(userId)).execute();
            return;
        }
        db.insertInto(QUOTAS)
                .set(QUOTAS.USER_ID, userId)
                .set(QUOTAS.QUERIES_PER_DAY, quota.queriesPerDay())
                .set(QUOTAS.QUERIES_PER_MONTH, quota.queriesPerMonth())
                .set(QUOTAS.TOKENS_PER_DAY, quota.tokensPerDay())
                .set(QUOTAS.TOKENS_PER_MONTH, quota.tokensPerMonth())
                .set(QUOTAS.USD_PER_MONTH, quota.usdPerMonth())
                .onConflict(QUOTAS.USER_ID)
                .doUpdate()
                .set(QUOTAS.QUERIES_PER_DAY, quota.queriesPerDay())
                .set(QUOTAS.QUERIES_PER_MONTH, quota.queriesPerMonth())
                .set(QUOTAS.TOKENS_PER_DAY, quota.tokensPerDay())
                .set(QUOTAS.TOKENS_PER_MONTH, quota.tokensPerMonth())
                .set(QUOTAS.USD_PER_MONTH, quota.usdPerMonth())
                .set(QUOTAS.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }
}
