package ai.usheru.accounts.ui;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;

import ai.usheru.DomainException;
import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.Catalogue;
import ai.usheru.accounts.NewAccount;
import ai.usheru.accounts.Role;
import ai.usheru.accounts.Scope;
import ai.usheru.quota.Quota;

/**
 * Creates a user: e-mail, optional password, role, client, scope and quotas. The service validates;
 * its messages are shown beside the field they concern. Enter saves, Escape closes.
 */
class CreateUserDialog extends Dialog {

    final EmailField email = new EmailField("E-mail");
    final PasswordField password = new PasswordField("Password (optional)");
    final Select<Role> role = new Select<>();
    final ComboBox<String> client = new ComboBox<>("Client");
    final MultiSelectComboBox<Catalogue.Region> regions = new MultiSelectComboBox<>("Regions");
    final MultiSelectComboBox<String> datamarts = new MultiSelectComboBox<>("Datamarts");
    final MultiSelectComboBox<String> models = new MultiSelectComboBox<>("Language models");
    final IntegerField queriesPerDay = quotaField("Queries per day");
    final IntegerField queriesPerMonth = quotaField("Queries per month");
    final IntegerField tokensPerDay = quotaField("Tokens per day");
    final IntegerField tokensPerMonth = quotaField("Tokens per month");
    final BigDecimalField usdPerMonth = new BigDecimalField("USD per month");
    final Button save = new Button("Create user");
    private final Paragraph error = new Paragraph();

    private final AccountService accounts;
    private final Consumer<Account> onCreated;

    CreateUserDialog(AccountService accounts, Consumer<Account> onCreated) {
        this.accounts = accounts;
        this.onCreated = onCreated;
        setHeaderTitle("New user");
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
        usdPerMonth.setPlaceholder("Unlimited");
        usdPerMonth.setPrefixComponent(new Span("$"));

        var form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2));
        form.add(email, password, role, client, regions, datamarts, models);
        form.setColspan(email, 2);
        var limits = new H4("Quotas");
        form.add(limits, 2);
        form.add(queriesPerDay, queriesPerMonth, tokensPerDay, tokensPerMonth, usdPerMonth);
        error.addClassName("form-error");
        error.setVisible(false);
        add(form, error);

        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        save.addClickShortcut(Key.ENTER);
        save.setId("create-user");
        var cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, save);
        addOpenedChangeListener(opened -> email.focus());
    }

    private static IntegerField quotaField(String label) {
        var field = new IntegerField(label);
        field.setMin(0);
        field.setPlaceholder("Unlimited");
        return field;
    }

    void save() {
        error.setVisible(false);
        email.setInvalid(false);
        password.setInvalid(false);
        regions.setInvalid(false);
        if (email.isEmpty()) {
            email.setErrorMessage("Enter the person's e-mail address.");
            email.setInvalid(true);
            email.focus();
            return;
        }
        Set<String> regionCodes = regions.getValue().stream().map(Catalogue.Region::code).collect(Collectors.toSet());
        var request = new NewAccount(email.getValue(), password.isEmpty() ? null : password.getValue(), role.getValue(),
                client.getValue(), new Scope(new HashSet<>(datamarts.getValue()), regionCodes),
                new Quota(queriesPerDay.getValue(), queriesPerMonth.getValue(), toLong(tokensPerDay.getValue()),
                        toLong(tokensPerMonth.getValue()), usdPerMonth.getValue()),
                new HashSet<>(models.getValue()), null);
        try {
            Account created = accounts.create(request);
            close();
            onCreated.accept(created);
        } catch (DomainException e) {
            show(e);
        }
    }

    private void show(DomainException e) {
        switch (e.code()) {
            case "invalid_email", "email_taken" -> {
                email.setErrorMessage(e.getMessage());
                email.setInvalid(true);
                email.focus();
            }
            case "weak_password" -> {
                password.setErrorMessage(e.getMessage());
                password.setInvalid(true);
                password.focus();
            }
            case "unknown_region" -> {
                regions.setErrorMessage(e.getMessage());
                regions.setInvalid(true);
            }
            default -> {
                error.setText(e.getMessage());
                error.setVisible(true);
            }
        }
    }

    private static Long toLong(Integer value) {
        return value == null ? null : value.longValue();
    }
}
