package ai.usheru.ask.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;

import ai.usheru.support.KaribuTest;

class SuggestedQuestionsViewTest extends KaribuTest {

    @Test
    void anAdminAddsAndRemovesASuggestedQuestion() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/suggestions");
        var grid = _get(SuggestedQuestionsView.class).grid();
        int before = GridKt._size(grid);

        _get(TextField.class, spec -> spec.withId("new-suggestion")).setValue("Top 3 musicals of all time");
        ButtonKt._click(_get(Button.class, spec -> spec.withId("add-suggestion")));
        assertThat(GridKt._size(grid)).isEqualTo(before + 1);

        int row = 0;
        while (!GridKt._get(grid, row).question().equals("Top 3 musicals of all time")) {
            row++;
        }
        ButtonKt._click((Button) GridKt._getCellComponent(grid, row, "remove"));
        assertThat(GridKt._size(grid)).isEqualTo(before);
    }

    @Test
    void anEmptySuggestionIsExplained() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/suggestions");

        ButtonKt._click(_get(Button.class, spec -> spec.withId("add-suggestion")));

        var field = _get(TextField.class, spec -> spec.withId("new-suggestion"));
        assertThat(field.isInvalid()).isTrue();
        assertThat(field.getErrorMessage()).contains("1 to 500 characters");
    }
}
