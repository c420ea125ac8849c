package ai.usheru.ask.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.vaadin.flow.component.UI;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.Test;

import ai.usheru.support.KaribuTest;

class ChatViewTest extends KaribuTest {

    @Test
    void theEmptyStateNamesTheUsersScopeAndOffersQuickLinks() {
        var irish = aUser().scopedTo("IE");
        users.create(irish);
        signInAs(irish.email());

        UI.getCurrent().navigate("chat");

        assertThat(_get(VerticalLayout.class, spec -> spec.withId("chat-empty-state")).isVisible()).isTrue();
        assertThat(_get(Paragraph.class, spec -> spec.withId("scope-line")).getText()).contains("IE");
        for (String link : ChatView.QUICK_LINKS) {
            assertThat(_get(Button.class, spec -> spec.withText(link))).isNotNull();
        }
    }

    @Test
    void aQuickLinkFillsInTheQuestion() {
        var user = aUser();
        users.create(user);
        signInAs(user.email());
        UI.getCurrent().navigate("chat");

        ButtonKt._click(_get(Button.class, spec -> spec.withText(ChatView.QUICK_LINKS.getFirst())));

        assertThat(_get(TextArea.class, spec -> spec.withId("question")).getValue()).isEqualTo(ChatView.QUICK_LINKS.getFirst());
    }

    @Test
    void aQuestionIsAnsweredWithItsRowsInAGrid() {
        var user = aUser();
        users.create(user);
        signInAs(user.email());
        UI.getCurrent().navigate("chat");
        var question = _get(TextArea.class, spec -> spec.withId("question"));

        question.setValue("Top 5 films by box office");
        ButtonKt._click(_get(Button.class, spec -> spec.withId("send")));

        _assertNone(VerticalLayout.class, spec -> spec.withId("chat-empty-state"));
        assertThat(_get(Paragraph.class, spec -> spec.withText("Top 5 films by box office"))).isNotNull();
        assertThat(question.getValue()).isEmpty();
        var grid = _get(AnswerCard.class).getChildren().filter(child -> child instanceof Grid).findFirst().orElseThrow();
        assertThat(GridKt._size((Grid<?>) grid)).isEqualTo(5);
        assertThat(GridKt._getFormattedRow((Grid<?>) grid, 0)).first().isEqualTo("Avatar");
    }
}
