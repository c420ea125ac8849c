package ai.usheru.accounts;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * The person behind the current request, whether it came through the UI or the API. It reads the
 * application's own {@link SecurityContextHolderStrategy} (Vaadin-aware), never the static holder.
 */
@Component
public class CurrentAccount {

    private final SecurityContextHolderStrategy securityContexts;

    CurrentAccount(SecurityContextHolderStrategy securityContexts) {
        this.securityContexts = securityContexts;
    }

    public Optional<AccountPrincipal> principal() {
        Authentication authentication = securityContexts.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal principal) {
            return Optional.of(principal);
        }
        return Optional.empty();
    }
}
