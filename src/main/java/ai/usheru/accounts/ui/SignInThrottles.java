package ai.usheru.accounts.ui;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.AuditTrail;
import ai.usheru.accounts.SignInThrottle;
import ai.usheru.accounts.SignInThrottledException;

/**
 * Accounts with failed sign-ins in the last 15 minutes, how long each must still wait, and Clear (a
 * person locked out by their own typos, or after a reset). Part of the users view.
 */
class SignInThrottles extends VerticalLayout {

    static final String EMPTY = "No failed sign-ins in the last 15 minutes.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final SignInThrottle throttle;
    private final AccountService accounts;
    private final AuditTrail audit;
    private final Grid<SignInThrottle.Throttled> grid = new Grid<>(SignInThrottle.Throttled.class, false);
    private final Span empty = new Span(EMPTY);

    SignInThrottles(SignInThrottle throttle, AccountService accounts, AuditTrail audit) {
        this.throttle = throttle;
        this.accounts = accounts;
        this.audit = audit;
        setPadding(false);
        setId("sign-in-throttles");
        grid.addColumn(SignInThrottle.Throttled::email).setHeader("E-mail").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(SignInThrottle.Throttled::failures).setHeader("Failed sign-ins").setAutoWidth(true);
        grid.addColumn(row -> row.lastFailure().format(TIME) + " UTC").setHeader("Last failure").setAutoWidth(true);
        grid.addColumn(SignInThrottles::waiting).setKey("wait").setHeader("Next attempt").setAutoWidth(true);
        grid.addComponentColumn(this::clearButton).setKey("clear").setHeader("").setAutoWidth(true).setFrozenToEnd(true);
        grid.setAllRowsVisible(true);
        empty.addClassName("empty-state");
        empty.setId("no-throttles");
        add(new H2("Failed sign-ins"), grid, empty);
        refresh();
    }

    Grid<SignInThrottle.Throttled> grid() {
        return grid;
    }

    void refresh() {
        List<SignInThrottle.Throttled> recent = throttle.recent();
        grid.setItems(recent);
        grid.setVisible(!recent.isEmpty());
        empty.setVisible(recent.isEmpty());
    }

    static String waiting(SignInThrottle.Throttled row) {
        return row.waitSeconds() > 0 ? "in " + SignInThrottledException.words(java.time.Duration.ofSeconds(row.waitSeconds())) : "now";
    }

    private Button clearButton(SignInThrottle.Throttled row) {
        var button = new Button("Clear", click -> {
            throttle.clear(row.email());
            audit.record(accounts.current().id(), "sign_in_throttle.clear", row.email(), Map.of());
            Notification.show(row.email() + " can sign in again now.", 4000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        });
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        button.setAriaLabel("Clear the failed sign-ins of " + row.email());
        return button;
    }
}
