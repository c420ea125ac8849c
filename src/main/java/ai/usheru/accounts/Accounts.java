package ai.usheru.accounts;

import static ai.usheru.db.Tables.CLIENTS;
import static ai.usheru.db.Tables.USERS;
import static ai.usheru.db.Tables.USER_DATAMARTS;
import static ai.usheru.db.Tables.USER_REGIONS;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

import ai.usheru.db.tables.records.UsersRecord;
import ai.usheru.quota.Quota;
import ai.usheru.quota.Quotas;

/** Users with their organisation, scope and quota, over the users, clients and scope tables. */
@Repository
class Accounts {

    private final DSLContext db;
    private final Quotas quotas;

    Accounts(DSLContext db, Quotas quotas) {
        this.db = db;
        this.quotas = quotas;
    }

    boolean existsByEmail(String normalisedEmail) {
        return db.fetchExists(USERS, USERS.EMAIL.eq(normalisedEmail));
    }

    boolean existsAdmin() {
        return db.fetchExists(USERS, USERS.ROLE.eq(Role.ADMIN.name()));
    }

    Optional<StoredCredentials> findCredentials(String normalisedEmail) {
        return db.selectFrom(USERS)
                .where(USERS.EMAIL.eq(normalisedEmail))
                .fetchOptional(row -> new StoredCredentials(row.getId(), row.getEmail(), row.getPasswordHash(),
                        Role.valueOf(row.getRole()), row.getBlocked()));
    }

    /** One account with its scope, read in one query (the quota in a second): every ask reads the asker. */
    Optional<Account> findById(UUID id) {
        var regions = DSL.array(DSL.select(USER_REGIONS.REGION_CODE).from(USER_REGIONS).where(USER_REGIONS.USER_ID.eq(USERS.ID)))
                .as("scope_regions");
        var datamarts = DSL.array(DSL.select(USER_DATAMARTS.DATAMART_CODE).from(USER_DATAMARTS)
                .where(USER_DATAMARTS.USER_ID.eq(USERS.ID))).as("scope_datamarts");
        return db.select(USERS.fields()).select(CLIENTS.NAME, regions, datamarts)
                .from(USERS).leftJoin(CLIENTS).on(CLIENTS.ID.eq(USERS.CLIENT_ID))
                .where(USERS.ID.eq(id))
                .fetchOptional()
                .map(row -> toAccount(row, new Scope(new HashSet<>(Arrays.asList(row.get(datamarts))),
                        new HashSet<>(Arrays.asList(row.get(regions)))), quotas.find(id)));
    }

    /** Every account, newest first, with scopes read in two queries rather than one per user. */
    List<Account> findAll() {
        Map<UUID, Set<String>> regions = new HashMap<>();
        db.selectFrom(USER_REGIONS).forEach(row ->
                regions.computeIfAbsent(row.getUserId(), id -> new HashSet<>()).add(row.getRegionCode()));
        Map<UUID, Set<String>> datamarts = new HashMap<>();
        db.selectFrom(USER_DATAMARTS).forEach(row ->
                datamarts.computeIfAbsent(row.getUserId(), id -> new HashSet<>()).add(row.getDatamartCode()));
        return db.select(USERS.fields()).select(CLIENTS.NAME)
                .from(USERS).leftJoin(CLIENTS).on(CLIENTS.ID.eq(USERS.CLIENT_ID))
                .orderBy(USERS.CREATED_AT.desc(), USERS.EMAIL)
                .fetch(row -> {
                    UUID id = row.get(USERS.ID);
                    var scope = new Scope(datamarts.get(id), regions.get(id));
                    return toAccount(row, scope, quotas.find(id));
                });
    }

    UUID insert(String normalisedEmail, String passwordHash, Role role, UUID clientId) {
        UUID id = UUID.randomUUID();
        db.insertInto(USERS)
                .set(USERS.ID, id)
                .set(USERS.EMAIL, normalisedEmail)
                .set(USERS.PASSWORD_HASH, passwordHash)
                .set(USERS.ROLE, role.name())
                .set(USERS.CLIENT_ID, clientId)
                .execute();
        return id;
    }

    void replaceScope(UUID userId, Scope scope) {
        db.deleteFrom(USER_REGIONS).where(USER_REGIONS.USER_ID.eq(userId)).execute();
        db.deleteFrom(USER_DATAMARTS).where(USER_DATAMARTS.USER_ID.eq(userId)).execute();
        for (String region : scope.regions()) {
            db.insertInto(USER_REGIONS).set(USER_REGIONS.USER_ID, userId).set(USER_REGIONS.REGION_CODE, region).execute();
        }
        for (String datamart : scope.datamarts()) {
            db.insertInto(USER_DATAMARTS)
                    .set(USER_DATAMARTS.USER_ID, userId)
                    .set(USER_DATAMARTS.DATAMART_CODE, datamart)
                    .execute();
        }
    }

    Scope scopeOf(UUID userId) {
        Set<String> regions = new HashSet<>(db.select(USER_REGIONS.REGION_CODE).from(USER_REGIONS)
                .where(USER_REGIONS.USER_ID.eq(userId)).fetch(USER_REGIONS.REGION_CODE));
        Set<String> datamarts = new HashSet<>(db.select(USER_DATAMARTS.DATAMART_CODE).from(USER_DATAMARTS)
                .where(USER_DATAMARTS.USER_ID.eq(userId)).fetch(USER_DATAMARTS.DATAMART_CODE));
        return new Scope(datamarts, regions);
    }

    void setBlocked(UUID userId, boolean blocked) {
        db.update(USERS)
                .set(USERS.BLOCKED, blocked)
                .set(USERS.UPDATED_AT, OffsetDateTime.now())
                .where(USERS.ID.eq(userId))
                .execute();
    }

    void setRoleAndClient(UUID userId, Role role, UUID clientId) {
        db.update(USERS)
                .set(USERS.ROLE, role.name())
                .set(USERS.CLIENT_ID, clientId)
                .set(USERS.UPDATED_AT, OffsetDateTime.now())
                .where(USERS.ID.eq(userId))
                .execute();
    }

    void setPasswordHash(UUID userId, String passwordHash) {
        db.update(USERS)
                .set(USERS.PASSWORD_HASH, passwordHash)
                .set(USERS.UPDATED_AT, OffsetDateTime.now())
                .where(USERS.ID.eq(userId))
                .execute();
    }

    /** The id of the organisation with this name, created if it does not exist yet. */
    UUID clientNamed(String name) {
        db.insertInto(CLIENTS)
                .set(CLIENTS.ID, UUID.randomUUID())
                .set(CLIENTS.NAME, name)
                .onConflict(CLIENTS.NAME)
                .doNothing()
                .execute();
        return db.select(CLIENTS.ID).from(CLIENTS).where(CLIENTS.NAME.eq(name)).fetchSingle(CLIENTS.ID);
    }

    List<String> clientNames() {
        return db.select(CLIENTS.NAME).from(CLIENTS).orderBy(CLIENTS.NAME).fetch(CLIENTS.NAME);
    }

    private static Account toAccount(Record row, Scope scope, Quota quota) {
        UsersRecord user = row.into(USERS);
        return new Account(user.getId(), user.getEmail(), user.getDisplayName(), Role.valueOf(user.getRole()),
                user.getBlocked(), user.getClientId(), row.get(CLIENTS.NAME), scope, quota, user.getCreatedAt());
    }

    /** What sign-in needs to know about a user. */
    record StoredCredentials(UUID id, String email, String passwordHash, Role role, boolean blocked) {}
}
