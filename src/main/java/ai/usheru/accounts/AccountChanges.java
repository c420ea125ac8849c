package ai.usheru.accounts;

import java.util.Set;

import ai.usheru.quota.Quota;

/**
 * What an admin changes of an existing account; a null field stays as it is. A blank
 * {@code clientName} takes the person out of their organisation; {@code models} replaces their model
 * rights (empty: the default model only), with {@code defaultModel} one of them.
 */
public record AccountChanges(Role role, String clientName, Scope scope, Quota quota, Set<String> models, String defaultModel) {

    public AccountChanges {
        models = models == null ? null : Set.copyOf(models);
    }
}
