package ai.usheru.components;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;

/**
 * A chart's figures as a table, folded under "Show as table": the text alternative to a chart for
 * screen readers and for anyone who wants the numbers.
 */
public final class ChartTable {

    private ChartTable() {}

    /** {@code headers} name the columns of {@code rows}; numbers are right-aligned and grouped. */
    public static Details of(String chartTitle, List<String> headers, List<List<Object>> rows) {
        var grid = new Grid<List<Object>>();
        for (int index = 0; index < headers.size(); index++) {
            int column = index;
            var added = grid.addColumn(row -> text(row.get(column))).setHeader(headers.get(index)).setAutoWidth(true);
            if (!rows.isEmpty() && rows.getFirst().get(index) instanceof Number) {
                added.setTextAlign(ColumnTextAlign.END);
            }
        }
        grid.setItems(rows);
        grid.setAllRowsVisible(rows.size() <= 12);
        if (rows.size() > 12) {
            grid.setHeight("20rem");
        }
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAriaLabel(chartTitle);
        var details = new Details("Show as table", grid);
        details.addClassName("chart-table");
        return details;
    }

    private static String text(Object value) {
        if (value instanceof Number number) {
            NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
            format.setMaximumFractionDigits(2);
            return format.format(number);
        }
        return value == null ? "—" : String.valueOf(value);
    }
}
