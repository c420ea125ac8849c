package ai.usheru.dashboard.ui;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import com.vaadin.flow.router.RouterLink;

import ai.usheru.dashboard.DashboardService;
import ai.usheru.insights.InsightService;
import ai.usheru.insights.ui.InsightCards;
import ai.usheru.insights.ui.InsightsView;
import ai.usheru.components.ChartOptions;
import ai.usheru.components.ChartTable;
import ai.usheru.components.EChart;
import ai.usheru.warehouse.QueryResult;

/** Key figures, the weekly trend and the leaders of the latest year, for the user's own scope. */
@Route("dashboard")
@Menu(title = "Dashboard", icon = "vaadin:dashboard", order = 20)
@PageTitle("Dashboard · usheru AI")
@PermitAll
public class DashboardView extends VerticalLayout {

    private final EChart trend = new EChart();
    private final EChart films = new EChart();
    private final EChart genres = new EChart();

    public DashboardView(DashboardService dashboards, InsightService insights) {
        addClassName("dashboard");
        setWidthFull();
        var dashboard = dashboards.forCurrentUser();

        var scope = new Paragraph("Computed for " + dashboard.scope() + ".");
        scope.setId("dashboard-scope");
        add(new H1("Dashboard"), scope, kpis(dashboard.totals()));

        trend.setTitle("Weekly box office in the latest year");
        trend.setOption(ChartOptions.of("line", "Box office (USD)", dashboard.weeklyTrend().rows()));
        films.setTitle("Top films in the latest year");
        films.setOption(ChartOptions.of("bar", "Box office (USD)", dashboard.topFilms().rows()));
        genres.setTitle("Top genres in the latest year");
        genres.setOption(ChartOptions.of("pie", "Box office (USD)", dashboard.topGenres().rows()));

        var panels = new FlexLayout(
                panel("Weekly box office", trend, ChartTable.of("Weekly box office in the latest year", List.of("Week", "Box office (USD)"),
                        dashboard.weeklyTrend().rows())),
                panel("Top films", films, ChartTable.of("Top films in the latest year", List.of("Film", "Box office (USD)"),
                        dashboard.topFilms().rows())),
                panel("Top genres", genres, ChartTable.of("Top genres in the latest year", List.of("Genre", "Box office (USD)"),
                        dashboard.topGenres().rows())),
                panel("Latest insights", latestInsights(insights)));
        panels.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        panels.getStyle().set("gap", "var(--lumo-space-m)");
        panels.setWidthFull();
        add(panels);
    }

    /** The three strongest insights of the latest week, or a line saying there are none yet. */
    private static com.vaadin.flow.component.Component latestInsights(InsightService insights) {
        var latest = insights.forCurrentUser(null);
        if (latest.insights().isEmpty()) {
            return new Paragraph("No insights yet: they appear here once a week of data is processed.");
        }
        var list = new Div();
        list.setId("dashboard-insights");
        latest.insights().stream().limit(3).forEach(insight -> list.add(InsightCards.card(insight, false)));
        list.add(new RouterLink("All insights of the week", InsightsView.class));
        return list;
    }

    List<EChart> charts() {
        return List.of(trend, films, genres);
    }

    /** A titled panel, a region named by its heading so screen readers list it among the page's landmarks. */
    private static Div panel(String title, com.vaadin.flow.component.Component... content) {
        var heading = new H2(title);
        heading.setId("panel-" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
        var panel = new Div(heading);
        panel.add(content);
        panel.addClassName("dashboard-panel");
        panel.getElement().setAttribute("role", "region");
        panel.getElement().setAttribute("aria-labelledby", heading.getId().orElseThrow());
        return panel;
    }

    private static Div kpis(QueryResult totals) {
        var row = new Div();
        row.addClassName("kpi-row");
        row.setWidthFull();
        if (totals.rows().isEmpty()) {
            return row;
        }
        List<Object> values = totals.rows().getFirst();
        String[] labels = {"Box office", "Films", "Admissions"};
        for (int index = 0; index < Math.min(labels.length, values.size()); index++) {
            Object value = values.get(index);
            String text = value instanceof Number number
                    ? (index == 0 ? ai.usheru.Money.compact(number) : NumberFormat.getIntegerInstance(Locale.US).format(number))
                    : "—";
            var card = new Div(styled(new Span(text), "kpi-value"), styled(new Span(labels[index]), "kpi-label"));
            card.addClassName("kpi-card");
            card.setId("kpi-" + labels[index].toLowerCase(Locale.ROOT).replace(' ', '-'));
            row.add(card);
        }
        return row;
    }

    private static Span styled(Span span, String className) {
        span.addClassName(className);
        return span;
    }
}
