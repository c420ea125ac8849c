package ai.usheru.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.accounts.AccountPrincipal;
import ai.usheru.accounts.ApiCaller;
import ai.usheru.accounts.ApiTokenService;

/**
 * Authenticates API calls by their {@code Authorization: Bearer} token. An unknown or expired token
 * is answered 401 and a blocked holder 403 here, before any controller runs; a call without a token
 * goes on anonymously and meets the authorization rules.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokenService tokens;
    private final JsonMapper json;
    private final SecurityContextHolderStrategy securityContexts;

    BearerTokenFilter(ApiTokenService tokens, JsonMapper json, SecurityContextHolderStrategy securityContexts) {
        this.tokens = tokens;
        this.json = json;
        this.securityContexts = securityContexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        java.util.Optional<AccountPrincipal> holder;
        try {
            holder = tokens.holderOf(header.substring(BEARER.length()).strip());
        } catch (RuntimeException e) {
            if (!ApiErrors.databaseLost(e)) {
                throw e;
            }
            ApiErrors.writeDatabaseUnavailable(response, json);
            return;
        }
        if (holder.isEmpty()) {
            ApiErrors.write(response, json, HttpStatus.UNAUTHORIZED,
                    new ApiError("invalid_token", "The bearer token is unknown or has expired."));
            return;
        }
        AccountPrincipal principal = holder.get();
        ApiCaller.set(request, principal.id());
        if (!principal.isAccountNonLocked()) {
            ApiErrors.write(response, json, HttpStatus.FORBIDDEN, new ApiError("user_blocked", "This account is blocked."));
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
        var context = securityContexts.createEmptyContext();
        context.setAuthentication(authentication);
        securityContexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            securityContexts.clearContext();
        }
    }
}
