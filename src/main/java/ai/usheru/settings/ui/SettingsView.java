package ai.usheru.settings.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import ai.usheru.DomainException;
import ai.usheru.settings.Setting;
import ai.usheru.settings.SettingsAdministration;
import ai.usheru.settings.SettingsAdministration.SettingValue;

/**
 * Admins change the settings that belong to them rather than to the environment: the row cap and timeout
 * of every query, and the quota new users get. Each field shows the value in force, with the
 * environment's default beside it and a reset to it.
 */
@Route("admin/settings")
@Menu(title = "Settings", icon = "vaadin:cog", order = 170)
@PageTitle("Settings · usheru AI")
@RolesAllowed("ADMIN")
public class SettingsView extends VerticalLayout {

    private static final String NOTE = "These settings apply to everyone from the next query on, on every instance within "
            + "5 seconds. The row cap and the timeout limit every question and hand-written query; the default quotas are "
            + "filled in for new users and invitations, and given to those created through the API without a quota — "
            + "people who have an account keep theirs. Environment variables give the defaults; Reset returns to them. "
            + "Every change is in the audit log.";
    private static final Map<Setting, String> LABELS = Map.of(
            Setting.QUERY_MAX_ROWS, "Rows per query at most",
            Setting.QUERY_TIMEOUT, "Query timeout",
            Setting.QUOTA_QUERIES_PER_DAY, "Queries per day",
            Setting.QUOTA_QUERIES_PER_MONTH, "Queries per month",
            Setting.QUOTA_TOKENS_PER_DAY, "Tokens per day",
            Setting.QUOTA_TOKENS_PER_MONTH, "Tokens per month",
            Setting.QUOTA_USD_PER_MONTH, "USD per month");
    private static final String UNLIMITED = "Unlimited";

    private final SettingsAdministration administration;
    private final Map<Setting, TextField> fields = new LinkedHashMap<>();
    private final Map<Setting, Button> resets = new LinkedHashMap<>();
    /** The values in force when the form was filled: Save changes only the fields that differ. */
    private final Map<Setting, String> shown = new LinkedHashMap<>();

    public SettingsView(SettingsAdministration administration) {
        this.administration = administration;
        setMaxWidth("48rem");

        var note = new Paragraph(NOTE);
        note.setId("settings-note");
        var queries = form();
        var quotas = form();
        for (Setting setting : Setting.values()) {
            (setting.group() == Setting.Group.QUERIES ? queries : quotas).add(row(setting));
        }

        var save = new Button("Save", VaadinIcon.CHECK.create(), click -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        save.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        save.setTooltipText("Enter or Ctrl+Enter");
        save.setId("save-settings");

        add(new H1("Settings"), note, new H2("Queries"), queries, new H2("Default quotas for new users"), quotas, save);
        show(administration.all());
    }

    /** The field of {@code setting}, for tests. */
    TextField field(Setting setting) {
        return fields.get(setting);
    }

    Button resetButton(Setting setting) {
        return resets.get(setting);
    }

    private static FormLayout form() {
        var form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        return form;
    }

    private HorizontalLayout row(Setting setting) {
        var field = new TextField(LABELS.get(setting));
        field.setId("setting-" + setting.key().replace('.', '-'));
        field.setWidthFull();
        field.setClearButtonVisible(setting.allowsEmpty());
        var reset = new Button("Reset", VaadinIcon.ROTATE_LEFT.create(), click -> reset(setting));
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        reset.setTooltipText("Back to the environment's default");
        reset.setId("reset-" + setting.key().replace('.', '-'));
        fields.put(setting, field);
        resets.put(setting, reset);
        var row = new HorizontalLayout(field, reset);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.expand(field);
        return row;
    }

    private void show(List<SettingValue> settings) {
        settings.forEach(this::show);
    }

    private void show(SettingValue value) {
        Setting setting = Setting.named(value.name()).orElseThrow();
        TextField field = fields.get(setting);
        field.setValue(value.value() == null ? "" : value.value());
        field.setPlaceholder(value.defaultValue() == null ? UNLIMITED : value.defaultValue());
        field.setHelperText(value.description() + " Default: " + (value.defaultValue() == null ? "unlimited" : value.defaultValue())
                + (value.overridden() ? " (changed by an admin)." : " (from the environment).") + " Takes " + value.allowed() + ".");
        field.setInvalid(false);
        resets.get(setting).setEnabled(value.overridden());
        shown.put(setting, value.value());
    }

    /** Saves every field that changed; a refused one keeps its text and says why, the others are saved. */
    private void save() {
        var saved = new ArrayList<String>();
        for (var entry : fields.entrySet()) {
            Setting setting = entry.getKey();
            TextField field = entry.getValue();
            field.setInvalid(false);
            String typed = field.getValue().strip();
            if (isUnchanged(setting, typed)) {
                continue;
            }
            try {
                show(administration.change(setting.key(), typed));
                saved.add(LABELS.get(setting).toLowerCase(java.util.Locale.ROOT));
            } catch (DomainException e) {
                field.setErrorMessage(e.getMessage());
                field.setInvalid(true);
            }
        }
        if (!saved.isEmpty()) {
            Notification.show("Saved: " + String.join(", ", saved), 3000, Notification.Position.BOTTOM_START);
        }
    }

    /** Whether {@code typed} is the value shown, however written ({@code 30} for {@code 30s}). */
    private boolean isUnchanged(Setting setting, String typed) {
        try {
            return Objects.equals(setting.canonical(typed), shown.get(setting));
        } catch (DomainException e) {
            return false;
        }
    }

    private void reset(Setting setting) {
        show(administration.reset(setting.key()));
        Notification.show(LABELS.get(setting) + " is back to its default", 3000, Notification.Position.BOTTOM_START);
    }
}
