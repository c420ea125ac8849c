package ai.usheru.accounts;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An invitation to join, with the account it will create ({@code terms}), who sent it and where it
 * stands. Its link is never part of it: only the link's hash is stored.
 *
 * @param invitedBy the e-mail of the admin who sent it; null when that account is gone
 */
public record Invitation(UUID id, NewInvitation terms, UUID invitedById, String invitedBy, OffsetDateTime createdAt,
        OffsetDateTime expiresAt, Status status) {

    /** Where an invitation stands; only a pending one can be accepted. */
    public enum Status { PENDING, EXPIRED, ACCEPTED, REVOKED }

    public String email() {
        return terms.email();
    }

    /** Pending or expired: it can still be resent or revoked. */
    public boolean isOpen() {
        return status == Status.PENDING || status == Status.EXPIRED;
    }
}
