package ai.usheru.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import ai.usheru.accounts.AccountPrincipal;
import ai.usheru.accounts.CurrentAccount;
import ai.usheru.accounts.Role;
import ai.usheru.accounts.ui.AccountView;
import ai.usheru.accounts.ui.UsersView;
import com.vaadin.flow.router.RouterLink;
import ai.usheru.ask.ui.ChatView;
import ai.usheru.ask.ui.SuggestedQuestionsView;
import ai.usheru.dashboard.ui.DashboardView;
import ai.usheru.mail.ui.OutboxView;

/** The frame around every signed-in view: product name, navigation by role, and the signed-in person. */
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(CurrentAccount currentAccount, AuthenticationContext authentication) {
        AccountPrincipal principal = currentAccount.principal().orElseThrow();

        var brand = new Span("usheru AI");
        brand.addClassName("brand");

        var who = new RouterLink(principal.email(), AccountView.class);
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

        var nav = new SideNav();
        nav.addItem(new SideNavItem("Chat", ChatView.class, VaadinIcon.CHAT.create()));
        nav.addItem(new SideNavItem("Dashboard", DashboardView.class, VaadinIcon.DASHBOARD.create()));
        nav.addItem(new SideNavItem("Insights", ai.usheru.insights.ui.InsightsView.class, VaadinIcon.LIGHTBULB.create()));
        if (principal.role() == Role.ADMIN) {
            var admin = new SideNavItem("Admin console");
            admin.setExpanded(true);
            admin.addItem(new SideNavItem("Users", UsersView.class, VaadinIcon.USERS.create()));
            admin.addItem(new SideNavItem("Language models", ai.usheru.llm.ui.ModelsView.class, VaadinIcon.CLUSTER.create()));
            admin.addItem(new SideNavItem("Prediction models", ai.usheru.predict.ui.PredictionModelsView.class,
                    VaadinIcon.TRENDING_UP.create()));
            admin.addItem(new SideNavItem("Usage and cost", ai.usheru.quota.ui.UsageView.class, VaadinIcon.CHART.create()));
            admin.addItem(new SideNavItem("Verified examples", ai.usheru.memory.ui.VerifiedExamplesView.class, VaadinIcon.CHECK_SQUARE_O.create()));
            admin.addItem(new SideNavItem("Suggested questions", SuggestedQuestionsView.class, VaadinIcon.LIGHTBULB.create()));
            admin.addItem(new SideNavItem("Prompts", ai.usheru.prompts.ui.PromptsView.class, VaadinIcon.COMMENT_ELLIPSIS_O.create()));
            admin.addItem(new SideNavItem("Settings", ai.usheru.settings.ui.SettingsView.class, VaadinIcon.COG.create()));
            admin.addItem(new SideNavItem("Mail outbox", OutboxView.class, VaadinIcon.ENVELOPES.create()));
            admin.addItem(new SideNavItem("Insight runs", ai.usheru.insights.ui.InsightRunsView.class, VaadinIcon.CALENDAR_CLOCK.create()));
            admin.addItem(new SideNavItem("Audit log", ai.usheru.audit.ui.AuditLogView.class, VaadinIcon.RECORDS.create()));
            admin.addItem(new SideNavItem("API requests", ai.usheru.audit.ui.ApiRequestsView.class, VaadinIcon.EXCHANGE.create()));
            nav.addItem(admin);
        }
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
        // The chosen theme is remembered in the browser and applied before anything is drawn.
        getElement().executeJs("const t = localStorage.getItem('usheru-theme'); "
                + "if (t) { document.documentElement.setAttribute('theme', t); }");
    }

    private void toggleTheme() {
        getElement().executeJs("const dark = document.documentElement.getAttribute('theme') !== 'dark'; "
                + "document.documentElement.setAttribute('theme', dark ? 'dark' : ''); "
                + "localStorage.setItem('usheru-theme', dark ? 'dark' : '');");
    }
}
