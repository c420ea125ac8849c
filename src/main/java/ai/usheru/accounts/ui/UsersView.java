package ai.usheru.accounts.ui;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import ai.usheru.DomainException;
import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.InvitationService;
import ai.usheru.accounts.NotificationService;
import ai.usheru.quota.Quota;

/**
 * The admin console's list of users: who they are, what they may see and spend, a dialog to add one
 * and the same dialog to change one (the Edit button, or a double-click on the row) or to invite one by
 * e-mail; below, the invitations not accepted yet.
 */
@Route("admin/users")
@Menu(title = "Users", icon = "vaadin:users", order = 100)
@PageTitle("Users · usheru AI")
@RolesAllowed("ADMIN")
public class UsersView extends VerticalLayout {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("d MMM yyyy");

    private final AccountService accounts;
    private final InvitationService invitations;
    private final NotificationService notifications;
    private final PendingInvitations pending;
    private final SignInThrottles throttles;
    private final Grid<Account> grid = new Grid<>(Account.class, false);
    private final TextField filter = new TextField();
    private final Span empty = new Span("No users match this filter.");
    private List<Account> all = List.of();

    public UsersView(AccountService accounts, InvitationService invitations, NotificationService notifications,
            ai.usheru.accounts.SignInThrottle throttle, ai.usheru.accounts.AuditTrail audit) {
        this.accounts = accounts;
        this.notifications = notifications;
        this.invitations = invitations;
        this.pending = new PendingInvitations(invitations);
        this.throttles = new SignInThrottles(throttle, accounts, audit);
        setSizeFull();

        var title = new H1("Users");
        filter.setPlaceholder("Filter by e-mail or client");
        filter.setAriaLabel("Filter users by e-mail or client");
        filter.setId("user-filter");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.EAGER);
        filter.addValueChangeListener(change -> applyFilter());
        var create = new Button("New user", VaadinIcon.PLUS.create(), click -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-user");
        var invite = new Button("Invite", VaadinIcon.ENVELOPE.create(), click -> openInviteDialog());
        invite.setId("invite-user");
        var toolbar = new HorizontalLayout(title, filter, invite, create);
        toolbar.setWidthFull();
        toolbar.setWrap(true);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.expand(filter);

        grid.addColumn(Account::email).setHeader("E-mail").setAutoWidth(true).setSortable(true).setFlexGrow(1);
        grid.addColumn(account -> account.role().name()).setHeader("Role").setAutoWidth(true).setSortable(true);
        grid.addColumn(account -> account.clientName() == null ? "—" : account.clientName()).setHeader("Client")
                .setAutoWidth(true).setSortable(true);
        grid.addColumn(account -> account.scope().describeRegions()).setHeader("Regions").setAutoWidth(true);
        grid.addColumn(account -> describe(account.quota())).setHeader("Quota").setAutoWidth(true);
        grid.addColumn(account -> account.createdAt().format(CREATED)).setHeader("Created").setAutoWidth(true);
        // The actions stay in sight however wide the other columns are.
        grid.addComponentColumn(this::editButton).setKey("edit").setHeader("").setAutoWidth(true).setFrozenToEnd(true);
        grid.addComponentColumn(this::blockButton).setKey("access").setHeader("Access").setAutoWidth(true).setFrozenToEnd(true);
        grid.addItemDoubleClickListener(click -> openEditDialog(click.getItem()));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        // The users take the room the invitations below leave, and never less than a few rows.
        grid.setWidthFull();
        grid.setMinHeight("16rem");
        empty.addClassName("empty-state");
        empty.setVisible(false);

        add(toolbar, grid, empty, pending, throttles);
        expand(grid);
        refresh();
    }

    Grid<Account> grid() {
        return grid;
    }

    private Button blockButton(Account account) {
        var button = new Button(account.blocked() ? "Unblock" : "Block", click -> {
            try {
                accounts.setBlocked(account.id(), !account.blocked());
                refresh();
            } catch (DomainException e) {
                Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        button.addThemeVariants(ButtonVariant.LUMO_SMALL,
                account.blocked() ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_ERROR);
        return button;
    }

    private Button editButton(Account account) {
        var button = new Button("Edit", VaadinIcon.EDIT.create(), click -> openEditDialog(account));
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        button.setAriaLabel("Edit " + account.email());
        return button;
    }

    SignInThrottles throttles() {
        return throttles;
    }

    PendingInvitations pending() {
        return pending;
    }

    private void openCreateDialog() {
        UserDialog.forNewUser(accounts, created -> saved("Created " + created)).open();
    }

    private void openInviteDialog() {
        UserDialog.forInvitation(accounts, invitations, invited -> {
            pending.refresh();
            Notification.show("Invitation sent to " + invited + ".", 4000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }).open();
    }

    private void openEditDialog(Account account) {
        UserDialog.forChanging(accounts, notifications, account, changed -> saved("Saved " + changed)).open();
    }

    private void saved(String message) {
        refresh();
        Notification.show(message, 4000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private void refresh() {
        all = accounts.list();
        applyFilter();
    }

    private void applyFilter() {
        String text = filter.getValue().strip().toLowerCase();
        List<Account> shown = all.stream()
                .filter(account -> text.isEmpty() || account.email().contains(text)
                        || (account.clientName() != null && account.clientName().toLowerCase().contains(text)))
                .toList();
        grid.setItems(shown);
        empty.setVisible(shown.isEmpty());
    }

    static String describe(Quota quota) {
        if (quota.isUnlimited()) {
            return "Unlimited";
        }
        var parts = new ArrayList<String>();
        if (quota.queriesPerDay() != null) {
            parts.add(quota.queriesPerDay() + " queries/day");
        }
        if (quota.queriesPerMonth() != null) {
            parts.add(quota.queriesPerMonth() + " queries/month");
        }
        if (quota.tokensPerDay() != null) {
            parts.add(quota.tokensPerDay() + " tokens/day");
        }
        if (quota.tokensPerMonth() != null) {
            parts.add(quota.tokensPerMonth() + " tokens/month");
        }
        if (quota.usdPerMonth() != null) {
            parts.add("$" + quota.usdPerMonth().stripTrailingZeros().toPlainString() + "/month");
        }
        return String.join(", ", parts);
    }
}
