package ai.usheru.settings.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.settings.Setting;
import ai.usheru.settings.Settings;
import ai.usheru.settings.SettingsAdministration;
import ai.usheru.support.KaribuTest;

class SettingsViewTest extends KaribuTest {

    @Autowired
    SettingsAdministration administration;

    @Autowired
    Settings settings;

    /** Tests share one application: every setting goes back to the environment's value. */
    @AfterEach
    void resetEverySetting() {
        users.asAdmin(() -> {
            for (Setting setting : Setting.values()) {
                administration.reset(setting.key());
            }
            return null;
        });
    }

    @Test
    void anAdminChangesTheRowCapAndADefaultQuotaThenResetsTheCap() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/settings");
        var view = _get(SettingsView.class);
        assertThat(_get(Paragraph.class, spec -> spec.withId("settings-note")).getText()).as("the note")
                .contains("people who have an account keep theirs");
        var rows = view.field(Setting.QUERY_MAX_ROWS);
        var perDay = view.field(Setting.QUOTA_QUERIES_PER_DAY);
        assertThat(rows.getValue()).isEqualTo("1000");
        assertThat(rows.getPlaceholder()).isEqualTo("1000");
        assertThat(rows.getHelperText()).contains("Default: 1000 (from the environment)");
        assertThat(perDay.getValue()).isEmpty();
        assertThat(perDay.getPlaceholder()).isEqualTo("Unlimited");
        assertThat(view.resetButton(Setting.QUERY_MAX_ROWS).isEnabled()).as("nothing to reset yet").isFalse();

        rows.setValue("250");
        perDay.setValue("12");
        ButtonKt._click(_get(Button.class, spec -> spec.withId("save-settings")));

        assertThat(settings.queryMaxRows()).isEqualTo(250);
        assertThat(settings.forNewUsers().queriesPerDay()).isEqualTo(12);
        assertThat(rows.getHelperText()).contains("(changed by an admin)");
        assertThat(view.resetButton(Setting.QUERY_MAX_ROWS).isEnabled()).isTrue();

        ButtonKt._click(view.resetButton(Setting.QUERY_MAX_ROWS));

        assertThat(settings.queryMaxRows()).isEqualTo(1000);
        assertThat(rows.getValue()).isEqualTo("1000");
        assertThat(settings.forNewUsers().queriesPerDay()).as("a reset touches its own field only").isEqualTo(12);
    }

    @Test
    void aValueOutsideTheRangeIsExplainedBesideItsFieldAndNothingIsSaved() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/settings");
        var view = _get(SettingsView.class);
        var timeout = view.field(Setting.QUERY_TIMEOUT);

        timeout.setValue("2h");
        ButtonKt._click(_get(Button.class, spec -> spec.withId("save-settings")));

        assertThat(timeout.isInvalid()).isTrue();
        assertThat(timeout.getErrorMessage()).contains("from 1s to 10m");
        assertThat(timeout.getValue()).as("the admin's text is kept").isEqualTo("2h");
        assertThat(settings.queryTimeout()).hasSeconds(30);
    }
}
