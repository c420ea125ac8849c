package ai.usheru.support;

import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountService;

/** Creates test accounts through the real {@link AccountService}, acting as the first admin. */
@Component
public class TestUsers {

    private final AccountService accounts;
    private final UserDetailsService userDetails;
    private final SecurityContextHolderStrategy securityContexts;

    TestUsers(AccountService accounts, UserDetailsService userDetails, SecurityContextHolderStrategy securityContexts) {
        this.accounts = accounts;
        this.userDetails = userDetails;
        this.securityContexts = securityContexts;
    }

    public Account create(UserBuilder user) {
        return asAdmin(() -> {
            Account account = accounts.create(user.build());
            if (user.isBlocked()) {
                accounts.setBlocked(account.id(), true);
            }
            return account;
        });
    }

    /** Signs this account in on the current thread, as Spring Security does after a successful sign-in. */
    public UserDetails signIn(String email) {
        UserDetails principal = userDetails.loadUserByUsername(email);
        var context = securityContexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        securityContexts.setContext(context);
        return principal;
    }

    public void signOut() {
        securityContexts.clearContext();
    }

    /** The signed-in principal of an account, as Spring Security would hold it after sign-in. */
    public UserDetails principalOf(String email) {
        return userDetails.loadUserByUsername(email);
    }

    public <T> T asAdmin(Supplier<T> work) {
        var previous = securityContexts.getContext();
        UserDetails admin = userDetails.loadUserByUsername(IntegrationTest.ADMIN_EMAIL);
        var context = securityContexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(admin, null, admin.getAuthorities()));
        securityContexts.setContext(context);
        try {
            return work.get();
        } finally {
            securityContexts.setContext(previous);
        }
    }
}
