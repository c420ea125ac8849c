package ai.usheru.accounts.ui;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;

import ai.usheru.DomainException;
import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountChanges;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.Catalogue;
import ai.usheru.accounts.InvitationService;
import ai.usheru.accounts.NewAccount;
import ai.usheru.accounts.NewInvitation;
import ai.usheru.accounts.NotificationService;
import ai.usheru.accounts.NotificationSettings;
import ai.usheru.accounts.Role;
import ai.usheru.accounts.Scope;
import ai.usheru.quota.Quota;

/**
 * Creates a user (e-mail, optional password, role, client, scope, model rights and quotas), invites one
 * (the same without the password, which the invitee chooses) or changes one (all but e-mail and
 * password). The service validates; its messages are shown beside the field they concern. Enter saves,
 * Escape closes.
 */
class UserDialog extends Dialog {

    final EmailField email = new EmailField("E-mail");
    final PasswordField password = new PasswordField("Password (optional)");
    final Select<Role> role = new Select<>();
    final ComboBox<String> client = new ComboBox<>("Client");
    final MultiSelectComboBox<Catalogue.Region> regions = new MultiSelectComboBox<>("Regions");
    final MultiSelectComboBox<String> datamarts = new MultiSelectComboBox<>("Datamarts");
    final MultiSelectComboBox<String> models = new MultiSelectComboBox<>("Language models");
    final ComboBox<String> defaultModel = new ComboBox<>("Default model");
    final IntegerField queriesPerDay = quotaField("Queries per day");
    final IntegerField queriesPerMonth = quotaField("Queries per month");
    final IntegerField tokensPerDay = quotaField("Tokens per day");
    final IntegerField tokensPerMonth = quotaField("Tokens per month");
    final BigDecimalField usdPerMonth = new BigDecimalField("USD per month");
    final Button save = new Button();
    /** Whether the person gets the weekly insights e-mail; shown when changing an account. */
    final Checkbox weeklyDigest = new Checkbox("Weekly insights e-mail");
    private final Paragraph error = new Paragraph();

    private final AccountService accounts;
    /** The account being changed; null while creating or inviting one. */
    private final Account editing;
    /** Set when the dialog invites instead of creating. */
    private final InvitationService invitations;
    /** Called with the e-mail of the account created, invited or changed. */
    private final Consumer<String> onSaved;

    /** A dialog that creates a new user. */
    static UserDialog forNewUser(AccountService accounts, Consumer<String> onSaved) {
        return new UserDialog(accounts, null, null, onSaved);
    }

    /** A dialog that invites someone by e-mail to an account set up as the form says. */
    static UserDialog forInvitation(AccountService accounts, InvitationService invitations, Consumer<String> onSent) {
        return new UserDialog(accounts, null, invitations, onSent);
    }

    /** A dialog that changes {@code account}, filled in with what it has now, its mail settings included. */
    static UserDialog forChanging(AccountService accounts, NotificationService notifications, Account account,
            Consumer<String> onSaved) {
        var dialog = new UserDialog(accounts, account, null, onSaved);
        dialog.notifications = notifications;
        dialog.weeklyDigest.setValue(notifications.of(account.id()).weeklyDigest());
        dialog.weeklyDigest.setVisible(true);
        return dialog;
    }

    /** Set when the dialog changes an account: its mail settings are saved with it. */
    private NotificationService notifications;

    private UserDialog(AccountService accounts, Account editing, InvitationService invitations, Consumer<String> onSaved) {
        this.accounts = accounts;
        this.editing = editing;
        this.invitations = invitations;
        this.onSaved = onSaved;
        setHeaderTitle(editing != null ? "Edit " + editing.email() : invitations != null ? "Invite someone" : "New user");
        setWidth("min(40rem, 100vw)");

        email.setRequiredIndicatorVisible(true);
        email.setPlaceholder("name@client.com");
        password.setHelperText("At least 8 characters. Leave empty to sign in by e-mailed link only.");
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setValue(Role.USER);
        client.setItems(accounts.clientNames());
        client.setAllowCustomValue(true);
        client.addCustomValueSetListener(event -> client.setValue(event.getDetail()));
        client.setHelperText("Pick one or type a new organisation.");
        regions.setItems(accounts.regions());
        regions.setItemLabelGenerator(region -> region.name() + " (" + region.code() + ")");
        regions.setHelperText("None selected: all regions.");
        datamarts.setItems(accounts.datamarts());
        datamarts.setHelperText("None selected: all datamarts.");
        models.setItems(accounts.modelNames());
        models.setHelperText("None selected: the default model, if one is configured.");
        models.addValueChangeListener(change -> {
            defaultModel.setItems(change.getValue().stream().sorted().toList());
            if (defaultModel.getValue() != null && !change.getValue().contains(defaultModel.getValue())) {
                defaultModel.clear();
            }
        });
        defaultModel.setHelperText("Used when the person picks none.");
        usdPerMonth.setPlaceholder("Unlimited");
        usdPerMonth.setPrefixComponent(new Span("$"));

        var form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2));
        weeklyDigest.setId("user-weekly-digest");
        weeklyDigest.setVisible(false);
        form.add(email, password, role, client, regions, datamarts, models, defaultModel, weeklyDigest);
        form.setColspan(email, 2);
        var limits = new H3("Quotas");
        form.add(limits, 2);
        form.add(queriesPerDay, queriesPerMonth, tokensPerDay, tokensPerMonth, usdPerMonth);
        error.addClassName("form-error");
        // Announced by screen readers as soon as its text is set.
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        add(form, error);

        save.setText(editing != null ? "Save changes" : invitations != null ? "Send invitation" : "Create user");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        save.addClickShortcut(Key.ENTER);
        save.setId(editing != null ? "save-user" : invitations != null ? "send-invitation" : "create-user");
        var cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, save);
        if (invitations != null) {
            password.setVisible(false);
            email.setHelperText("They get a link to accept, valid for seven days.");
        }
        if (editing == null) {
            // The admins' default quota for new users, which the admin may change for this person.
            fillQuota(accounts.defaultQuota());
        } else {
            fillFrom(editing);
        }
        // Only on opening: on closing, the dialog gives the focus back to the button that opened it.
        addOpenedChangeListener(opened -> {
            if (opened.isOpened()) {
                (editing == null ? email : role).focus();
            }
        });
    }

    private void fillFrom(Account account) {
        email.setValue(account.email());
        email.setReadOnly(true);
        email.setRequiredIndicatorVisible(false);
        password.setVisible(false);
        role.setValue(account.role());
        client.setValue(account.clientName());
        regions.setValue(Set.copyOf(regions.getListDataView().getItems()
                .filter(region -> account.scope().regions().contains(region.code())).toList()));
        datamarts.setValue(Set.copyOf(account.scope().datamarts()));
        var grants = accounts.modelGrants(account.id());
        models.setValue(Set.copyOf(grants.models()));
        defaultModel.setValue(grants.defaultModel());
        fillQuota(account.quota());
    }

    private void fillQuota(Quota quota) {
        queriesPerDay.setValue(quota.queriesPerDay());
        queriesPerMonth.setValue(quota.queriesPerMonth());
        tokensPerDay.setValue(toInteger(quota.tokensPerDay()));
        tokensPerMonth.setValue(toInteger(quota.tokensPerMonth()));
        usdPerMonth.setValue(quota.usdPerMonth());
    }

    private static IntegerField quotaField(String label) {
        var field = new IntegerField(label);
        field.setId("quota-" + label.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        field.setMin(0);
        field.setPlaceholder("Unlimited");
        return field;
    }

    void save() {
        error.setVisible(false);
        List.<HasValidation>of(email, password, regions, role, models).forEach(field -> field.setInvalid(false));
        if (editing == null && email.isEmpty()) {
            flag(email, "Enter the person's e-mail address.");
            email.focus();
            return;
        }
        Set<String> regionCodes = regions.getValue().stream().map(Catalogue.Region::code).collect(Collectors.toSet());
        var scope = new Scope(new HashSet<>(datamarts.getValue()), regionCodes);
        var quota = new Quota(queriesPerDay.getValue(), queriesPerMonth.getValue(), toLong(tokensPerDay.getValue()),
                toLong(tokensPerMonth.getValue()), usdPerMonth.getValue());
        try {
            String saved;
            if (editing != null) {
                saved = accounts.update(editing.id(), new AccountChanges(role.getValue(), client.getValue() == null ? "" : client.getValue(),
                        scope, quota, new HashSet<>(models.getValue()), defaultModel.getValue())).email();
                if (notifications != null) {
                    notifications.change(editing.id(), new NotificationSettings(weeklyDigest.getValue(), null));
                }
            } else if (invitations != null) {
                saved = invitations.invite(new NewInvitation(email.getValue(), role.getValue(), client.getValue(), scope, quota,
                        new HashSet<>(models.getValue()), defaultModel.getValue())).email();
            } else {
                saved = accounts.create(new NewAccount(email.getValue(), password.isEmpty() ? null : password.getValue(), role.getValue(),
                        client.getValue(), scope, quota, new HashSet<>(models.getValue()), defaultModel.getValue())).email();
            }
            close();
            onSaved.accept(saved);
        } catch (DomainException e) {
            show(e);
        }
    }

    private void show(DomainException e) {
        switch (e.code()) {
            case "invalid_email", "email_taken", "already_invited" -> {
                flag(email, e.getMessage());
                email.focus();
            }
            case "weak_password" -> {
                flag(password, e.getMessage());
                password.focus();
            }
            case "unknown_region" -> flag(regions, e.getMessage());
            case "cannot_demote_self" -> {
                flag(role, e.getMessage());
                role.focus();
            }
            case "unknown_model" -> flag(models, e.getMessage());
            default -> {
                error.setText(e.getMessage());
                error.setVisible(true);
            }
        }
    }

    /** Shows {@code message} beside the field it concerns. */
    private static void flag(HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private static Long toLong(Integer value) {
        return value == null ? null : value.longValue();
    }

    private static Integer toInteger(Long value) {
        return value == null ? null : Math.toIntExact(Math.min(value, Integer.MAX_VALUE));
    }
}
