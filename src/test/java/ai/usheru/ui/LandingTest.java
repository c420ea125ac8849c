package ai.usheru.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;

import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.junit.jupiter.api.Test;

import ai.usheru.accounts.ui.UsersView;
import ai.usheru.ask.ui.ChatView;
import ai.usheru.support.KaribuTest;

/** Sign-in lands by role, the navigation shows what the role may open, and the admin console is closed to users. */
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

    @Test
    void anAdminSeesTheAdminConsoleGroupInTheNavigation() {
        signInAs(ADMIN_EMAIL);

        UI.getCurrent().navigate("chat");

        List<SideNav> navs = navigations();
        assertThat(navs).hasSize(2);
        assertThat(labels(navs.getFirst().getItems())).containsExactly("Chat", "Dashboard", "Insights");
        SideNav admin = navs.getLast();
        assertThat(admin.getLabel()).isEqualTo("Admin console");
        assertThat(labels(admin.getItems())).as("the admin views in their @Menu order")
                .containsExactly("Users", "Language models", "Prediction models", "Usage and cost", "Verified examples",
                        "Suggested questions", "Prompts", "Settings", "Mail outbox", "Insight runs", "Audit log",
                        "API requests");
        assertThat(admin.getItems().getFirst().getPath()).isEqualTo("admin/users");
    }

    @Test
    void aUserSeesNoAdminEntryInTheNavigation() {
        var user = aUser();
        users.create(user);
        signInAs(user.email());

        UI.getCurrent().navigate("chat");

        List<SideNav> navs = navigations();
        assertThat(navs).as("one navigation, without the Admin console").hasSize(1);
        assertThat(labels(navs.getFirst().getItems())).containsExactly("Chat", "Dashboard", "Insights");
    }

    private static List<SideNav> navigations() {
        MainLayout layout = (MainLayout) UI.getCurrent().getInternals().getActiveRouterTargetsChain().stream()
                .filter(MainLayout.class::isInstance).findFirst()
                .orElseThrow(() -> new AssertionError("the chat is not shown inside the app shell"));
        return layout.getElement().getChildren().flatMap(child -> child.getChildren())
                .map(element -> element.getComponent().orElse(null))
                .filter(SideNav.class::isInstance).map(SideNav.class::cast).toList();
    }

    private static List<String> labels(List<SideNavItem> items) {
        return items.stream().map(SideNavItem::getLabel).toList();
    }
}
