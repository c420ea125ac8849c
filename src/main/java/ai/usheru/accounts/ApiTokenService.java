package ai.usheru.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.time.Duration;

import org.springframework.security.access.prepost.PreAuthorize;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.usheru.AppProperties;
import ai.usheru.DomainException;

/**
 * Exchanges an e-mail and password for a bearer token of the HTTP API, and resolves bearer tokens
 * back to their holder. Tokens are 256 random bits; only their SHA-256 hash is kept.
 */
@Service
public class ApiTokenService {

    private static final String PREFIX = "usk_";

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final PasswordEncoder passwordEncoder;
    private final AppProperties.Api settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Compared against when the e-mail is unknown, so a miss costs as much time as a wrong password. */
    private final String decoyHash;

    private final CurrentAccount currentAccount;

    private final SignInThrottle throttle;

    ApiTokenService(Accounts accounts, ApiTokens tokens, PasswordEncoder passwordEncoder, AppProperties properties,
            CurrentAccount currentAccount, SignInThrottle throttle) {
        this.throttle = throttle;
        this.currentAccount = currentAccount;
        this.accounts = accounts;
        this.tokens = tokens;
        this.passwordEncoder = passwordEncoder;
        this.settings = properties.api();
        this.clock = Clock.systemUTC();
        this.decoyHash = passwordEncoder.encode("decoy-password-for-unknown-users");
    }

    /** A token issued for the API, with the moment it stops working. */
    public record IssuedToken(String token, OffsetDateTime expiresAt) {}

    @Transactional
    public IssuedToken issue(String email, String password, String address) {
        var wait = throttle.retryAfter(email, address);
        if (wait.isPresent()) {
            throw new SignInThrottledException(wait.get());
        }
        var credentials = accounts.findCredentials(Emails.normalise(email == null ? "" : email));
        String hash = credentials.map(Accounts.StoredCredentials::passwordHash).orElse(null);
        boolean matches = passwordEncoder.matches(password == null ? "" : password, hash == null ? decoyHash : hash);
        if (credentials.isEmpty() || hash == null || !matches) {
            throttle.failed(email, address);
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "invalid_credentials",
                    "The e-mail or password is not correct.");
        }
        throttle.succeeded(email);
        if (credentials.get().blocked()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "user_blocked", "This account is blocked.");
        }
        String token = newToken();
        OffsetDateTime expiresAt = OffsetDateTime.now(clock).plus(settings.tokenTtl()).truncatedTo(ChronoUnit.SECONDS);
        tokens.insert(credentials.get().id(), "API sign-in", hashOf(token), expiresAt);
        return new IssuedToken(token, expiresAt);
    }

    /** A personal token as listed to its owner. */
    public record PersonalToken(UUID id, String name, OffsetDateTime createdAt, OffsetDateTime expiresAt, boolean revoked) {}

    /** Creates a personal API token for the signed-in user, valid for {@code validity}; the token is shown once. */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public IssuedToken issuePersonal(String name, Duration validity) {
        UUID userId = currentAccount.principal().orElseThrow().id();
        String label = name == null || name.isBlank() ? "Personal token" : name.strip();
        if (label.length() > 200) {
            throw DomainException.badInput("invalid_name", "A token name has at most 200 characters.");
        }
        String token = newToken();
        OffsetDateTime expiresAt = OffsetDateTime.now(clock).plus(validity).truncatedTo(ChronoUnit.SECONDS);
        tokens.insert(userId, label, hashOf(token), expiresAt);
        return new IssuedToken(token, expiresAt);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<PersonalToken> personalTokens() {
        UUID userId = currentAccount.principal().orElseThrow().id();
        return tokens.list(userId).stream()
                .map(token -> new PersonalToken(token.id(), token.name(), token.createdAt(), token.expiresAt(), token.revokedAt() != null))
                .toList();
    }

    @Transactional
    @PreAuthorize("isAuthenticated()")
    public void revoke(UUID tokenId) {
        if (!tokens.revoke(currentAccount.principal().orElseThrow().id(), tokenId)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "token_not_found", "There is no such active token.");
        }
    }

    /** The holder of a bearer token, if it is live; blocked holders come back with a locked account. */
    @Transactional(readOnly = true)
    public Optional<AccountPrincipal> holderOf(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return tokens.findHolder(hashOf(token), OffsetDateTime.now(clock));
    }

    private String newToken() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String hashOf(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
