package ai.usheru.api;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.accounts.Account;
import ai.usheru.accounts.InvitationService;

/**
 * Accepting an invitation, open to anyone: the link's token is the credential. Without a password the
 * account signs in by e-mailed link, and the first one is mailed at once.
 */
@RestController
@RequestMapping("/api/v1/invitations")
class InvitationsController {

    private final InvitationService invitations;

    InvitationsController(InvitationService invitations) {
        this.invitations = invitations;
    }

    record AcceptRequest(String token, String password) {}

    @Operation(summary = "Accept an invitation")
    @Refusals({"weak_password", "invitation_not_found", "invitation_expired", "invitation_used", "invitation_revoked",
            "email_taken"})
    @PostMapping("/accept")
    @ResponseStatus(HttpStatus.CREATED)
    AdminUsersController.CreatedUser accept(@RequestBody AcceptRequest request) {
        Account account = request.password() == null
                ? invitations.acceptWithSignInLink(request.token())
                : invitations.acceptWithPassword(request.token(), request.password());
        return new AdminUsersController.CreatedUser(account.id());
    }
}
