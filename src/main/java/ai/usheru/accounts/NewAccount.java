package ai.usheru.accounts;

import ai.usheru.quota.Quota;

/**
 * What an admin fills in to create an account. The password may be null: the person then signs in
 * by magic link. {@code clientName} names an organisation, created on first use; null means none.
 */
public record NewAccount(String email, String password, Role role, String clientName, Scope scope, Quota quota) {}
