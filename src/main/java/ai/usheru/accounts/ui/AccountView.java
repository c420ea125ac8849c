package ai.usheru.accounts.ui;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.ApiTokenService;
import ai.usheru.accounts.NotificationService;
import ai.usheru.accounts.NotificationSettings;

/** The signed-in person's account: who they are, what they may see and spend, and their personal API tokens. */
@Route("account")
@PageTitle("Account · usheru AI")
@PermitAll
public class AccountView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm");

    private final ApiTokenService tokens;
    private final Grid<ApiTokenService.PersonalToken> grid = new Grid<>();
    private final TextField newToken = new TextField("New token (shown only once)");

    public AccountView(AccountService accounts, ApiTokenService tokens, NotificationService notifications) {
        this.tokens = tokens;
        Account me = accounts.current();
        add(new H1("Account"),
                new Paragraph(me.email() + " · " + me.role() + (me.clientName() == null ? "" : " · " + me.clientName())),
                new Paragraph("You see " + me.scope().describeRegions() + ". Quota: " + UsersView.describe(me.quota()) + "."));
        mailSettings(notifications);

        var name = new TextField("Token name");
        name.setPlaceholder("e.g. Power BI refresh");
        name.setId("token-name");
        var validity = new Select<Duration>();
        validity.setLabel("Valid for");
        validity.setItems(Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(365));
        validity.setItemLabelGenerator(duration -> duration.toDays() + " days");
        validity.setValue(Duration.ofDays(90));
        var create = new Button("Create token", VaadinIcon.KEY.create(), click -> {
            var issued = tokens.issuePersonal(name.getValue(), validity.getValue());
            newToken.setValue(issued.token());
            newToken.setVisible(true);
            newToken.setHelperText("Copy it now: only its hash is kept. Expires " + issued.expiresAt().format(WHEN) + ".");
            name.clear();
            refresh();
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-token");
        newToken.setReadOnly(true);
        newToken.setWidthFull();
        newToken.setVisible(false);
        newToken.setId("new-token");
        var form = new HorizontalLayout(name, validity, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        grid.addColumn(ApiTokenService.PersonalToken::name).setHeader("Name").setFlexGrow(1);
        grid.addColumn(token -> token.createdAt().format(WHEN)).setHeader("Created").setAutoWidth(true);
        grid.addColumn(token -> token.expiresAt() == null ? "never" : token.expiresAt().format(WHEN)).setHeader("Expires").setAutoWidth(true);
        grid.addComponentColumn(token -> {
            if (token.revoked()) {
                return new Paragraph("revoked");
            }
            var revoke = new Button("Revoke", click -> {
                tokens.revoke(token.id());
                refresh();
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return revoke;
        }).setKey("revoke").setHeader("").setAutoWidth(true);
        grid.setEmptyStateText("No API tokens yet.");
        grid.setAllRowsVisible(true);
        add(new H2("API tokens"), new Paragraph("Scripts and BI tools call the API with a bearer token, under your scope and quota."),
                form, newToken, grid);
        refresh();
    }

    Grid<ApiTokenService.PersonalToken> grid() {
        return grid;
    }

    /** The weekly insights e-mail: on or off, and the time zone whose morning it arrives in; saved as soon as changed. */
    private void mailSettings(NotificationService notifications) {
        NotificationSettings settings = notifications.mine();
        var digest = new Checkbox("Send me the weekly insights e-mail", settings.weeklyDigest());
        digest.setId("weekly-digest");
        var zone = new ComboBox<String>("Time zone");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.setValue(settings.timeZone());
        zone.setHelperText("The e-mail arrives in the morning of this time zone");
        zone.setId("time-zone");
        zone.setWidth("18rem");
        digest.addValueChangeListener(change -> saved(notifications.changeMine(new NotificationSettings(change.getValue(), null))));
        zone.addValueChangeListener(change -> {
            if (change.getValue() != null) {
                saved(notifications.changeMine(new NotificationSettings(null, change.getValue())));
            }
        });
        var row = new HorizontalLayout(digest, zone);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        add(new H2("Weekly insights"), row);
    }

    private static void saved(NotificationSettings settings) {
        Notification.show(settings.weeklyDigest() ? "Weekly insights on, mornings in " + settings.timeZone() + "." : "Weekly insights off.",
                3000, Notification.Position.BOTTOM_START);
    }

    private void refresh() {
        grid.setItems(tokens.personalTokens());
    }
}
