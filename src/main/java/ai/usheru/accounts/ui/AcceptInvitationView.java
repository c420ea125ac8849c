package ai.usheru.accounts.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import ai.usheru.DomainException;
import ai.usheru.accounts.Invitation;
import ai.usheru.accounts.InvitationService;

/**
 * Where a mailed invitation link lands: who invited whom, then a password (twice) to accept, or sign-in
 * by e-mailed link instead. A link that is unknown, expired, used or revoked gets the service's
 * explanation instead of the form. Accepting with a password leads to the login page.
 */
@Route(value = "invitation", autoLayout = false)
@PageTitle("Accept your invitation · usheru AI")
@AnonymousAllowed
public class AcceptInvitationView extends VerticalLayout implements BeforeEnterObserver {

    static final String PASSWORDS_DIFFER = "The two passwords differ. Type the same password twice.";
    static final String LINK_SENT = "Your account is ready. A sign-in link is on its way to %s: it works once, for five minutes.";

    private final InvitationService invitations;
    private final Paragraph message = new Paragraph();
    final PasswordField password = new PasswordField("Choose a password");
    final PasswordField confirm = new PasswordField("Type it again");
    final Button accept = new Button("Accept");
    final Button byLink = new Button("Sign in by e-mail link instead");
    private final VerticalLayout form = new VerticalLayout(password, confirm, accept, byLink);
    private String token;

    public AcceptInvitationView(InvitationService invitations) {
        this.invitations = invitations;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        addClassName("login-view");

        message.setId("invitation-message");
        message.setMaxWidth("24rem");
        password.setHelperText("At least 8 characters.");
        password.setWidthFull();
        confirm.setWidthFull();
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        accept.setWidthFull();
        accept.setId("accept-invitation");
        accept.addClickListener(click -> acceptWithPassword());
        accept.addClickShortcut(Key.ENTER);
        byLink.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        byLink.setId("accept-by-link");
        byLink.addClickListener(click -> acceptWithSignInLink());
        form.setPadding(false);
        form.setMaxWidth("20rem");
        getElement().setAttribute("role", "main");
        add(new H1("usheru AI"), message, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getLocation().getQueryParameters().getSingleParameter("token").orElse(null);
        try {
            Invitation invitation = invitations.pending(token);
            String inviter = invitation.invitedBy() == null ? "An administrator" : invitation.invitedBy();
            message.setText(inviter + " invited " + invitation.email()
                    + " to usheru AI. Choose a password to accept, or sign in by e-mailed link instead.");
            form.setVisible(true);
        } catch (DomainException e) {
            refuse(e);
        }
    }

    /** The explanation shown above the form, or instead of it. */
    String message() {
        return message.getText();
    }

    boolean isFormVisible() {
        return form.isVisible();
    }

    private void acceptWithPassword() {
        password.setInvalid(false);
        confirm.setInvalid(false);
        if (!password.getValue().equals(confirm.getValue())) {
            confirm.setErrorMessage(PASSWORDS_DIFFER);
            confirm.setInvalid(true);
            confirm.focus();
            return;
        }
        try {
            invitations.acceptWithPassword(token, password.getValue());
            UI.getCurrent().navigate(LoginView.class, QueryParameters.of("invited", ""));
        } catch (DomainException e) {
            if (e.code().equals("weak_password")) {
                password.setErrorMessage(e.getMessage());
                password.setInvalid(true);
                password.focus();
            } else {
                refuse(e);
            }
        }
    }

    private void acceptWithSignInLink() {
        try {
            var account = invitations.acceptWithSignInLink(token);
            message.setText(LINK_SENT.formatted(account.email()));
            form.setVisible(false);
        } catch (DomainException e) {
            refuse(e);
        }
    }

    /** The link cannot be accepted: say why, and offer the login page to those who may already have an account. */
    private void refuse(DomainException e) {
        message.setText(e.getMessage());
        form.setVisible(false);
        if (e.code().equals("invitation_used")) {
            add(new Anchor("login", "Go to sign in"));
        }
    }
}
