package ai.usheru.prompts.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.prompts.PromptAdministration;
import ai.usheru.support.KaribuTest;

class PromptsViewTest extends KaribuTest {

    private static final String MART = "datamart:usheru_data_mart";

    @Autowired
    PromptAdministration administration;

    @AfterEach
    void clearPrompt() {
        users.asAdmin(() -> administration.save(MART, "", null));
    }

    @Test
    void anAdminSavesADatamartPromptThenRestoresAnEarlierVersionAsANewOne() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/prompts");
        assertThat(_get(Paragraph.class, spec -> spec.withId("prompts-note")).getText()).as("the note")
                .contains("go to the language model only and do not change the offline planner");
        choose(MART);
        int before = administration.get(MART).version();
        var text = _get(TextArea.class, spec -> spec.withId("prompt-text"));

        text.setValue("Prefer UK spelling.");
        assertThat(text.getHelperText()).isEqualTo("19 / 4,000 characters");
        ButtonKt._click(_get(Button.class, spec -> spec.withId("save-prompt")));
        text.setValue("Prefer US spelling.");
        ButtonKt._click(_get(Button.class, spec -> spec.withId("save-prompt")));

        assertThat(administration.get(MART).body()).isEqualTo("Prefer US spelling.");
        assertThat(_get(Span.class, spec -> spec.withId("prompt-status")).getText())
                .startsWith("Version " + (before + 2) + ", saved by " + ADMIN_EMAIL);
        var history = _get(PromptsView.class).history();
        assertThat(GridKt._size(history)).isEqualTo(before + 2);
        history.asSingleSelect().setValue(GridKt._get(history, 1));
        assertThat(_get(TextArea.class, spec -> spec.withId("prompt-preview")).getValue()).isEqualTo("Prefer UK spelling.");

        ButtonKt._click(_get(Button.class, spec -> spec.withId("restore-prompt")));

        var restored = administration.get(MART);
        assertThat(restored.version()).as("restoring writes a new version").isEqualTo(before + 3);
        assertThat(restored.body()).isEqualTo("Prefer UK spelling.");
        assertThat(text.getValue()).isEqualTo("Prefer UK spelling.");
        assertThat(GridKt._size(history)).isEqualTo(before + 3);
    }

    @Test
    void aSaveAfterSomeoneElseSavedIsRefusedKeepsTheTextAndASecondSaveReplacesTheirs() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/prompts");
        choose(MART);
        var text = _get(TextArea.class, spec -> spec.withId("prompt-text"));
        text.setValue("Mine: answer in one sentence.");
        users.asAdmin(() -> administration.save(MART, "Theirs: answer in French.", null));

        ButtonKt._click(_get(Button.class, spec -> spec.withId("save-prompt")));

        var conflict = _get(Span.class, spec -> spec.withId("prompt-conflict"));
        assertThat(conflict.isVisible()).isTrue();
        assertThat(conflict.getText()).contains("Someone else saved this prompt").contains(ADMIN_EMAIL);
        assertThat(administration.get(MART).body()).as("nothing overwritten").isEqualTo("Theirs: answer in French.");
        assertThat(text.getValue()).as("the admin's text is kept").isEqualTo("Mine: answer in one sentence.");

        ButtonKt._click(_get(Button.class, spec -> spec.withId("save-prompt")));

        assertThat(administration.get(MART).body()).isEqualTo("Mine: answer in one sentence.");
        assertThat(conflict.isVisible()).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static void choose(String name) {
        Select<PromptAdministration.PromptSummary> select = _get(Select.class, spec -> spec.withId("prompt-choice"));
        select.setValue(select.getListDataView().getItems().filter(prompt -> prompt.name().equals(name)).findFirst().orElseThrow());
    }
}
