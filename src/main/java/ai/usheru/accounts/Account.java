package ai.usheru.accounts;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.usheru.quota.Quota;

/** A person who can sign in, with the organisation, scope and quota an admin gave them. */
public record Account(
        UUID id,
        String email,
        String displayName,
        Role role,
        boolean blocked,
        UUID clientId,
        String clientName,
        Scope scope,
        Quota quota,
        OffsetDateTime createdAt) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
