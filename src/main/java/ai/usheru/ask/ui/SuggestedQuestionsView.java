package ai.usheru.ask.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import ai.usheru.DomainException;
import ai.usheru.ask.SuggestedQuestions;

/** Admins curate the questions every user is offered on an empty chat. */
@Route("admin/suggestions")
@Menu(title = "Suggested questions", icon = "vaadin:lightbulb", order = 150)
@PageTitle("Suggested questions · usheru AI")
@RolesAllowed("ADMIN")
public class SuggestedQuestionsView extends VerticalLayout {

    private final SuggestedQuestions suggestions;
    private final Grid<SuggestedQuestions.Suggestion> grid = new Grid<>();
    private final TextField question = new TextField();

    public SuggestedQuestionsView(SuggestedQuestions suggestions) {
        this.suggestions = suggestions;
        setSizeFull();
        question.setPlaceholder("A question users can start with, e.g. “Top 10 films in my region this year”");
        question.setWidthFull();
        question.setId("new-suggestion");
        var add = new Button("Add", VaadinIcon.PLUS.create(), click -> add());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickShortcut(Key.ENTER);
        add.setId("add-suggestion");
        var form = new HorizontalLayout(question, add);
        form.setWidthFull();
        form.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.addColumn(SuggestedQuestions.Suggestion::question).setHeader("Question").setFlexGrow(1);
        grid.addComponentColumn(suggestion -> {
            var remove = new Button(VaadinIcon.TRASH.create(), click -> {
                suggestions.remove(suggestion.id());
                refresh();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove " + suggestion.question());
            return remove;
        }).setKey("remove").setAutoWidth(true).setFlexGrow(0);
        grid.setEmptyStateText("No suggested questions yet: users see the built-in quick links.");
        add(new H1("Suggested questions"), new Paragraph("Shown to every user on an empty chat, in this order."), form, grid);
        refresh();
    }

    Grid<SuggestedQuestions.Suggestion> grid() {
        return grid;
    }

    private void add() {
        try {
            suggestions.add(question.getValue());
            question.clear();
            question.setInvalid(false);
            refresh();
        } catch (DomainException e) {
            question.setErrorMessage(e.getMessage());
            question.setInvalid(true);
        }
        question.focus();
    }

    private void refresh() {
        grid.setItems(suggestions.all());
    }
}
