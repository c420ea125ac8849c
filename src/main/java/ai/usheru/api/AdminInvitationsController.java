package ai.usheru.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.accounts.Invitation;
import ai.usheru.accounts.InvitationService;
import ai.usheru.accounts.NewInvitation;
import ai.usheru.accounts.Scope;
import ai.usheru.api.AdminUsersController.QuotaBody;
import ai.usheru.api.AdminUsersController.ScopeBody;
import ai.usheru.quota.Quota;

/** Invitations over the API, in the same shapes as user administration; only admins get past the service. */
@RestController
@RequestMapping("/api/v1/admin/invitations")
class AdminInvitationsController {

    private final InvitationService invitations;

    AdminInvitationsController(InvitationService invitations) {
        this.invitations = invitations;
    }

    record InviteRequest(String email, String role, String client, ScopeBody scope, QuotaBody quota, Set<String> models,
            String defaultModel) {}

    record SentInvitation(UUID id, String email, OffsetDateTime expiresAt) {

        static SentInvitation of(Invitation invitation) {
            return new SentInvitation(invitation.id(), invitation.email(), invitation.expiresAt());
        }
    }

    record InvitationView(UUID id, String email, String role, String client, ScopeBody scope, QuotaBody quota,
            Set<String> models, String defaultModel, String invitedBy, OffsetDateTime createdAt, OffsetDateTime expiresAt,
            String status) {

        static InvitationView of(Invitation invitation) {
            NewInvitation terms = invitation.terms();
            return new InvitationView(invitation.id(), terms.email(), terms.role().name(), terms.clientName(),
                    new ScopeBody(new TreeSet<>(terms.scope().datamarts()), new TreeSet<>(terms.scope().regions())),
                    QuotaBody.of(terms.quota()), new TreeSet<>(terms.models()), terms.defaultModel(), invitation.invitedBy(),
                    invitation.createdAt(), invitation.expiresAt(), invitation.status().name());
        }
    }

    @Operation(summary = "Invite a person")
    @Refusals({"email_taken", "already_invited", "invalid_email", "unknown_role", "unknown_region", "unknown_datamart",
            "unknown_model", "invalid_quota"})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SentInvitation invite(@RequestBody InviteRequest request) {
        Scope scope = request.scope() == null ? Scope.GLOBAL : AdminUsersController.scopeOf(request.scope());
        // No quota: the service gives the admins' default quota for new users.
        Quota quota = request.quota() == null ? null : AdminUsersController.quotaOf(request.quota());
        return SentInvitation.of(invitations.invite(new NewInvitation(request.email(), AdminUsersController.roleOf(request.role()),
                request.client(), scope, quota, request.models(), request.defaultModel())));
    }

    /** Pending invitations and those that expired unused ({@code status} says which). */
    @Operation(summary = "Invitations not accepted or revoked")
    @GetMapping
    List<InvitationView> list() {
        return invitations.open().stream().map(InvitationView::of).toList();
    }

    @Operation(summary = "Mail an invitation's link again")
    @Refusals({"invitation_not_found", "invitation_used", "invitation_revoked", "email_taken"})
    @PostMapping("/{id}/resend")
    SentInvitation resend(@PathVariable UUID id) {
        return SentInvitation.of(invitations.resend(id));
    }

    @Operation(summary = "Revoke an invitation")
    @Refusals({"invitation_not_found", "invitation_used"})
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID id) {
        invitations.revoke(id);
    }
}
