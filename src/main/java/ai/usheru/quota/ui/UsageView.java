package ai.usheru.quota.ui;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;

import ai.usheru.DomainException;
import ai.usheru.quota.UsageReport;
import ai.usheru.quota.UsageReportService;
import ai.usheru.components.ChartOptions;
import ai.usheru.components.EChart;
import ai.usheru.components.KpiCard;

/**
 * What users and clients asked and spent: questions, tokens and dollars per user, client, model or
 * day over a period, as figures, a chart and a table, and as CSV. This month by default.
 */
@Route("admin/usage")
@Menu(title = "Usage and cost", icon = "vaadin:chart", order = 130)
@PageTitle("Usage and cost · usheru AI")
@RolesAllowed("ADMIN")
public class UsageView extends VerticalLayout {

    /** Bars beyond this many would be unreadable; the table has every row. */
    static final int CHART_BARS = 15;

    private final UsageReportService reports;
    final Select<UsageReport.Grouping> grouping = new Select<>();
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    private final Div figures = new Div();
    final EChart chart = new EChart();
    final Grid<UsageReport.Row> grid = new Grid<>();
    private final Span empty = new Span("No answered questions in this period.");
    private final Anchor csv = new Anchor();
    private UsageReport report;

    public UsageView(UsageReportService reports) {
        this.reports = reports;
        setSizeFull();

        grouping.setLabel("Per");
        grouping.setItems(UsageReport.Grouping.values());
        grouping.setItemLabelGenerator(UsageReport.Grouping::label);
        grouping.setValue(UsageReport.Grouping.USER);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        from.setValue(today.withDayOfMonth(1));
        to.setValue(today);
        from.setHelperText("UTC days, both included");
        grouping.addValueChangeListener(change -> refresh());
        from.addValueChangeListener(change -> refresh());
        to.addValueChangeListener(change -> refresh());
        csv.setText("Download CSV");
        csv.getElement().setAttribute("download", true);
        csv.addClassName("csv-download");
        csv.setId("usage-csv");
        csv.setHref(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = report.toCsv().getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "usheru-usage-by-" + report.groupBy().name().toLowerCase(Locale.ROOT)
                    + "-" + report.from() + "-to-" + report.to() + ".csv", "text/csv", bytes.length);
        }));
        var toolbar = new HorizontalLayout(grouping, from, to, csv);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.getStyle().set("flex-wrap", "wrap");

        figures.addClassName("kpi-row");
        figures.setId("usage-figures");
        chart.setHeight("16rem");
        grid.addColumn(UsageReport.Row::key).setKey("key").setHeader("User").setFlexGrow(1).setSortable(true);
        grid.addColumn(UsageReport.Row::questions).setHeader("Questions").setTextAlign(ColumnTextAlign.END).setAutoWidth(true)
                .setSortable(true);
        grid.addColumn(UsageReport.Row::modelQuestions).setHeader("By a model").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(row -> integer(row.promptTokens())).setHeader("Prompt tokens").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true).setComparator(UsageReport.Row::promptTokens);
        grid.addColumn(row -> integer(row.completionTokens())).setHeader("Completion tokens").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true).setComparator(UsageReport.Row::completionTokens);
        grid.addColumn(row -> dollars(row.costUsd())).setHeader("Cost").setTextAlign(ColumnTextAlign.END).setAutoWidth(true)
                .setComparator(UsageReport.Row::costUsd);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        empty.addClassName("empty-state");

        add(new H1("Usage and cost"), toolbar, figures, chart, empty, grid);
        refresh();
    }

    private void refresh() {
        from.setInvalid(false);
        if (from.getValue() == null || to.getValue() == null || grouping.getValue() == null) {
            return;
        }
        try {
            report = reports.report(from.getValue(), to.getValue(), grouping.getValue());
        } catch (DomainException e) {
            from.setErrorMessage(e.getMessage());
            from.setInvalid(true);
            return;
        }
        grid.getColumnByKey("key").setHeader(report.groupBy().label());
        grid.setItems(report.rows());
        boolean none = report.rows().isEmpty();
        empty.setVisible(none);
        chart.setVisible(!none);
        grid.setVisible(!none);
        showFigures(report.total());
        drawChart();
    }

    private void showFigures(UsageReport.Row total) {
        figures.removeAll();
        figures.add(KpiCard.of("usage-questions", integer(total.questions()), "Questions"),
                KpiCard.of("usage-model-questions", integer(total.modelQuestions()), "Answered by a model"),
                KpiCard.of("usage-tokens", integer(total.tokens()), "Tokens"),
                KpiCard.of("usage-cost", dollars(total.costUsd()), "Cost"));
    }


    /**
     * Cost per group, the most expensive first, as horizontal bars (names such as e-mail addresses read
     * along the bars, not squeezed under them); per day, cost over time. Where nothing cost money (the
     * offline planner answered everything), the questions instead.
     */
    private void drawChart() {
        boolean free = report.total().costUsd().signum() == 0;
        String measure = free ? "Questions" : "Cost (USD)";
        chart.setTitle((free ? "Questions" : "Cost in US dollars") + " per " + report.groupBy().label().toLowerCase(Locale.ROOT));
        if (report.groupBy() == UsageReport.Grouping.DAY) {
            chart.setOption(ChartOptions.of("line", measure, report.rows().stream()
                    .map(row -> List.<Object>of(row.key(), free ? row.questions() : row.costUsd())).toList()));
            return;
        }
        // Largest at the top: a category axis draws its first item at the bottom.
        var shown = new ArrayList<>(report.rows().subList(0, Math.min(CHART_BARS, report.rows().size())));
        Collections.reverse(shown);
        chart.setOption(Map.of(
                "tooltip", Map.of("trigger", "axis"),
                "color", List.of("#d9480f"),
                "grid", Map.of("left", 8, "right", 24, "top", 8, "bottom", 28, "containLabel", true),
                "xAxis", Map.of("type", "value", "name", measure, "nameLocation", "middle", "nameGap", 26),
                "yAxis", Map.of("type", "category", "data", shown.stream().map(UsageReport.Row::key).toList(),
                        "axisLabel", Map.of("width", 220, "overflow", "truncate")),
                "series", List.of(Map.of("type", "bar", "name", measure, "barMaxWidth", 24,
                        "data", shown.stream().map(row -> (Object) (free ? row.questions() : row.costUsd())).toList()))));
    }

    UsageReport report() {
        return report;
    }

    private static String integer(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    private static String dollars(BigDecimal value) {
        return value.compareTo(BigDecimal.ONE) >= 0 || value.signum() == 0
                ? String.format(Locale.US, "$%,.2f", value)
                : "$" + value.stripTrailingZeros().toPlainString();
    }
}
