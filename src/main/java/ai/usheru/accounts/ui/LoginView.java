package ai.usheru.accounts.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import ai.usheru.accounts.MagicLinks;

/**
 * Sign-in with e-mail and password, or by a link mailed to the address. Spring Security processes
 * the form; this view only shows it and the outcome of the last attempt.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · usheru AI")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    static final String WRONG_CREDENTIALS = "The e-mail or password is not correct. Check them and try again.";
    static final String BLOCKED = "This account is blocked. Ask your administrator to unblock it.";
    static final String LINK_SENT = "If an account exists for that address, a sign-in link is on its way. It works once, for five minutes.";
    static final String INVITATION_ACCEPTED = "Your account is ready. Sign in with your e-mail and the password you chose.";

    private final LoginForm form = new LoginForm();
    private final EmailField linkEmail = new EmailField("E-mail me a sign-in link instead");
    private final Paragraph linkStatus = new Paragraph();
    private final Paragraph notice = new Paragraph();
    private final MagicLinks magicLinks;
    private String errorMessage = WRONG_CREDENTIALS;

    public LoginView(MagicLinks magicLinks) {
        this.magicLinks = magicLinks;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        addClassName("login-view");
        // The page's one landmark: the sign-in form and its heading.
        getElement().setAttribute("role", "main");

        var title = new H1("usheru AI");
        var tagline = new Paragraph("Ask about films and box office in plain English.");
        tagline.addClassName("tagline");

        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n(errorMessage));

        linkEmail.setPlaceholder("you@company.com");
        linkEmail.setClearButtonVisible(true);
        linkEmail.setWidthFull();
        var sendLink = new Button("Send link", click -> sendLink());
        sendLink.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
        sendLink.setId("send-link");
        linkEmail.addKeyDownListener(Key.ENTER, event -> sendLink());
        linkStatus.setId("link-status");
        linkStatus.getElement().setAttribute("role", "status");
        linkStatus.setVisible(false);

        var magic = new VerticalLayout(linkEmail, sendLink, linkStatus);
        magic.setPadding(false);
        magic.setMaxWidth("20rem");
        magic.addClassName("magic-link");
        notice.setId("login-notice");
        notice.getElement().setAttribute("role", "status");
        notice.setVisible(false);
        add(title, tagline, notice, form, magic);
    }

    LoginForm form() {
        return form;
    }

    /** The message the form shows when it is in its error state. */
    String errorMessage() {
        return errorMessage;
    }

    private void sendLink() {
        if (linkEmail.isEmpty() || linkEmail.isInvalid()) {
            linkEmail.setInvalid(true);
            linkEmail.setErrorMessage("Enter the e-mail address of your account.");
            return;
        }
        magicLinks.send(linkEmail.getValue());
        showLinkSent();
    }

    private void showLinkSent() {
        linkStatus.setText(LINK_SENT);
        linkStatus.setVisible(true);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("blocked")) {
            errorMessage = BLOCKED;
            form.setI18n(i18n(errorMessage));
            form.setError(true);
        } else if (parameters.containsKey("throttled")) {
            long seconds = parameters.get("throttled").stream().findFirst().map(LoginView::seconds).orElse(60L);
            errorMessage = "Too many failed sign-ins. Try again in "
                    + ai.usheru.accounts.SignInThrottledException.words(java.time.Duration.ofSeconds(seconds)) + ".";
            form.setI18n(i18n(errorMessage));
            form.setError(true);
        } else if (parameters.containsKey("error")) {
            form.setError(true);
        }
        if (parameters.containsKey("invited")) {
            notice.setText(INVITATION_ACCEPTED);
            notice.setVisible(true);
        }
        if (parameters.containsKey("link-sent")) {
            showLinkSent();
        }
    }

    private static LoginI18n i18n(String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getForm().setUsername("E-mail");
        i18n.getErrorMessage().setTitle("Could not sign in");
        i18n.getErrorMessage().setMessage(errorMessage);
        return i18n;
    }

    private static long seconds(String text) {
        try {
            return Math.max(1, Long.parseLong(text));
        } catch (NumberFormatException e) {
            return 60;
        }
    }
}
