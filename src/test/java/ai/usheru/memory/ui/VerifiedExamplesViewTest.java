package ai.usheru.memory.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.memory.Recall;
import ai.usheru.memory.Threads;
import ai.usheru.support.KaribuTest;

class VerifiedExamplesViewTest extends KaribuTest {

    @Autowired
    Threads threads;

    @Autowired
    Recall recall;

    @Test
    void anAdminRemovesAWrongExampleAndTheModelIsNoLongerShownIt() throws InterruptedException {
        String question = "Which distributor released the most musicals in " + UUID.randomUUID().toString().substring(0, 6) + "?";
        UUID id = threads.addVerifiedExample(question, "SELECT 'wrong' AS distributor", "usheru_data_mart", null);
        recall.rememberExample(id, question, "SELECT 'wrong' AS distributor", "usheru_data_mart", () -> threads.markIndexed(id));
        recall.flush();
        assertThat(recall.examplesLike(question, "usheru_data_mart")).extracting(Recall.Example::question).contains(question);

        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/examples");
        var grid = _get(VerifiedExamplesView.class).grid();
        _get(TextField.class, spec -> spec.withPlaceholder("Filter by question or SQL")).setValue(question.substring(question.length() - 8));
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._get(grid, 0).confirmedBy()).isNull();

        ButtonKt._click((Button) GridKt._getCellComponent(grid, 0, "remove"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        recall.flush();

        assertThat(GridKt._size(grid)).isZero();
        assertThat(recall.examplesLike(question, "usheru_data_mart")).extracting(Recall.Example::question).doesNotContain(question);
    }
}
