package ai.usheru.accounts;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.usheru.DomainException;
import ai.usheru.llm.LlmModels;
import ai.usheru.quota.DefaultQuota;
import ai.usheru.quota.Quota;
import ai.usheru.quota.Quotas;

/**
 * The admin's use cases on accounts: create, change, list, block. The same validation serves the admin
 * console and the API, and every change is written to the audit log in its own transaction.
 */
@Service
public class AccountService {

    static final int MIN_PASSWORD_LENGTH = 8;

    private final Accounts accounts;
    private final Catalogue catalogue;
    private final Quotas quotas;
    private final AuditTrail audit;
    private final PasswordEncoder passwordEncoder;
    private final CurrentAccount currentAccount;
    private final LlmModels llmModels;
    private final DefaultQuota defaultQuota;

    AccountService(Accounts accounts, Catalogue catalogue, Quotas quotas, AuditTrail audit, PasswordEncoder passwordEncoder,
            CurrentAccount currentAccount, LlmModels llmModels, DefaultQuota defaultQuota) {
        this.defaultQuota = defaultQuota;
        this.llmModels = llmModels;
        this.currentAccount = currentAccount;
        this.accounts = accounts;
        this.catalogue = catalogue;
        this.quotas = quotas;
        this.audit = audit;
        this.passwordEncoder = passwordEncoder;
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Account create(NewAccount request) {
        return createAccount(request, actorId());
    }

    /** The signed-in admin making a change; null for the application itself (the first admin at start-up). */
    private UUID actorId() {
        return currentAccount.principal().map(AccountPrincipal::id).orElse(null);
    }

    private Account existing(UUID userId) {
        return accounts.findById(userId)
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "user_not_found", "There is no such user."));
    }

    /**
     * Changes an account's role, client, scope, quota and model rights (fields left null stay). Admins
     * cannot take their own admin role away, so the console always keeps one.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Account update(UUID userId, AccountChanges changes) {
        Account account = existing(userId);
        UUID actor = actorId();
        var details = new LinkedHashMap<String, Object>();
        Role role = changes.role() == null ? account.role() : changes.role();
        if (account.id().equals(actor) && account.isAdmin() && role != Role.ADMIN) {
            throw DomainException.badInput("cannot_demote_self", "You cannot take away your own admin role.");
        }
        UUID clientId = account.clientId();
        if (changes.clientName() != null) {
            String clientName = changes.clientName().strip();
            clientId = clientName.isEmpty() ? null : accounts.clientNamed(clientName);
            details.put("client", clientName.isEmpty() ? null : clientName);
        }
        if (role != account.role()) {
            details.put("role", role.name());
        }
        accounts.setRoleAndClient(userId, role, clientId);
        if (changes.scope() != null) {
            Scope scope = validScope(changes.scope());
            accounts.replaceScope(userId, scope);
            details.put("regions", scope.regions());
            details.put("datamarts", scope.datamarts());
        }
        if (changes.quota() != null) {
            if (!changes.quota().isValid()) {
                throw DomainException.badInput("invalid_quota", "Quota limits cannot be negative.");
            }
            quotas.save(userId, changes.quota());
            details.put("quota", changes.quota());
        }
        if (changes.models() != null) {
            grantModels(userId, changes.models(), changes.defaultModel());
            details.put("models", changes.models());
        }
        audit.record(actor, "user.updated", account.email(), details);
        return accounts.findById(userId).orElseThrow();
    }

    /** The language models granted to a user and their default among them. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public LlmModels.Grants modelGrants(UUID userId) {
        return llmModels.grantsOf(userId);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<Account> list() {
        return accounts.findAll();
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void setBlocked(UUID userId, boolean blocked) {
        Account account = existing(userId);
        UUID actor = actorId();
        if (account.id().equals(actor) && blocked) {
            throw DomainException.badInput("cannot_block_self", "You cannot block your own account.");
        }
        accounts.setBlocked(userId, blocked);
        audit.record(actor, blocked ? "user.blocked" : "user.unblocked", account.email(), Map.of());
    }

    /** The quota an account created now without one gets, to fill in the admin's form with. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public Quota defaultQuota() {
        return defaultQuota.forNewUsers();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<String> clientNames() {
        return accounts.clientNames();
    }

    @Transactional(readOnly = true)
    public List<String> modelNames() {
        return llmModels.enabledNames();
    }

    @Transactional(readOnly = true)
    public List<Catalogue.Region> regions() {
        return catalogue.regions();
    }

    @Transactional(readOnly = true)
    public List<String> datamarts() {
        return catalogue.datamartCodes();
    }

    /** The signed-in person's own account. */
    @Transactional(readOnly = true)
    public Account current() {
        UUID id = currentAccount.principal().map(AccountPrincipal::id)
                .orElseThrow(() -> new DomainException(DomainException.Kind.UNAUTHENTICATED, "unauthenticated", "Please sign in."));
        return accounts.findById(id)
                .orElseThrow(() -> new DomainException(DomainException.Kind.UNAUTHENTICATED, "unauthenticated", "Please sign in."));
    }

    /** Creates the first administrator unless one with this e-mail exists; true if it was created. */
    @Transactional
    boolean createAdminIfAbsent(String email, String password) {
        if (accounts.existsByEmail(Emails.normalise(email))) {
            return false;
        }
        createAccount(new NewAccount(email, password, Role.ADMIN, null, Scope.GLOBAL, Quota.UNLIMITED), null);
        return true;
    }

    /**
     * Creates the account an invitation describes, on behalf of the admin who invited: the invitee is not
     * signed in, so no permission check applies here; {@link InvitationService} vouches for the invitation.
     */
    @Transactional
    Account createInvited(NewAccount request, UUID invitedBy) {
        return createAccount(request, invitedBy);
    }

    /**
     * The request as an account would be created from it (e-mail normalised, regions upper case, role and
     * quota defaulted: no quota means the admins' default quota for new users, as it is now), or the refusal creating it would meet, without creating anything. Invitations
     * are checked with it when they are sent, so a refusal reaches the admin, not the invitee.
     */
    NewAccount validated(NewAccount request) {
        String email = Emails.normalise(request.email());
        if (!Emails.isWellFormed(email)) {
            throw DomainException.badInput("invalid_email", "Please give a valid e-mail address.");
        }
        String password = request.password();
        if (password != null && password.length() < MIN_PASSWORD_LENGTH) {
            throw DomainException.badInput("weak_password",
                    "A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        Role role = request.role() == null ? Role.USER : request.role();
        Scope scope = validScope(request.scope());
        Quota quota = request.quota() == null ? defaultQuota.forNewUsers() : request.quota();
        if (!quota.isValid()) {
            throw DomainException.badInput("invalid_quota", "Quota limits cannot be negative.");
        }
        for (String model : request.models()) {
            if (llmModels.find(model).isEmpty()) {
                throw DomainException.badInput("unknown_model", "There is no language model '" + model + "'.");
            }
        }
        if (request.defaultModel() != null && !request.models().contains(request.defaultModel())) {
            throw DomainException.badInput("unknown_model", "The default model must be one of the models granted.");
        }
        if (accounts.existsByEmail(email)) {
            throw emailTaken(email);
        }
        String clientName = request.clientName() == null || request.clientName().isBlank() ? null : request.clientName().strip();
        return new NewAccount(email, password, role, clientName, scope, quota, request.models(), request.defaultModel());
    }

    private Account createAccount(NewAccount request, UUID actor) {
        NewAccount valid = validated(request);
        String email = valid.email();
        UUID clientId = valid.clientName() == null ? null : accounts.clientNamed(valid.clientName());
        UUID id;
        try {
            id = accounts.insert(email, valid.password() == null ? null : passwordEncoder.encode(valid.password()), valid.role(), clientId);
        } catch (DuplicateKeyException e) {
            throw emailTaken(email);
        }
        accounts.replaceScope(id, valid.scope());
        quotas.save(id, valid.quota());
        grantModels(id, valid.models(), valid.defaultModel());
        var details = new LinkedHashMap<String, Object>();
        details.put("role", valid.role().name());
        details.put("client", valid.clientName());
        details.put("regions", valid.scope().regions());
        details.put("datamarts", valid.scope().datamarts());
        details.put("models", valid.models());
        audit.record(actor, "user.created", email, details);
        return accounts.findById(id).orElseThrow();
    }

    private void grantModels(UUID userId, Set<String> models, String defaultModel) {
        if (defaultModel != null && !models.contains(defaultModel)) {
            throw DomainException.badInput("unknown_model", "The default model must be one of the models granted.");
        }
        llmModels.grant(userId, models, defaultModel);
    }

    private Scope validScope(Scope requested) {
        if (requested == null) {
            return Scope.GLOBAL;
        }
        Set<String> knownRegions = new HashSet<>(catalogue.regions().stream().map(Catalogue.Region::code).toList());
        Set<String> regions = new HashSet<>();
        for (String region : requested.regions()) {
            String code = region == null ? "" : region.strip().toUpperCase(Locale.ROOT);
            if (!knownRegions.contains(code)) {
                throw DomainException.badInput("unknown_region", "There is no region '" + region + "'.");
            }
            regions.add(code);
        }
        Set<String> knownDatamarts = new HashSet<>(catalogue.datamartCodes());
        for (String datamart : requested.datamarts()) {
            if (!knownDatamarts.contains(datamart)) {
                throw DomainException.badInput("unknown_datamart", "There is no datamart '" + datamart + "'.");
            }
        }
        return new Scope(requested.datamarts(), regions);
    }

    static DomainException emailTaken(String email) {
        return new DomainException(DomainException.Kind.CONFLICT, "email_taken", "An account for " + email + " exists already.");
    }
}
