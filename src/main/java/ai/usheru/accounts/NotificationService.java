package ai.usheru.accounts;

import static ai.usheru.db.Tables.USERS;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.usheru.DomainException;

/**
 * Each person's mail settings: read and changed by themselves or an admin, and switched off without
 * signing in through the unsubscribe link of a digest (RFC 8058 one-click). The link carries a random
 * token kept per user, so it unsubscribes exactly that person and can be neither guessed nor reused for
 * anything else.
 */
@Service
public class NotificationService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;
    private final Accounts accounts;
    private final CurrentAccount currentAccount;
    private final AuditTrail audit;

    NotificationService(DSLContext db, Accounts accounts, CurrentAccount currentAccount, AuditTrail audit) {
        this.db = db;
        this.accounts = accounts;
        this.currentAccount = currentAccount;
        this.audit = audit;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public NotificationSettings mine() {
        return read(me());
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional
    public NotificationSettings changeMine(NotificationSettings changes) {
        UUID me = me();
        return apply(me, read(me), changes);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public NotificationSettings of(UUID userId) {
        return read(userId);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public NotificationSettings change(UUID userId, NotificationSettings changes) {
        NotificationSettings updated = apply(userId, read(userId), changes);
        audit.record(currentAccount.principal().map(AccountPrincipal::id).orElse(null), "user.notifications", userId.toString(),
                Map.of("weeklyDigest", updated.weeklyDigest(), "timeZone", updated.timeZone()));
        return updated;
    }

    /** Everyone who gets the weekly digest: subscribed and not blocked, each with a token for the unsubscribe link. */
    @Transactional
    public List<Subscriber> subscribers() {
        var settings = db.select(USERS.ID, USERS.TIME_ZONE, USERS.UNSUBSCRIBE_TOKEN).from(USERS)
                .where(USERS.WEEKLY_DIGEST.isTrue().and(USERS.BLOCKED.isFalse()))
                .fetchMap(USERS.ID);
        return accounts.findAll().stream().filter(account -> settings.containsKey(account.id())).map(account -> {
            var row = settings.get(account.id());
            String token = row.value3() != null ? row.value3() : newToken(account.id());
            return new Subscriber(account, NotificationSettings.zone(row.value2()), token);
        }).toList();
    }

    /** Unsubscribes whoever the token belongs to; the e-mail unsubscribed, if the token is known. */
    @Transactional
    public Optional<String> unsubscribe(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return db.update(USERS).set(USERS.WEEKLY_DIGEST, false).set(USERS.UPDATED_AT, OffsetDateTime.now())
                .where(USERS.UNSUBSCRIBE_TOKEN.eq(token.strip()))
                .returning(USERS.EMAIL).fetchOptional(USERS.EMAIL);
    }

    /** The e-mail a token belongs to, for the confirmation page; changes nothing. */
    @Transactional(readOnly = true)
    public Optional<String> emailOfToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return db.select(USERS.EMAIL).from(USERS).where(USERS.UNSUBSCRIBE_TOKEN.eq(token.strip())).fetchOptional(USERS.EMAIL);
    }

    private UUID me() {
        return currentAccount.principal().map(AccountPrincipal::id)
                .orElseThrow(() -> new DomainException(DomainException.Kind.UNAUTHENTICATED, "unauthenticated", "Please sign in."));
    }

    private NotificationSettings read(UUID userId) {
        return db.select(USERS.WEEKLY_DIGEST, USERS.TIME_ZONE).from(USERS).where(USERS.ID.eq(userId))
                .fetchOptional(row -> new NotificationSettings(row.value1(), row.value2()))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "user_not_found", "There is no such user."));
    }

    private NotificationSettings apply(UUID userId, NotificationSettings current, NotificationSettings changes) {
        boolean digest = changes.weeklyDigest() == null ? current.weeklyDigest() : changes.weeklyDigest();
        String zone = changes.timeZone() == null ? current.timeZone() : NotificationSettings.zone(changes.timeZone()).getId();
        db.update(USERS).set(USERS.WEEKLY_DIGEST, digest).set(USERS.TIME_ZONE, zone).set(USERS.UPDATED_AT, OffsetDateTime.now())
                .where(USERS.ID.eq(userId)).execute();
        return new NotificationSettings(digest, zone);
    }

    private String newToken(UUID userId) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        db.update(USERS).set(USERS.UNSUBSCRIBE_TOKEN, token).where(USERS.ID.eq(userId).and(USERS.UNSUBSCRIBE_TOKEN.isNull())).execute();
        return db.select(USERS.UNSUBSCRIBE_TOKEN).from(USERS).where(USERS.ID.eq(userId)).fetchSingle(USERS.UNSUBSCRIBE_TOKEN);
    }
}
