package ai.usheru.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;

import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.Test;

import ai.usheru.accounts.ui.UsersView;
import ai.usheru.ask.ui.ChatView;
import ai.usheru.support.KaribuTest;

/** Sign-in lands by role, and the admin console is closed to users. */
class LandingTest extends KaribuTest {

    @Test
    void anAdminLandsInTheAdminConsole() {
        signInAs(ADMIN_EMAIL);

        UI.getCurrent().navigate("");

        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(UsersView.class);
    }

    @Test
    void aUserLandsInTheChat() {
        var user = aUser();
        users.create(user);
        signInAs(user.email());

        UI.getCurrent().navigate("");

        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(ChatView.class);
    }

    @Test
    void aUserCannotOpenTheAdminConsole() {
        var user = aUser();
        users.create(user);
        signInAs(user.email());

        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/users"))
                .isInstanceOf(MockAccessDeniedException.class);
        assertThat(UI.getCurrent().getCurrentView()).isNotInstanceOf(UsersView.class);
    }
}
