package ai.usheru.accounts.ui;

import static ai.usheru.db.Tables.INVITATIONS;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.QueryParameters;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.Invitation;
import ai.usheru.accounts.InvitationService;
import ai.usheru.accounts.NewInvitation;
import ai.usheru.accounts.Role;
import ai.usheru.accounts.Scope;
import ai.usheru.quota.Quota;
import ai.usheru.support.KaribuTest;
import ai.usheru.support.MailedInvitations;

class AcceptInvitationViewTest extends KaribuTest {

    @Autowired
    InvitationService invitations;

    @Autowired
    AccountService accounts;

    @Autowired
    MailedInvitations mailed;

    @Autowired
    DSLContext db;

    @Test
    void theLinkShowsWhoInvitedAndAcceptingLeadsToSignIn() {
        Invitation invitation = invite();
        open(mailed.tokenFor(invitation.email()));
        var view = _get(AcceptInvitationView.class);
        assertThat(view.message()).contains(ADMIN_EMAIL).contains(invitation.email());

        view.password.setValue("a-good-password");
        view.confirm.setValue("a-good-password");
        ButtonKt._click(view.accept);

        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(LoginView.class);
        assertThat(_get(Paragraph.class, spec -> spec.withId("login-notice")).getText()).isEqualTo(LoginView.INVITATION_ACCEPTED);
        var created = users.asAdmin(() -> accounts.list()).stream()
                .filter(account -> account.email().equals(invitation.email())).findFirst().orElseThrow();
        assertThat(created.scope().regions()).containsExactly("FR");
        assertThat(http().token(invitation.email(), "a-good-password")).isNotBlank();
    }

    @Test
    void differentPasswordsAreExplainedAndNothingIsCreated() {
        Invitation invitation = invite();
        open(mailed.tokenFor(invitation.email()));
        var view = _get(AcceptInvitationView.class);

        view.password.setValue("a-good-password");
        view.confirm.setValue("another-password");
        ButtonKt._click(view.accept);

        assertThat(view.confirm.isInvalid()).isTrue();
        assertThat(view.confirm.getErrorMessage()).isEqualTo(AcceptInvitationView.PASSWORDS_DIFFER);
        assertThat(users.asAdmin(() -> invitations.open())).extracting(Invitation::id).contains(invitation.id());
    }

    @Test
    void aShortPasswordIsExplainedOnThePasswordField() {
        open(mailed.tokenFor(invite().email()));
        var view = _get(AcceptInvitationView.class);

        view.password.setValue("short");
        view.confirm.setValue("short");
        ButtonKt._click(view.accept);

        assertThat(view.password.isInvalid()).isTrue();
        assertThat(view.password.getErrorMessage()).contains("8 characters");
        assertThat(view.isFormVisible()).isTrue();
    }

    @Test
    void signingInByLinkInsteadCreatesTheAccountAndMailsTheLink() {
        Invitation invitation = invite();
        open(mailed.tokenFor(invitation.email()));
        var view = _get(AcceptInvitationView.class);

        ButtonKt._click(view.byLink);

        assertThat(view.message()).isEqualTo(AcceptInvitationView.LINK_SENT.formatted(invitation.email()));
        assertThat(view.isFormVisible()).isFalse();
        assertThat(users.asAdmin(() -> accounts.list())).anyMatch(account -> account.email().equals(invitation.email()));
    }

    @Test
    void anExpiredUsedOrUnknownLinkIsExplainedWithoutAForm() {
        Invitation expired = invite();
        String expiredToken = mailed.tokenFor(expired.email());
        db.update(INVITATIONS).set(INVITATIONS.EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
                .where(INVITATIONS.ID.eq(expired.id())).execute();
        Invitation used = invite();
        String usedToken = mailed.tokenFor(used.email());
        invitations.acceptWithPassword(usedToken, "a-good-password");

        open(expiredToken);
        assertThat(_get(AcceptInvitationView.class).message()).contains("expired");
        assertThat(_get(AcceptInvitationView.class).isFormVisible()).isFalse();
        open(usedToken);
        assertThat(_get(AcceptInvitationView.class).message()).contains("accepted already");
        assertThat(_get(AcceptInvitationView.class).isFormVisible()).isFalse();
        open("no-such-token");
        assertThat(_get(AcceptInvitationView.class).message()).contains("not valid");
        assertThat(_get(AcceptInvitationView.class).isFormVisible()).isFalse();
    }

    private Invitation invite() {
        return users.asAdmin(() -> invitations.invite(new NewInvitation("accept-" + UUID.randomUUID() + "@client.test", Role.USER,
                null, new Scope(Set.of(), Set.of("FR")), Quota.UNLIMITED, Set.of(), null)));
    }

    private static void open(String token) {
        UI.getCurrent().navigate("invitation", QueryParameters.of("token", token));
    }
}
