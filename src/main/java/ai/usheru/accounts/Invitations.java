package ai.usheru.accounts;

import static ai.usheru.db.Tables.CLIENTS;
import static ai.usheru.db.Tables.INVITATIONS;
import static ai.usheru.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.db.tables.records.InvitationsRecord;
import ai.usheru.quota.Quota;

/**
 * The invitations table. An invitation is found by the SHA-256 hash of its link's token; the token
 * itself is never stored. Scope, quota and model rights are kept together as one JSON document.
 */
@Repository
class Invitations {

    /** The inviting admin's e-mail, named apart from the invitee's. */
    private static final Field<String> INVITED_BY_EMAIL = USERS.EMAIL.as("invited_by_email");

    private final DSLContext db;
    private final JsonMapper json;

    Invitations(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** What the grants column holds. */
    record Grants(Set<String> datamarts, Set<String> regions, Quota quota, Set<String> models, String defaultModel) {}

    UUID insert(NewInvitation terms, UUID clientId, UUID invitedBy, String tokenHash, OffsetDateTime expiresAt) {
        UUID id = UUID.randomUUID();
        var grants = new Grants(terms.scope().datamarts(), terms.scope().regions(), terms.quota(), terms.models(),
                terms.defaultModel());
        db.insertInto(INVITATIONS)
                .set(INVITATIONS.ID, id)
                .set(INVITATIONS.EMAIL, terms.email())
                .set(INVITATIONS.ROLE, terms.role().name())
                .set(INVITATIONS.CLIENT_ID, clientId)
                .set(INVITATIONS.INVITED_BY, invitedBy)
                .set(INVITATIONS.TOKEN_HASH, tokenHash)
                .set(INVITATIONS.EXPIRES_AT, expiresAt)
                .set(INVITATIONS.GRANTS, JSONB.valueOf(json.writeValueAsString(grants)))
                .execute();
        return id;
    }

    Optional<Invitation> findById(UUID id, OffsetDateTime now) {
        return withNames().where(INVITATIONS.ID.eq(id)).fetchOptional(row -> toInvitation(row, now));
    }

    /** The invitation of a link, locked until the transaction ends so it is accepted once however many try at once. */
    Optional<Invitation> lockByTokenHash(String tokenHash, OffsetDateTime now) {
        return withNames().where(INVITATIONS.TOKEN_HASH.eq(tokenHash)).forUpdate().of(INVITATIONS)
                .fetchOptional(row -> toInvitation(row, now));
    }

    Optional<Invitation> findByTokenHash(String tokenHash, OffsetDateTime now) {
        return withNames().where(INVITATIONS.TOKEN_HASH.eq(tokenHash)).fetchOptional(row -> toInvitation(row, now));
    }

    /** Invitations neither accepted nor revoked, pending or expired, newest first. */
    List<Invitation> findOpen(OffsetDateTime now) {
        return withNames().where(isOpen())
                .orderBy(INVITATIONS.CREATED_AT.desc(), INVITATIONS.EMAIL)
                .fetch(row -> toInvitation(row, now));
    }

    Optional<Invitation> findOpenByEmail(String normalisedEmail, OffsetDateTime now) {
        return withNames().where(INVITATIONS.EMAIL.eq(normalisedEmail).and(isOpen()))
                .fetchOptional(row -> toInvitation(row, now));
    }

    /** A new link for an open invitation: the old token's hash is overwritten, so the old link stops working. */
    void replaceToken(UUID id, String tokenHash, OffsetDateTime expiresAt) {
        db.update(INVITATIONS)
                .set(INVITATIONS.TOKEN_HASH, tokenHash)
                .set(INVITATIONS.EXPIRES_AT, expiresAt)
                .where(INVITATIONS.ID.eq(id).and(isOpen()))
                .execute();
    }

    void markAccepted(UUID id, OffsetDateTime now) {
        db.update(INVITATIONS).set(INVITATIONS.ACCEPTED_AT, now).where(INVITATIONS.ID.eq(id)).execute();
    }

    /** Revokes an open invitation; one accepted meanwhile stays accepted. */
    void markRevoked(UUID id, OffsetDateTime now) {
        db.update(INVITATIONS).set(INVITATIONS.REVOKED_AT, now).where(INVITATIONS.ID.eq(id).and(isOpen())).execute();
    }

    private static Condition isOpen() {
        return INVITATIONS.ACCEPTED_AT.isNull().and(INVITATIONS.REVOKED_AT.isNull());
    }

    private SelectOnConditionStep<Record> withNames() {
        return db.select(INVITATIONS.fields()).select(CLIENTS.NAME, INVITED_BY_EMAIL)
                .from(INVITATIONS)
                .leftJoin(CLIENTS).on(CLIENTS.ID.eq(INVITATIONS.CLIENT_ID))
                .leftJoin(USERS).on(USERS.ID.eq(INVITATIONS.INVITED_BY));
    }

    private Invitation toInvitation(Record row, OffsetDateTime now) {
        InvitationsRecord invitation = row.into(INVITATIONS);
        Grants grants = json.readValue(invitation.getGrants().data(), Grants.class);
        var terms = new NewInvitation(invitation.getEmail(), Role.valueOf(invitation.getRole()), row.get(CLIENTS.NAME),
                new Scope(grants.datamarts(), grants.regions()), grants.quota() == null ? Quota.UNLIMITED : grants.quota(),
                grants.models(), grants.defaultModel());
        return new Invitation(invitation.getId(), terms, invitation.getInvitedBy(), row.get(INVITED_BY_EMAIL),
                invitation.getCreatedAt(), invitation.getExpiresAt(), statusOf(invitation, now));
    }

    private static Invitation.Status statusOf(InvitationsRecord invitation, OffsetDateTime now) {
        if (invitation.getAcceptedAt() != null) {
            return Invitation.Status.ACCEPTED;
        }
        if (invitation.getRevokedAt() != null) {
            return Invitation.Status.REVOKED;
        }
        return invitation.getExpiresAt().isAfter(now) ? Invitation.Status.PENDING : Invitation.Status.EXPIRED;
    }
}
