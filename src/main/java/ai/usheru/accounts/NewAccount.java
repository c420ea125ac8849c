package ai.usheru.accounts;

import java.util.Set;

import ai.usheru.quota.Quota;

/**
 * What an admin fills in to create an account. The password may be null: the person then signs in
 * by magic link. {@code clientName} names an organisation, created on first use; null means none.
 */
public record NewAccount(String email, String password, Role role, String clientName, Scope scope, Quota quota,
        Set<String> models, String defaultModel) {

    public NewAccount(String email, String password, Role role, String clientName, Scope scope, Quota quota) {
        this(email, password, role, clientName, scope, quota, Set.of(), null);
    }

    public NewAccount {
        models = models == null ? Set.of() : Set.copyOf(models);
    }
}
