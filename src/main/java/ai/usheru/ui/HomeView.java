package ai.usheru.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import ai.usheru.accounts.CurrentAccount;
import ai.usheru.accounts.Role;

/**
 * Where sign-in lands: admins go on to the admin console, everyone else to the chat. It forwards by
 * path, not by view class, so the shell's package imports no feature's views.
 */
@Route(value = "", autoLayout = false)
@PermitAll
public class HomeView extends Div implements BeforeEnterObserver {

    static final String ADMIN_LANDING = "admin/users";
    static final String USER_LANDING = "chat";

    private final CurrentAccount currentAccount;

    public HomeView(CurrentAccount currentAccount) {
        this.currentAccount = currentAccount;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean admin = currentAccount.principal().map(principal -> principal.role() == Role.ADMIN).orElse(false);
        event.forwardTo(admin ? ADMIN_LANDING : USER_LANDING);
    }
}
