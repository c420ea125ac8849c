package ai.usheru.memory.ui;

import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import ai.usheru.memory.VerifiedExamples;

/** Admins review the examples users confirmed, see their SQL, and remove wrong ones. */
@Route("admin/examples")
@Menu(title = "Verified examples", icon = "vaadin:check-square-o", order = 140)
@PageTitle("Verified examples · usheru AI")
@RolesAllowed("ADMIN")
public class VerifiedExamplesView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm");

    private final VerifiedExamples examples;
    private final Grid<VerifiedExamples.Example> grid = new Grid<>();
    private final TextField filter = new TextField();

    public VerifiedExamplesView(VerifiedExamples examples) {
        this.examples = examples;
        setSizeFull();
        filter.setPlaceholder("Filter by question or SQL");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(event -> refresh());
        filter.setClearButtonVisible(true);
        filter.setWidth("min(30rem, 100%)");

        grid.addColumn(VerifiedExamples.Example::question).setHeader("Question").setFlexGrow(2);
        grid.addColumn(VerifiedExamples.Example::datamart).setHeader("Datamart").setAutoWidth(true);
        grid.addColumn(example -> example.confirmedBy() == null ? "(deleted user)" : example.confirmedBy())
                .setHeader("Confirmed by").setAutoWidth(true);
        grid.addColumn(example -> WHEN.format(example.confirmedAt())).setHeader("When").setAutoWidth(true);
        grid.addComponentColumn(example -> {
            var remove = new Button(VaadinIcon.TRASH.create(), click -> confirmRemoval(example));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove " + example.question());
            return remove;
        }).setKey("remove").setAutoWidth(true).setFlexGrow(0);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(example -> {
            var sql = new Pre(example.sql());
            sql.addClassName("sql-text");
            return sql;
        }));
        grid.setEmptyStateText("No verified examples yet: a thumbs-up on an answer with SQL keeps its question and SQL here.");

        add(new H1("Verified examples"), new Paragraph("Questions users confirmed were answered correctly, with the SQL that "
                + "answered them. The closest ones are shown to the language model as examples; remove any that are wrong. "
                + "Click a row to see its SQL."), filter, grid);
        refresh();
    }

    Grid<VerifiedExamples.Example> grid() {
        return grid;
    }

    private void confirmRemoval(VerifiedExamples.Example example) {
        var dialog = new ConfirmDialog("Remove this example?", "“" + example.question() + "” will no longer be shown to the "
                + "language model.", "Remove", confirmed -> {
                    examples.remove(example.id());
                    refresh();
                });
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.open();
    }

    private void refresh() {
        String words = filter.getValue() == null ? "" : filter.getValue().strip().toLowerCase(java.util.Locale.ROOT);
        grid.setItems(examples.all().stream()
                .filter(example -> words.isEmpty() || example.question().toLowerCase(java.util.Locale.ROOT).contains(words)
                        || example.sql().toLowerCase(java.util.Locale.ROOT).contains(words))
                .toList());
    }
}
