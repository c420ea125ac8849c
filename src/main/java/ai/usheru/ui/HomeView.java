package ai.usheru.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import ai.usheru.accounts.CurrentAccount;
import ai.usheru.accounts.Role;
import ai.usheru.accounts.ui.UsersView;
import ai.usheru.ask.ui.ChatView;

/** Where sign-in lands: admins go on to the admin console, everyone else to the chat. */
@Route("")
@PermitAll
public class HomeView extends Div implements BeforeEnterObserver {

    private final CurrentAccount currentAccount;

    public HomeView(CurrentAccount currentAccount) {
        this.currentAccount = currentAccount;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean admin = currentAccount.principal().map(principal -> principal.role() == Role.ADMIN).orElse(false);
        event.forwardTo(admin ? UsersView.class : ChatView.class);
    }
}
