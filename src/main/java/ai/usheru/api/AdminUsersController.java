package ai.usheru.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.DomainException;
import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountChanges;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.NewAccount;
import ai.usheru.accounts.NotificationService;
import ai.usheru.accounts.NotificationSettings;
import ai.usheru.accounts.Role;
import ai.usheru.accounts.Scope;
import ai.usheru.llm.LlmModels;
import ai.usheru.quota.Quota;

/** User administration over the API; only admins get past the service's permission check. */
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminUsersController {

    private final AccountService accounts;
    private final NotificationService notifications;

    AdminUsersController(AccountService accounts, NotificationService notifications) {
        this.accounts = accounts;
        this.notifications = notifications;
    }

    record ScopeBody(Set<String> datamarts, Set<String> regions) {}

    record QuotaBody(Integer queriesPerDay, Integer queriesPerMonth, Long tokensPerDay, Long tokensPerMonth,
            BigDecimal usdPerMonth) {

        static QuotaBody of(Quota quota) {
            return new QuotaBody(quota.queriesPerDay(), quota.queriesPerMonth(), quota.tokensPerDay(), quota.tokensPerMonth(),
                    quota.usdPerMonth());
        }
    }

    record CreateUserRequest(String email, String password, String role, String client, ScopeBody scope, QuotaBody quota,
            Set<String> models, String defaultModel) {}

    /** A change: absent fields stay as they are; {@code "client": ""} removes the client. */
    record UpdateUserRequest(String role, String client, ScopeBody scope, QuotaBody quota, Set<String> models, String defaultModel,
            NotificationSettings notifications) {}

    record CreatedUser(UUID id) {}

    record UserView(UUID id, String email, String role, boolean blocked, String client, ScopeBody scope, QuotaBody quota,
            List<String> models, String defaultModel) {

        static UserView of(Account account, LlmModels.Grants grants) {
            return new UserView(account.id(), account.email(), account.role().name(), account.blocked(), account.clientName(),
                    new ScopeBody(account.scope().datamarts(), account.scope().regions()), QuotaBody.of(account.quota()),
                    grants.models(), grants.defaultModel());
        }
    }

    @Operation(summary = "Create a user")
    @Refusals({"email_taken", "invalid_email", "weak_password", "unknown_role", "unknown_region", "unknown_datamart",
            "unknown_model", "invalid_quota"})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedUser create(@RequestBody CreateUserRequest request) {
        Scope scope = request.scope() == null ? Scope.GLOBAL : scopeOf(request.scope());
        // No quota: the service gives the admins' default quota for new users.
        Quota quota = request.quota() == null ? null : quotaOf(request.quota());
        Account created = accounts.create(new NewAccount(request.email(), request.password(), roleOf(request.role()),
                request.client(), scope, quota, request.models(), request.defaultModel()));
        return new CreatedUser(created.id());
    }

    @Operation(summary = "Change a user")
    @Refusals({"user_not_found", "cannot_demote_self", "unknown_role", "unknown_region", "unknown_datamart",
            "unknown_model", "invalid_quota", "unknown_time_zone"})
    @PatchMapping("/{id}")
    UserView update(@PathVariable UUID id, @RequestBody UpdateUserRequest request) {
        Account updated = accounts.update(id, new AccountChanges(request.role() == null ? null : roleOf(request.role()),
                request.client(), request.scope() == null ? null : scopeOf(request.scope()),
                request.quota() == null ? null : quotaOf(request.quota()), request.models(), request.defaultModel()));
        if (request.notifications() != null) {
            notifications.change(id, request.notifications());
        }
        return UserView.of(updated, accounts.modelGrants(id));
    }

    @Operation(summary = "Every user")
    @GetMapping
    List<UserView> list() {
        return accounts.list().stream().map(account -> UserView.of(account, accounts.modelGrants(account.id()))).toList();
    }

    static Scope scopeOf(ScopeBody body) {
        return new Scope(body.datamarts(), body.regions());
    }

    /** A quota object replaces the whole quota: a limit it leaves out becomes unlimited. */
    static Quota quotaOf(QuotaBody q) {
        return new Quota(q.queriesPerDay(), q.queriesPerMonth(), q.tokensPerDay(), q.tokensPerMonth(), q.usdPerMonth());
    }

    static Role roleOf(String role) {
        if (role == null || role.isBlank()) {
            return Role.USER;
        }
        try {
            return Role.valueOf(role.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.badInput("unknown_role", "A role is USER or ADMIN.");
        }
    }
}
