package ai.usheru.ask.ui;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.textfield.TextArea;

import ai.usheru.ask.AskReply;
import ai.usheru.ask.planner.Interpretation;
import ai.usheru.components.ChartOptions;
import ai.usheru.components.EChart;
import ai.usheru.warehouse.QueryResult;

/**
 * One answer in the chat: the sentence, a KPI card or a chart (switchable between bar, line, pie and
 * table) with the rows in a sortable grid, the SQL with copy and edit-and-run, and follow-up chips.
 */
class AnswerCard extends Div {

    private final AskReply reply;
    private final EChart chart = new EChart();
    private final RadioButtonGroup<String> chartType = new RadioButtonGroup<>();

    /** What a card can ask its chat to do. */
    interface Actions {
        void ask(String question);

        void runSql(String sql);

        /** Runs the answer {@code messageId} again without one part of its reading; {@code reading} says what is left. */
        void askWithout(UUID messageId, String partKey, String reading);

        void rate(UUID messageId, int rating);
    }

    AnswerCard(AskReply reply, Actions actions) {
        Consumer<String> askFollowUp = actions::ask;
        Consumer<String> runSql = actions::runSql;
        this.reply = reply;
        addClassName("message-assistant");
        addClassName("answer-card");
        var answer = new Paragraph(reply.answer());
        answer.addClassName("answer-text");
        if (reply.interpretation() != null) {
            add(reading(actions));
        }
        add(answer);
        if ("kpi".equals(reply.chart()) && !reply.rows().isEmpty()) {
            add(kpis());
        } else if (!reply.rows().isEmpty()) {
            if (reply.prediction() != null || reply.columns().size() >= 2 && reply.columns().getLast().isNumber()) {
                add(chartSwitcher(), chart);
                drawChart("table".equals(reply.chart()) ? "bar" : reply.chart());
            }
            add(grid());
        }
        if (reply.sql() != null) {
            add(sqlPanel(runSql));
        }
        if (!reply.suggestions().isEmpty()) {
            var chips = new HorizontalLayout();
            chips.setWrap(true);
            chips.addClassName("follow-ups");
            for (String suggestion : reply.suggestions()) {
                var chip = new Button(suggestion, click -> askFollowUp.accept(suggestion));
                chip.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
                chips.add(chip);
            }
            add(chips);
        }
        var footer = new HorizontalLayout();
        footer.addClassName("answer-footer");
        footer.setAlignItems(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.CENTER);
        if (!reply.scope().isEmpty()) {
            var scope = new Span(VaadinIcon.GLOBE.create(), new Span(" " + reply.scope()));
            scope.addClassName("scope-note");
            footer.add(scope);
        }
        if (reply.usage() != null && reply.usage().promptTokens() + reply.usage().completionTokens() > 0) {
            footer.add(usageNote(reply.usage()));
        }
        if (!reply.rows().isEmpty()) {
            var csv = new Anchor(DownloadHandler.fromInputStream(event -> {
                byte[] bytes = Csv.of(reply.columns(), reply.rows()).getBytes(StandardCharsets.UTF_8);
                return new DownloadResponse(new ByteArrayInputStream(bytes), "usheru-answer.csv", "text/csv", bytes.length);
            }), "CSV");
            csv.getElement().setAttribute("download", true);
            csv.addClassName("csv-download");
            footer.add(csv);
        }
        if (reply.messageId() != null && reply.sql() != null) {
            var up = new Button(VaadinIcon.THUMBS_UP_O.create());
            var down = new Button(VaadinIcon.THUMBS_DOWN_O.create());
            up.setAriaLabel("Helpful");
            down.setAriaLabel("Not helpful");
            up.addClassName("thumbs-up");
            down.addClassName("thumbs-down");
            // Toggle buttons: a screen reader says which one was chosen, not only the filled icon shows it.
            up.getElement().setAttribute("aria-pressed", "false");
            down.getElement().setAttribute("aria-pressed", "false");
            up.addClickListener(click -> {
                actions.rate(reply.messageId(), 1);
                up.setIcon(VaadinIcon.THUMBS_UP.create());
                up.getElement().setAttribute("aria-pressed", "true");
                down.setEnabled(false);
            });
            down.addClickListener(click -> {
                actions.rate(reply.messageId(), -1);
                down.setIcon(VaadinIcon.THUMBS_DOWN.create());
                down.getElement().setAttribute("aria-pressed", "true");
                up.setEnabled(false);
            });
            up.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            down.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            footer.add(up, down);
        }
        add(footer);
    }

    /** Which model wrote the answer and what it cost, as the ledger records it. */
    /**
     * How the question was read, as chips above the figure so a misreading shows before the number
     * is used; a chip's × runs the answer again without that part.
     */
    private HorizontalLayout reading(Actions actions) {
        var chips = new HorizontalLayout();
        chips.setWrap(true);
        chips.setSpacing(false);
        chips.addClassName("reading");
        chips.getElement().setAttribute("aria-label", "How the question was read: " + reply.interpretation().sentence());
        var label = new Span("Read as");
        label.addClassName("reading-label");
        chips.add(label);
        boolean canDrop = reply.messageId() != null && reply.sql() != null && !"clarify".equals(reply.intent());
        for (Interpretation.Part part : reply.interpretation().parts()) {
            var chip = new Span(part.text());
            chip.addClassNames("reading-chip", "reading-" + part.kind());
            chip.getElement().setAttribute("title", part.kind());
            if (canDrop && part.key() != null) {
                var drop = new Button(VaadinIcon.CLOSE_SMALL.create());
                drop.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ICON);
                drop.setAriaLabel("Run again without “" + part.text() + "”");
                drop.setTooltipText("Run again without this");
                drop.addClassName("reading-drop");
                String without = reply.interpretation().parts().stream().filter(other -> other != part).map(Interpretation.Part::text)
                        .collect(java.util.stream.Collectors.joining(", "));
                drop.addClickListener(click -> actions.askWithout(reply.messageId(), part.key(), "Without “" + part.text() + "”: " + without));
                chip.add(drop);
            }
            chips.add(chip);
        }
        return chips;
    }

    private static Span usageNote(AskReply.Usage usage) {
        var money = java.text.NumberFormat.getCurrencyInstance(java.util.Locale.US);
        money.setMaximumFractionDigits(4);
        String text = usage.model() + " · " + String.format(java.util.Locale.US, "%,d", usage.promptTokens() + usage.completionTokens())
                + " tokens · " + money.format(usage.costUsd());
        var note = new Span(VaadinIcon.MAGIC.create(), new Span(" " + text));
        note.addClassName("usage-note");
        note.getElement().setAttribute("title", usage.promptTokens() + " prompt and " + usage.completionTokens() + " completion tokens");
        return note;
    }

    EChart chart() {
        return chart;
    }

    RadioButtonGroup<String> chartType() {
        return chartType;
    }

    private Div kpis() {
        var cards = new Div();
        cards.addClassName("kpi-row");
        List<Object> row = reply.rows().getFirst();
        for (int index = 0; index < reply.columns().size(); index++) {
            var card = new Div();
            card.addClassName("kpi-card");
            var value = new Span(format(row.get(index), reply.columns().get(index)));
            value.addClassName("kpi-value");
            var label = new Span(label(reply.columns().get(index).name()));
            label.addClassName("kpi-label");
            card.add(value, label);
            cards.add(card);
        }
        return cards;
    }

    private RadioButtonGroup<String> chartSwitcher() {
        chartType.setItems(ChartOptions.TYPES);
        chartType.setItemLabelGenerator(type -> Character.toUpperCase(type.charAt(0)) + type.substring(1));
        chartType.addThemeVariants(RadioGroupVariant.LUMO_HELPER_ABOVE_FIELD);
        chartType.setAriaLabel("Chart type");
        chartType.addClassName("chart-switcher");
        chartType.addValueChangeListener(change -> {
            if (change.isFromClient() || change.getValue() != null) {
                drawChart(change.getValue());
            }
        });
        return chartType;
    }

    private void drawChart(String type) {
        if (!type.equals(chartType.getValue())) {
            chartType.setValue(type);
            return;
        }
        chart.setVisible(!"table".equals(type));
        if (!"table".equals(type)) {
            String valueName = label(reply.columns().getLast().name());
            chart.setTitle(reply.answer());
            boolean film = "film".equals(reply.columns().getFirst().name());
            chart.setOption(reply.prediction() != null && film && "bar".equals(type)
                    ? ChartOptions.filmForecast(label(reply.columns().get(2).name()), reply.rows())
                    : reply.prediction() != null && !film && "line".equals(type)
                    ? ChartOptions.forecast(label(reply.columns().get(1).name()), reply.rows())
                    : ChartOptions.of(type, valueName, reply.rows()));
        }
    }

    private Grid<List<Object>> grid() {
        var grid = new Grid<List<Object>>();
        List<QueryResult.Column> columns = reply.columns();
        for (int index = 0; index < columns.size(); index++) {
            int column = index;
            QueryResult.Column definition = columns.get(index);
            var gridColumn = grid.addColumn(row -> format(row.get(column), definition))
                    .setHeader(label(definition.name()))
                    .setAutoWidth(true)
                    .setResizable(true)
                    .setSortable(true)
                    .setComparator((left, right) -> compare(left.get(column), right.get(column)));
            if (definition.isNumber()) {
                gridColumn.setTextAlign(ColumnTextAlign.END);
            }
        }
        grid.setItems(reply.rows());
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(reply.rows().size() <= 10);
        if (reply.rows().size() > 10) {
            grid.setHeight("22rem");
        }
        grid.addClassName("result-grid");
        return grid;
    }

    private Details sqlPanel(Consumer<String> runSql) {
        var sql = new Pre(reply.sql());
        sql.addClassName("sql-text");
        var editor = new TextArea("Edit the SQL — it runs in your scope, read-only");
        editor.setWidthFull();
        editor.setValue(reply.sql());
        editor.setVisible(false);
        editor.addClassName("sql-editor");
        var run = new Button("Run", VaadinIcon.PLAY.create(), click -> runSql.accept(editor.getValue()));
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        run.setVisible(false);
        run.addClassName("sql-run");
        var edit = new Button("Edit & run", VaadinIcon.EDIT.create(), click -> {
            editor.setVisible(true);
            run.setVisible(true);
            sql.setVisible(false);
            editor.focus();
        });
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        edit.addClassName("sql-edit");
        var copy = new Button("Copy", VaadinIcon.COPY.create(), click ->
                getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", reply.sql()));
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        var actions = new HorizontalLayout(copy, edit, run);
        actions.setSpacing(false);
        var panel = new Details("SQL", new Div(actions, sql, editor));
        panel.addClassName("sql-panel");
        return panel;
    }

    private static int compare(Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return String.valueOf(left).compareToIgnoreCase(String.valueOf(right));
    }

    static String label(String column) {
        String words = column.replace('_', ' ').replace(" usd", " (USD)");
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String format(Object value, QueryResult.Column column) {
        if (value == null) {
            return "—";
        }
        if (!(value instanceof Number number)) {
            return String.valueOf(value);
        }
        if (column.name().endsWith("year") || column.name().equals("decade") || column.name().equals("week_number")) {
            return String.valueOf(number.longValue());
        }
        if (column.name().contains("usd")) {
            NumberFormat money = NumberFormat.getCurrencyInstance(Locale.US);
            money.setMaximumFractionDigits(Math.abs(number.doubleValue()) < 100 ? 2 : 0);
            return money.format(number);
        }
        NumberFormat plain = NumberFormat.getNumberInstance(Locale.US);
        plain.setMaximumFractionDigits(2);
        return plain.format(number);
    }
}
