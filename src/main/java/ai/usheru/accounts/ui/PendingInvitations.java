package ai.usheru.accounts.ui;

import java.time.format.DateTimeFormatter;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import ai.usheru.DomainException;
import ai.usheru.accounts.Invitation;
import ai.usheru.accounts.InvitationService;

/**
 * The invitations nobody accepted yet, pending or expired, with Resend (a new seven-day link; the
 * old one stops working) and Revoke on each. Part of the users view.
 */
class PendingInvitations extends VerticalLayout {

    static final String EMPTY = "No pending invitations. Invite someone with the Invite button above.";
    /** Links live seven days, so the year goes without saying. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM");

    private final InvitationService invitations;
    private final Grid<Invitation> grid = new Grid<>(Invitation.class, false);
    private final Span empty = new Span(EMPTY);

    PendingInvitations(InvitationService invitations) {
        this.invitations = invitations;
        setPadding(false);
        setId("pending-invitations");

        grid.addColumn(Invitation::email).setHeader("E-mail").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(invitation -> invitation.terms().role().name()).setHeader("Role").setAutoWidth(true);
        grid.addColumn(invitation -> invitation.terms().clientName() == null ? "—" : invitation.terms().clientName())
                .setHeader("Client").setAutoWidth(true);
        grid.addColumn(invitation -> invitation.terms().scope().describeRegions()).setHeader("Regions").setAutoWidth(true);
        grid.addColumn(invitation -> invitation.invitedBy() == null ? "—" : invitation.invitedBy()).setHeader("Invited by")
                .setAutoWidth(true);
        grid.addColumn(PendingInvitations::validity).setKey("validity").setHeader("Link valid until").setAutoWidth(true);
        // One column for both actions, kept in sight however wide the others are.
        grid.addComponentColumn(invitation -> new HorizontalLayout(resendButton(invitation), revokeButton(invitation)))
                .setKey("actions").setHeader("").setAutoWidth(true).setFrozenToEnd(true);
        grid.setAllRowsVisible(true);
        empty.addClassName("empty-state");
        empty.setId("no-invitations");

        add(new H2("Pending invitations"), grid, empty);
        refresh();
    }

    Grid<Invitation> grid() {
        return grid;
    }

    void refresh() {
        List<Invitation> open = invitations.open();
        grid.setItems(open);
        grid.setVisible(!open.isEmpty());
        empty.setVisible(open.isEmpty());
    }

    static String validity(Invitation invitation) {
        String day = invitation.expiresAt().format(DAY);
        return invitation.status() == Invitation.Status.EXPIRED ? "Expired " + day : day;
    }

    private Button resendButton(Invitation invitation) {
        var button = new Button("Resend", click -> act(() -> invitations.resend(invitation.id()),
                "A new link is on its way to " + invitation.email() + "; the one sent before no longer works."));
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        button.setAriaLabel("Resend the invitation to " + invitation.email());
        return button;
    }

    private Button revokeButton(Invitation invitation) {
        var button = new Button("Revoke", click -> act(() -> invitations.revoke(invitation.id()),
                "The invitation to " + invitation.email() + " was revoked; its link no longer works."));
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        button.setAriaLabel("Revoke the invitation to " + invitation.email());
        return button;
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            Notification.show(done, 4000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (DomainException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }
}
