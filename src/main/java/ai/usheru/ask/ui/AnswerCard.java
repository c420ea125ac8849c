package ai.usheru.ask.ui;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

import ai.usheru.ask.AskReply;
import ai.usheru.warehouse.QueryResult;

/** One answer in the chat: the sentence, the rows as a grid, the SQL behind them, and follow-up chips. */
class AnswerCard extends Div {

    AnswerCard(AskReply reply, Consumer<String> askFollowUp) {
        addClassName("message-assistant");
        var answer = new Paragraph(reply.answer());
        answer.addClassName("answer-text");
        add(answer);
        if (!reply.rows().isEmpty()) {
            add(grid(reply));
        }
        if (reply.sql() != null) {
            var sql = new Details("SQL", new Pre(reply.sql()));
            sql.addClassName("sql-panel");
            add(sql);
        }
        if (!reply.suggestions().isEmpty()) {
            var chips = new HorizontalLayout();
            chips.setWrap(true);
            chips.addClassName("follow-ups");
            for (String suggestion : reply.suggestions()) {
                var chip = new Button(suggestion, click -> askFollowUp.accept(suggestion));
                chip.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                chips.add(chip);
            }
            add(chips);
        }
        var scope = new Span("Scope: " + reply.scope());
        scope.addClassName("scope-note");
        add(scope);
    }

    private static Grid<List<Object>> grid(AskReply reply) {
        var grid = new Grid<List<Object>>();
        List<QueryResult.Column> columns = reply.columns();
        NumberFormat numbers = NumberFormat.getNumberInstance(Locale.US);
        numbers.setMaximumFractionDigits(2);
        for (int index = 0; index < columns.size(); index++) {
            int column = index;
            QueryResult.Column definition = columns.get(index);
            var gridColumn = grid.addColumn(row -> {
                Object value = row.get(column);
                return value instanceof Number number ? numbers.format(number) : value == null ? "—" : String.valueOf(value);
            }).setHeader(definition.name().replace('_', ' ')).setAutoWidth(true).setResizable(true);
            if (definition.isNumber()) {
                gridColumn.setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
            }
        }
        grid.setItems(reply.rows());
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(reply.rows().size() <= 12);
        if (reply.rows().size() > 12) {
            grid.setHeight("24rem");
        }
        grid.addClassName("result-grid");
        return grid;
    }
}
