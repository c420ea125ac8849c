package ai.usheru.accounts;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Looks people up by e-mail for password and magic-link sign-in; blocked accounts come back locked. */
@Service
class AccountDetailsService implements UserDetailsService {

    private final Accounts accounts;

    AccountDetailsService(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return accounts.findCredentials(Emails.normalise(email))
                .map(user -> new AccountPrincipal(user.id(), user.email(), user.role(), user.blocked(), user.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("No account for this e-mail"));
    }
}
