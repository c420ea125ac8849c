package ai.usheru.ui;

import java.util.List;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import ai.usheru.accounts.AccountPrincipal;
import ai.usheru.accounts.CurrentAccount;

/**
 * The frame around every signed-in view: product name, navigation, and the signed-in person, as the
 * landmarks assistive technology moves between (a banner, two labelled navigations, and the view inside
 * the one {@code main}, which a skip link reaches first from the keyboard). The router
 * finds it through {@code @Layout}; the navigation comes from the views' own {@code @Menu} annotations
 * through {@link MenuConfiguration}, which leaves out every view the signed-in person may not open, so
 * this class imports no view and adding a view touches only that view.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    /** Views under this path form the "Admin console" group of the navigation. */
    static final String ADMIN_PATH = "admin/";
    static final String MAIN_ID = "main-content";

    private final Main main = new Main();

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

        // The first stop of the Tab key: straight to the view, past header and navigation.
        var skip = new Anchor("#" + MAIN_ID, "Skip to content");
        skip.addClassName("skip-link");
        skip.setId("skip-link");
        skip.getElement().setAttribute("router-ignore", true);
        skip.getElement().executeJs("this.addEventListener('click', e => { e.preventDefault(); "
                + "const main = document.getElementById($0); if (main) { main.focus(); } })", MAIN_ID);

        var drawerToggle = new DrawerToggle();
        drawerToggle.setAriaLabel("Show or hide the navigation");
        var bar = new HorizontalLayout(drawerToggle, brand, new Div(), who, theme, signOut);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(bar.getComponentAt(2));
        var header = new Header(skip, bar);
        header.addClassName("app-header");
        addToNavbar(header);

        var navigation = new VerticalLayout();
        navigation.setPadding(false);
        navigation.addClassName("app-navigation");
        navigation(MenuConfiguration.getMenuEntries()).forEach(navigation::add);
        addToDrawer(navigation);
        setPrimarySection(Section.DRAWER);

        // The view goes inside <main>; it can take focus (from the skip link) so the keyboard scrolls it.
        main.setId(MAIN_ID);
        main.addClassName("app-main");
        main.getElement().setAttribute("tabindex", "-1");
        setContent(main);
        // The chosen theme is remembered in the browser and applied before anything is drawn.
        getElement().executeJs("const t = localStorage.getItem('usheru-theme'); "
                + "if (t) { document.documentElement.setAttribute('theme', t); }");
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        main.getElement().removeAllChildren();
        if (content != null) {
            main.getElement().appendChild(content.getElement());
        }
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        main.getElement().removeAllChildren();
    }

    /**
     * The side navigation: the views everyone may open, then, in a second navigation labelled "Admin
     * console", the admin views (only when the person may open one of them). Two plain navigations
     * rather than a collapsible group: the group's toggle button carries an ARIA reference into its
     * shadow DOM that screen readers cannot follow (axe: aria-valid-attr-value, critical).
     */
    static List<SideNav> navigation(List<MenuEntry> entries) {
        var views = new SideNav();
        views.setId("main-navigation");
        views.getElement().setAttribute("aria-label", "Views");
        var admin = new SideNav("Admin console");
        admin.setId("admin-console");
        for (MenuEntry entry : entries) {
            var item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null && !entry.icon().isBlank()) {
                var icon = new Icon(entry.icon());
                icon.getElement().setAttribute("aria-hidden", "true");
                item.setPrefixComponent(icon);
            }
            (isAdmin(entry) ? admin : views).addItem(item);
        }
        return admin.getItems().isEmpty() ? List.of(views) : List.of(views, admin);
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
