package ai.usheru.ui;

import java.util.List;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import ai.usheru.accounts.AccountPrincipal;
import ai.usheru.accounts.CurrentAccount;

/**
 * The frame around every signed-in view: product name, navigation, and the signed-in person. The router
 * finds it through {@code @Layout}; the navigation comes from the views' own {@code @Menu} annotations
 * through {@link MenuConfiguration}, which leaves out every view the signed-in person may not open, so
 * this class imports no view and adding a view touches only that view.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    /** Views under this path form the "Admin console" group of the navigation. */
    static final String ADMIN_PATH = "admin/";

    public MainLayout(CurrentAccount currentAccount, AuthenticationContext authentication) {
        AccountPrincipal principal = currentAccount.principal().orElseThrow();

        var brand = new Span("usheru AI");
        brand.addClassName("brand");

        // A router link by path, so the shell does not import the account view.
        var who = new Anchor("account", principal.email());
        who.getElement().setAttribute("router-link", true);
        who.addClassName("who");
        who.setId("account-link");
        var theme = new Button(VaadinIcon.ADJUST.create(), click -> toggleTheme());
        theme.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        theme.setAriaLabel("Switch between light and dark theme");
        theme.setId("theme-toggle");
        var signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        signOut.setId("sign-out");

        var header = new HorizontalLayout(new DrawerToggle(), brand, new Div(), who, theme, signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(header.getComponentAt(2));
        header.addClassName("app-header");
        addToNavbar(header);

        addToDrawer(navigation(MenuConfiguration.getMenuEntries()));
        setPrimarySection(Section.DRAWER);
        // The chosen theme is remembered in the browser and applied before anything is drawn.
        getElement().executeJs("const t = localStorage.getItem('usheru-theme'); "
                + "if (t) { document.documentElement.setAttribute('theme', t); }");
    }

    /**
     * The side navigation: the views everyone may open first, then the admin views grouped under
     * "Admin console" (only present when the person may open one of them).
     */
    static SideNav navigation(List<MenuEntry> entries) {
        var nav = new SideNav();
        nav.setId("main-navigation");
        var admin = new SideNavItem("Admin console");
        admin.setExpanded(true);
        admin.setId("admin-console");
        for (MenuEntry entry : entries) {
            var item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null && !entry.icon().isBlank()) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            if (isAdmin(entry)) {
                admin.addItem(item);
            } else {
                nav.addItem(item);
            }
        }
        if (!admin.getItems().isEmpty()) {
            nav.addItem(admin);
        }
        return nav;
    }

    private static boolean isAdmin(MenuEntry entry) {
        String path = entry.path().startsWith("/") ? entry.path().substring(1) : entry.path();
        return path.startsWith(ADMIN_PATH);
    }

    private void toggleTheme() {
        getElement().executeJs("const dark = document.documentElement.getAttribute('theme') !== 'dark'; "
                + "document.documentElement.setAttribute('theme', dark ? 'dark' : ''); "
                + "localStorage.setItem('usheru-theme', dark ? 'dark' : '');");
    }
}
