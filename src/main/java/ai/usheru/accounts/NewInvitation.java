package ai.usheru.accounts;

import java.util.Set;

import ai.usheru.quota.Quota;

/**
 * What an admin fills in to invite someone: everything of a {@link NewAccount} but the password, which
 * the invitee chooses on accepting (or leaves out to sign in by magic link).
 */
public record NewInvitation(String email, Role role, String clientName, Scope scope, Quota quota, Set<String> models,
        String defaultModel) {

    public NewInvitation {
        models = models == null ? Set.of() : Set.copyOf(models);
    }

    /** The account this invitation describes, with the password its invitee chose (null: magic link only). */
    NewAccount toAccount(String password) {
        return new NewAccount(email, password, role, clientName, scope, quota, models, defaultModel);
    }

    static NewInvitation of(NewAccount account) {
        return new NewInvitation(account.email(), account.role(), account.clientName(), account.scope(), account.quota(),
                account.models(), account.defaultModel());
    }
}
