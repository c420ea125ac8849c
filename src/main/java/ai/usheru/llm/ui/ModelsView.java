package ai.usheru.llm.ui;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import ai.usheru.llm.ModelAdministration;

/** Admins list, add and edit the language models the product may call, with their prices. */
@Route("admin/models")
@Menu(title = "Language models", icon = "vaadin:cluster", order = 110)
@PageTitle("Language models · usheru AI")
@RolesAllowed("ADMIN")
public class ModelsView extends VerticalLayout {

    private final ModelAdministration administration;
    private final Grid<ModelAdministration.ModelRow> grid = new Grid<>();

    public ModelsView(ModelAdministration administration) {
        this.administration = administration;
        setSizeFull();
        var add = new Button("New model", VaadinIcon.PLUS.create(), click -> open(null));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("new-model");
        var header = new HorizontalLayout(new H1("Language models"), add);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.addColumn(row -> row.model().name()).setHeader("Model").setSortable(true).setAutoWidth(true);
        grid.addComponentColumn(ModelsView::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(row -> row.model().baseUrl()).setHeader("Endpoint").setFlexGrow(1);
        grid.addColumn(row -> row.apiKeyEnv().isEmpty() ? "none" : row.apiKeyEnv() + (row.keyPresent() ? "" : " (not set)"))
                .setHeader("Key from").setAutoWidth(true);
        grid.addColumn(row -> usd(row.model().inputUsdPerMillion())).setHeader("Input $/M tokens").setAutoWidth(true)
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        grid.addColumn(row -> usd(row.model().outputUsdPerMillion())).setHeader("Output $/M tokens").setAutoWidth(true)
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        grid.addColumn(ModelAdministration.ModelRow::grantedUsers).setHeader("Users granted").setAutoWidth(true)
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        grid.addComponentColumn(row -> {
            var edit = new Button(VaadinIcon.EDIT.create(), click -> open(row));
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            edit.setAriaLabel("Edit " + row.model().name());
            return edit;
        }).setKey("edit").setAutoWidth(true).setFlexGrow(0);
        grid.addItemDoubleClickListener(event -> open(event.getItem()));
        grid.setEmptyStateText("No language models: the offline planner answers every question. Add one, or start with OPENAI_BASE_URL and OPENAI_MODEL.");

        add(header, new Paragraph("Questions the offline planner cannot read go to a user's model. Users without grants use "
                + "the default (the first enabled model). Prices turn the tokens each model reports into dollars for quotas and reports."),
                grid);
        refresh();
    }

    Grid<ModelAdministration.ModelRow> grid() {
        return grid;
    }

    private void open(ModelAdministration.ModelRow row) {
        new ModelDialog(administration, row, saved -> {
            refresh();
            Notification.show("Saved " + saved.name(), 3000, Notification.Position.BOTTOM_START);
        }).open();
    }

    private static Span status(ModelAdministration.ModelRow row) {
        var badge = new Span(!row.model().enabled() ? "Disabled" : row.isDefault() ? "Default" : "Enabled");
        badge.getElement().getThemeList().add("badge pill small" + (!row.model().enabled() ? " contrast" : row.isDefault() ? " success" : ""));
        return badge;
    }

    private static String usd(BigDecimal value) {
        var format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setMaximumFractionDigits(6);
        return format.format(value);
    }

    private void refresh() {
        grid.setItems(administration.all());
    }
}
