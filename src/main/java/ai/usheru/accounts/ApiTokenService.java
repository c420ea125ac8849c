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
import java.util.Optional;

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

    ApiTokenService(Accounts accounts, ApiTokens tokens, PasswordEncoder passwordEncoder, AppProperties properties) {
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
    public IssuedToken issue(String email, String password) {
        var credentials = accounts.findCredentials(Emails.normalise(email));
        String hash = credentials.map(Accounts.StoredCredentials::passwordHash).orElse(null);
        boolean matches = passwordEncoder.matches(password == null ? "" : password, hash == null ? decoyHash : hash);
        if (credentials.isEmpty() || hash == null || !matches) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "invalid_credentials",
                    "The e-mail or password is not correct.");
        }
        if (credentials.get().blocked()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "user_blocked", "This account is blocked.");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        OffsetDateTime expiresAt = OffsetDateTime.now(clock).plus(settings.tokenTtl()).truncatedTo(ChronoUnit.SECONDS);
        tokens.insert(credentials.get().id(), "API sign-in", hashOf(token), expiresAt);
        return new IssuedToken(token, expiresAt);
    }

    /** The holder of a bearer token, if it is live; blocked holders come back with a locked account. */
    @Transactional(readOnly = true)
    public Optional<AccountPrincipal> holderOf(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return tokens.findHolder(hashOf(token), OffsetDateTime.now(clock));
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
