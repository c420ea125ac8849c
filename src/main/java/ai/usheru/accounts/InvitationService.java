package ai.usheru.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

import ai.usheru.AppProperties;
import ai.usheru.DomainException;
import ai.usheru.mail.Mailer;

/**
 * Invitations to join: an admin invites an e-mail with the role, client, scope, quota and models the
 * account will have; the invitee accepts through a mailed one-time link, valid for seven days, and the
 * account is created exactly as the invitation said. An e-mail has at most one open invitation: inviting
 * it again while one is pending is refused ({@code already_invited}: resend or revoke it instead), while
 * an expired one is replaced by the new one. Links are 256 random bits of which only the hash is kept;
 * resending makes a new link and the old one stops working.
 */
@Service
public class InvitationService {

    static final Duration VALIDITY = Duration.ofDays(7);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final Invitations invitations;
    private final Accounts accounts;
    private final AccountService accountService;
    private final MagicLinks magicLinks;
    private final Mailer mailer;
    private final AuditTrail audit;
    private final CurrentAccount currentAccount;
    private final String baseUrl;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    InvitationService(Invitations invitations, Accounts accounts, AccountService accountService, MagicLinks magicLinks,
            Mailer mailer, AuditTrail audit, CurrentAccount currentAccount, AppProperties properties) {
        this.invitations = invitations;
        this.accounts = accounts;
        this.accountService = accountService;
        this.magicLinks = magicLinks;
        this.mailer = mailer;
        this.audit = audit;
        this.currentAccount = currentAccount;
        this.baseUrl = properties.baseUrl();
    }

    /**
     * Checks the invitation as creating the account would ({@code email_taken}, {@code unknown_region} ...),
     * so the admin hears of a refusal now, not the invitee later, then stores it and mails the link.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Invitation invite(NewInvitation request) {
        NewInvitation terms = NewInvitation.of(accountService.validated(request.toAccount(null)));
        OffsetDateTime now = now();
        var open = invitations.findOpenByEmail(terms.email(), now);
        if (open.isPresent() && open.get().status() == Invitation.Status.PENDING) {
            throw alreadyInvited(open.get());
        }
        open.ifPresent(expired -> invitations.markRevoked(expired.id(), now));
        UUID clientId = terms.clientName() == null ? null : accounts.clientNamed(terms.clientName());
        UUID actor = actorId();
        String token = newToken();
        UUID id;
        try {
            id = invitations.insert(terms, clientId, actor, ApiTokenService.hashOf(token), now.plus(VALIDITY));
        } catch (DuplicateKeyException e) {
            throw alreadyInvited(null);
        }
        Invitation invitation = invitations.findById(id, now).orElseThrow();
        mail(invitation, token);
        var details = new LinkedHashMap<String, Object>();
        details.put("role", terms.role().name());
        details.put("client", terms.clientName());
        details.put("regions", terms.scope().regions());
        details.put("datamarts", terms.scope().datamarts());
        details.put("quota", terms.quota());
        details.put("models", terms.models());
        audit.record(actor, "invitation.sent", terms.email(), details);
        return invitation;
    }

    /** Invitations neither accepted nor revoked: pending ones and those that expired unused, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<Invitation> open() {
        return invitations.findOpen(now());
    }

    /** Mails a new link valid for another seven days; the link sent before stops working. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Invitation resend(UUID invitationId) {
        Invitation invitation = existing(invitationId);
        requireOpen(invitation);
        if (accounts.existsByEmail(invitation.email())) {
            throw AccountService.emailTaken(invitation.email());
        }
        OffsetDateTime now = now();
        String token = newToken();
        invitations.replaceToken(invitation.id(), ApiTokenService.hashOf(token), now.plus(VALIDITY));
        Invitation resent = invitations.findById(invitation.id(), now).orElseThrow();
        mail(resent, token);
        audit.record(actorId(), "invitation.resent", invitation.email(), Map.of());
        return resent;
    }

    /** Withdraws an invitation: its link stops working. Revoking one twice changes nothing. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void revoke(UUID invitationId) {
        Invitation invitation = existing(invitationId);
        if (invitation.status() == Invitation.Status.REVOKED) {
            return;
        }
        requireOpen(invitation);
        invitations.markRevoked(invitation.id(), now());
        audit.record(actorId(), "invitation.revoked", invitation.email(), Map.of());
    }

    /**
     * The pending invitation a link carries, for the page that accepts it, or the refusal accepting it
     * would meet (unknown link, expired, used, revoked). Anyone holding the link may ask.
     */
    @Transactional(readOnly = true)
    public Invitation pending(String token) {
        return acceptable(token == null || token.isBlank() ? Optional.empty()
                : invitations.findByTokenHash(ApiTokenService.hashOf(token), now()));
    }

    /**
     * Accepts an invitation with the password its invitee chose (refused as for any new account when
     * shorter than eight characters) and creates the account as the invitation said.
     */
    @Transactional
    public Account acceptWithPassword(String token, String password) {
        if (password == null || password.isEmpty()) {
            throw DomainException.badInput("weak_password",
                    "Choose a password of at least " + AccountService.MIN_PASSWORD_LENGTH + " characters.");
        }
        return accept(token, password);
    }

    /** Accepts an invitation without a password: the account signs in by e-mailed link, and the first one is sent now. */
    @Transactional
    public Account acceptWithSignInLink(String token) {
        Account account = accept(token, null);
        magicLinks.send(account.email());
        return account;
    }

    private Account accept(String token, String password) {
        Invitation invitation = acceptable(token == null || token.isBlank() ? Optional.empty()
                : invitations.lockByTokenHash(ApiTokenService.hashOf(token), now()));
        Account account = accountService.createInvited(invitation.terms().toAccount(password), invitation.invitedById());
        invitations.markAccepted(invitation.id(), now());
        audit.record(account.id(), "invitation.accepted", account.email(), Map.of("invitation", invitation.id()));
        return account;
    }

    /** The invitation if it can be accepted now, else the refusal with what the invitee can do instead. */
    private static Invitation acceptable(Optional<Invitation> found) {
        Invitation invitation = found.orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                "invitation_not_found",
                "This invitation link is not valid. A newer one may have been sent: open the link in the latest mail."));
        if (invitation.status() == Invitation.Status.EXPIRED) {
            throw new DomainException(DomainException.Kind.CONFLICT, "invitation_expired",
                    "This invitation expired on " + invitation.expiresAt().format(DAY)
                            + ". Ask the person who invited you to send it again.");
        }
        requireOpen(invitation);
        return invitation;
    }

    private Invitation existing(UUID invitationId) {
        return invitations.findById(invitationId, now())
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "invitation_not_found",
                        "There is no such invitation."));
    }

    /** Refuses an invitation that was accepted or revoked, with what the person can do instead. */
    private static void requireOpen(Invitation invitation) {
        switch (invitation.status()) {
            case ACCEPTED -> throw new DomainException(DomainException.Kind.CONFLICT, "invitation_used",
                    "This invitation has been accepted already: " + invitation.email() + " can sign in.");
            case REVOKED -> throw new DomainException(DomainException.Kind.CONFLICT, "invitation_revoked",
                    "This invitation was withdrawn. Ask the person who invited you for a new one.");
            case PENDING, EXPIRED -> { }
        }
    }

    private void mail(Invitation invitation, String token) {
        String link = UriComponentsBuilder.fromUriString(baseUrl).path("/invitation")
                .queryParam("token", token).build().toUriString();
        String inviter = invitation.invitedBy() == null ? "An administrator" : invitation.invitedBy();
        mailer.send(invitation.email(), "You are invited to usheru AI", """
                Hello,

                %s invited you to usheru AI, conversational analytics for the film business.

                Open this link to accept: choose a password, or sign in by e-mailed link instead. It works once
                and expires on %s:

                %s

                If you did not expect this invitation, you can ignore this mail.
                """.formatted(inviter, invitation.expiresAt().format(DAY), link));
    }

    private String newToken() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private UUID actorId() {
        return currentAccount.principal().map(AccountPrincipal::id).orElse(null);
    }

    private static DomainException alreadyInvited(Invitation pending) {
        String until = pending == null ? "" : " (valid until " + pending.expiresAt().format(DAY) + ")";
        return new DomainException(DomainException.Kind.CONFLICT, "already_invited",
                "This person has a pending invitation already" + until + ". Resend or revoke it instead.");
    }
}
