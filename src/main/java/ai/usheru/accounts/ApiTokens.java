package ai.usheru.accounts;

import static ai.usheru.db.Tables.API_TOKENS;
import static ai.usheru.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The api_tokens table. Tokens are found by their SHA-256 hash; the token itself is never stored. */
@Repository
class ApiTokens {

    private final DSLContext db;

    ApiTokens(DSLContext db) {
        this.db = db;
    }

    void insert(UUID userId, String name, String tokenHash, OffsetDateTime expiresAt) {
        db.insertInto(API_TOKENS)
                .set(API_TOKENS.ID, UUID.randomUUID())
                .set(API_TOKENS.USER_ID, userId)
                .set(API_TOKENS.NAME, name)
                .set(API_TOKENS.TOKEN_HASH, tokenHash)
                .set(API_TOKENS.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** A token as its owner sees it: never the token itself. */
    record Listed(UUID id, String name, OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt) {}

    java.util.List<Listed> list(UUID userId) {
        return db.selectFrom(API_TOKENS).where(API_TOKENS.USER_ID.eq(userId)).orderBy(API_TOKENS.CREATED_AT.desc())
                .fetch(row -> new Listed(row.getId(), row.getName(), row.getCreatedAt(), row.getExpiresAt(), row.getRevokedAt()));
    }

    boolean revoke(UUID userId, UUID tokenId) {
        return db.update(API_TOKENS).set(API_TOKENS.REVOKED_AT, OffsetDateTime.now())
                .where(API_TOKENS.ID.eq(tokenId).and(API_TOKENS.USER_ID.eq(userId)).and(API_TOKENS.REVOKED_AT.isNull()))
                .execute() == 1;
    }

    /** The holder of a live token: not revoked, not expired. Blocked holders are returned, locked. */
    Optional<AccountPrincipal> findHolder(String tokenHash, OffsetDateTime now) {
        return db.select(USERS.ID, USERS.EMAIL, USERS.ROLE, USERS.BLOCKED)
                .from(API_TOKENS).join(USERS).on(USERS.ID.eq(API_TOKENS.USER_ID))
                .where(API_TOKENS.TOKEN_HASH.eq(tokenHash))
                .and(API_TOKENS.REVOKED_AT.isNull())
                .and(API_TOKENS.EXPIRES_AT.isNull().or(API_TOKENS.EXPIRES_AT.gt(now)))
                .fetchOptional(row -> new AccountPrincipal(row.value1(), row.value2(), Role.valueOf(row.value3()),
                        row.value4(), null));
    }
}
