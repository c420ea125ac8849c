package ai.usheru.accounts.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.Invitation;
import ai.usheru.accounts.InvitationService;
import ai.usheru.accounts.NewInvitation;
import ai.usheru.accounts.Role;
import ai.usheru.support.KaribuTest;
import ai.usheru.support.MailedInvitations;

class UsersViewTest extends KaribuTest {

    @org.springframework.beans.factory.annotation.Autowired
    ai.usheru.accounts.NotificationService notifications;

    @Autowired
    AccountService accounts;

    @Autowired
    InvitationService invitations;

    @Autowired
    MailedInvitations mailed;

    @Autowired
    ai.usheru.settings.SettingsAdministration settings;

    @Test
    void theListShowsEveryUser() {
        var user = aUser();
        users.create(user);

        openAsAdmin();

        assertThat(emailsIn(_get(UsersView.class).grid())).contains(ADMIN_EMAIL, user.email());
    }

    @Test
    void theDialogCreatesAScopedUserWithQuotas() {
        openAsAdmin();
        String email = "new-" + UUID.randomUUID() + "@client.test";
        ButtonKt._click(_get(Button.class, spec -> spec.withId("new-user")));
        var dialog = _get(UserDialog.class);

        dialog.email.setValue(email);
        dialog.password.setValue("long-enough-1");
        dialog.role.setValue(Role.USER);
        dialog.client.setValue("Cineworld Test");
        dialog.regions.setValue(Set.copyOf(dialog.regions.getListDataView().getItems()
                .filter(region -> region.code().equals("DE")).toList()));
        dialog.queriesPerDay.setValue(25);
        dialog.usdPerMonth.setValue(new BigDecimal("40"));
        ButtonKt._click(dialog.save);

        assertThat(dialog.isOpened()).isFalse();
        assertThat(emailsIn(_get(UsersView.class).grid())).contains(email);
        Account created = find(email);
        assertThat(created.scope().regions()).containsExactly("DE");
        assertThat(created.clientName()).isEqualTo("Cineworld Test");
        assertThat(created.quota().queriesPerDay()).isEqualTo(25);
        assertThat(created.quota().usdPerMonth()).isEqualByComparingTo("40");
    }

    /** Creating or inviting someone who has an account already: the e-mail field says so. */
    @ParameterizedTest
    @ValueSource(strings = {"new-user", "invite-user"})
    void aTakenEmailIsShownOnTheEmailFieldAndTheDialogStaysOpen(String button) {
        var existing = aUser();
        users.create(existing);
        openAsAdmin();
        ButtonKt._click(_get(Button.class, spec -> spec.withId(button)));
        var dialog = _get(UserDialog.class);

        dialog.email.setValue(existing.email());
        ButtonKt._click(dialog.save);

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.email.isInvalid()).isTrue();
        assertThat(dialog.email.getErrorMessage()).contains("exists already");
    }

    @Test
    void aShortPasswordIsExplainedOnThePasswordField() {
        openAsAdmin();
        ButtonKt._click(_get(Button.class, spec -> spec.withId("new-user")));
        var dialog = _get(UserDialog.class);

        dialog.email.setValue("short-" + UUID.randomUUID() + "@client.test");
        dialog.password.setValue("short");
        ButtonKt._click(dialog.save);

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.password.isInvalid()).isTrue();
        assertThat(dialog.password.getErrorMessage()).contains("8 characters");
    }

    @Test
    void theBlockButtonBlocksTheAccount() {
        var user = aUser();
        users.create(user);
        openAsAdmin();
        var grid = _get(UsersView.class).grid();
        int row = emailsIn(grid).indexOf(user.email());

        ButtonKt._click((Button) GridKt._getCellComponent(grid, row, "access"));

        assertThat(find(user.email()).blocked()).isTrue();
        assertThat(((Button) GridKt._getCellComponent(grid, emailsIn(grid).indexOf(user.email()), "access")).getText())
                .isEqualTo("Unblock");
    }

    @Test
    void theEditButtonOpensTheUserFilledInAndSavesTheChanges() {
        var user = aUser().scopedTo("IE");
        users.create(user);
        openAsAdmin();
        var grid = _get(UsersView.class).grid();

        ButtonKt._click((Button) GridKt._getCellComponent(grid, emailsIn(grid).indexOf(user.email()), "edit"));
        var dialog = _get(UserDialog.class);
        assertThat(dialog.email.getValue()).isEqualTo(user.email());
        assertThat(dialog.email.isReadOnly()).isTrue();
        assertThat(dialog.password.isVisible()).isFalse();
        assertThat(dialog.regions.getValue()).extracting(region -> region.code()).containsExactly("IE");
        dialog.regions.setValue(Set.copyOf(dialog.regions.getListDataView().getItems()
                .filter(region -> region.code().equals("FR")).toList()));
        dialog.tokensPerDay.setValue(50_000);
        assertThat(dialog.weeklyDigest.isVisible()).isTrue();
        assertThat(dialog.weeklyDigest.getValue()).as("on by default").isTrue();
        dialog.weeklyDigest.setValue(false);
        ButtonKt._click(dialog.save);

        assertThat(dialog.isOpened()).isFalse();
        Account changed = find(user.email());
        assertThat(users.asAdmin(() -> notifications.of(changed.id())).weeklyDigest()).isFalse();
        assertThat(changed.scope().regions()).containsExactly("FR");
        assertThat(changed.quota().tokensPerDay()).isEqualTo(50_000L);
        assertThat(UsersView.describe(changed.quota())).isEqualTo("50000 tokens/day");
    }

    @Test
    void aRefusedChangeIsExplainedAndTheDialogStaysOpen() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/users");
        var grid = _get(UsersView.class).grid();

        ButtonKt._click((Button) GridKt._getCellComponent(grid, emailsIn(grid).indexOf(ADMIN_EMAIL), "edit"));
        var dialog = _get(UserDialog.class);
        dialog.role.setValue(Role.USER);
        ButtonKt._click(dialog.save);

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.role.isInvalid()).isTrue();
        assertThat(dialog.role.getErrorMessage()).contains("your own admin role");
        assertThat(find(ADMIN_EMAIL).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void theInviteDialogSendsAnInvitationThatIsListedAsPending() {
        openAsAdmin();
        String email = "invited-" + UUID.randomUUID() + "@client.test";
        ButtonKt._click(_get(Button.class, spec -> spec.withId("invite-user")));
        var dialog = _get(UserDialog.class);
        assertThat(dialog.password.isVisible()).as("the invitee chooses the password").isFalse();

        dialog.email.setValue(email);
        dialog.role.setValue(Role.USER);
        dialog.client.setValue("Curzon Test");
        dialog.regions.setValue(Set.copyOf(dialog.regions.getListDataView().getItems()
                .filter(region -> region.code().equals("ES")).toList()));
        dialog.queriesPerMonth.setValue(300);
        ButtonKt._click(dialog.save);

        assertThat(dialog.isOpened()).isFalse();
        var pending = _get(UsersView.class).pending();
        Invitation listed = invitationsIn(pending.grid()).stream().filter(invitation -> invitation.email().equals(email))
                .findFirst().orElseThrow(() -> new AssertionError("the new invitation is listed"));
        assertThat(listed.terms().clientName()).isEqualTo("Curzon Test");
        assertThat(listed.terms().scope().regions()).containsExactly("ES");
        assertThat(listed.terms().quota().queriesPerMonth()).isEqualTo(300);
        assertThat(PendingInvitations.validity(listed)).doesNotContain("Expired");
        assertThat(mailed.latestTo(email).body()).contains("/invitation?token=");
        assertThat(emailsIn(_get(UsersView.class).grid())).as("no account before it is accepted").doesNotContain(email);
    }

    @Test
    void resendMailsANewLinkAndRevokeRemovesTheInvitation() {
        String email = "pending-" + UUID.randomUUID() + "@client.test";
        users.asAdmin(() -> invitations.invite(new NewInvitation(email, Role.USER, null, null, null, null, null)));
        String firstToken = mailed.tokenFor(email);
        openAsAdmin();
        var grid = _get(UsersView.class).pending().grid();

        ButtonKt._click(action(grid, email, "Resend"));
        assertThat(mailed.tokenFor(email)).as("a new link").isNotEqualTo(firstToken);
        ButtonKt._click(action(grid, email, "Revoke"));

        assertThat(invitationsIn(grid)).noneMatch(invitation -> invitation.email().equals(email));
        assertThat(users.asAdmin(() -> invitations.open())).noneMatch(invitation -> invitation.email().equals(email));
    }

    @Test
    void withoutPendingInvitationsTheSectionSaysSo() {
        users.asAdmin(() -> {
            invitations.open().forEach(invitation -> invitations.revoke(invitation.id()));
            return null;
        });

        openAsAdmin();

        var pending = _get(UsersView.class).pending();
        assertThat(pending.grid().isVisible()).isFalse();
        assertThat(_get(Span.class, spec -> spec.withId("no-invitations")).getText()).isEqualTo(PendingInvitations.EMPTY);
    }

    @Test
    void theNewUserFormStartsWithTheDefaultQuotaAndTheAdminMayChangeIt() {
        users.asAdmin(() -> settings.change("quota.default.queries-per-day", "9"));
        try {
            openAsAdmin();
            String email = "defaulted-" + UUID.randomUUID() + "@client.test";
            ButtonKt._click(_get(Button.class, spec -> spec.withId("new-user")));
            var dialog = _get(UserDialog.class);

            assertThat(dialog.queriesPerDay.getValue()).as("the default quota for new users").isEqualTo(9);
            assertThat(dialog.usdPerMonth.getValue()).as("a default left unlimited").isNull();
            dialog.email.setValue(email);
            dialog.queriesPerMonth.setValue(90);
            ButtonKt._click(dialog.save);

            var quota = find(email).quota();
            assertThat(quota.queriesPerDay()).isEqualTo(9);
            assertThat(quota.queriesPerMonth()).isEqualTo(90);
        } finally {
            users.asAdmin(() -> settings.reset("quota.default.queries-per-day"));
        }
    }

    private void openAsAdmin() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/users");
    }

    private Account find(String email) {
        return accounts.list().stream().filter(account -> account.email().equals(email)).findFirst().orElseThrow();
    }

    @Test
    void anAccountThrottledAfterWrongPasswordsIsListedAndClearedByTheAdmin(@Autowired ai.usheru.accounts.SignInThrottle throttle) {
        String email = "typos-" + UUID.randomUUID() + "@client.test";
        for (int attempt = 0; attempt < 5; attempt++) {
            throttle.failed(email, "192.0.2.44");
        }
        openAsAdmin();
        var grid = _get(UsersView.class).throttles().grid();
        int row = throttledIn(grid).indexOf(email);
        assertThat(row).as("listed").isNotNegative();
        assertThat(GridKt._get(grid, row).failures()).isEqualTo(5);
        assertThat(SignInThrottles.waiting(GridKt._get(grid, row))).startsWith("in ");

        ButtonKt._click((Button) GridKt._getCellComponent(grid, row, "clear"));

        assertThat(throttledIn(grid)).doesNotContain(email);
        assertThat(throttle.retryAfter(email, "192.0.2.45")).isEmpty();
    }

    private static List<String> throttledIn(Grid<ai.usheru.accounts.SignInThrottle.Throttled> grid) {
        var emails = new ArrayList<String>();
        for (int row = 0; row < GridKt._size(grid); row++) {
            emails.add(GridKt._get(grid, row).email());
        }
        return emails;
    }

    private static Button action(Grid<Invitation> grid, String email, String caption) {
        int row = invitationsIn(grid).stream().map(Invitation::email).toList().indexOf(email);
        return _get(GridKt._getCellComponent(grid, row, "actions"), Button.class, spec -> spec.withText(caption));
    }

    private static List<Invitation> invitationsIn(Grid<Invitation> grid) {
        var invitations = new ArrayList<Invitation>();
        for (int row = 0; row < GridKt._size(grid); row++) {
            invitations.add(GridKt._get(grid, row));
        }
        return invitations;
    }

    private static List<String> emailsIn(Grid<Account> grid) {
        var emails = new ArrayList<String>();
        for (int row = 0; row < GridKt._size(grid); row++) {
            emails.add(GridKt._get(grid, row).email());
        }
        return emails;
    }
}
