package ai.usheru.predict.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import ai.usheru.predict.ModelBacktest;
import ai.usheru.predict.ModelVersion;

/**
 * One version as the admin inspects it before approving it: status and why, what it was trained on,
 * the chart of its backtest, its scores per test period, its features and libraries. The view passes
 * in the actions to show under the heading.
 */
final class VersionDetail extends VerticalLayout {

    /** Above this many periods (the series model has one per series) the table scrolls instead of growing. */
    private static final int PERIODS_SHOWN_WHOLE = 8;

    private final H2 title = new H2();
    private final Span status = new Span();
    private final Paragraph note = new Paragraph();
    private final Paragraph facts = new Paragraph();
    private final BacktestChart chart = new BacktestChart();
    private final H3 periodsTitle = new H3();
    private final Grid<ModelBacktest.Period> periods = new Grid<>();
    /** The backtest shown, which says whether the period errors read as factors or percentages. */
    private ModelBacktest shown;
    private final H3 featuresTitle = new H3();
    private final Div features = new Div();
    private final Paragraph libraries = new Paragraph();

    VersionDetail(Component actions) {
        setId("version-detail");
        addClassName("model-detail");
        setPadding(false);
        var heading = new HorizontalLayout(title, status);
        heading.setAlignItems(FlexComponent.Alignment.BASELINE);
        heading.setWrap(true);
        note.setId("version-note");
        note.addClassName("model-note");
        facts.addClassName("model-facts");

        periods.setId("backtest-periods");
        periods.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        periods.addColumn(ModelBacktest.Period::period).setHeader("Period").setAutoWidth(true).setFlexGrow(1);
        periods.addColumn(period -> Texts.count(period.cases())).setHeader("Cases").setAutoWidth(true).setTextAlign(ColumnTextAlign.END);
        periods.addColumn(period -> Texts.error(shown, period.value())).setHeader("Error").setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END).setTooltipGenerator(period -> Texts.errorExplained(shown));
        periods.addColumn(period -> Texts.error(shown, period.baseline())).setHeader("Baseline").setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        periods.addColumn(period -> Texts.skillWithDirection(period.skill())).setHeader("Skill").setAutoWidth(true).setTextAlign(ColumnTextAlign.END)
                .setTooltipGenerator(period -> Texts.SKILL_EXPLAINED)
                .setPartNameGenerator(period -> period.skill() <= 0 ? "worse-than-baseline" : null);
        periods.addComponentColumn(period -> coverage(period.coverage())).setHeader("80 % coverage").setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);

        features.setId("version-features");
        libraries.setId("version-libraries");
        libraries.addClassName("model-facts");

        var side = new Div(periodsTitle, periods, featuresTitle, features, new H3("Libraries"), libraries);
        side.addClassName("model-detail-side");
        var body = new Div(chart, side);
        body.addClassName("model-detail-body");
        add(heading, note, actions, facts, body);
    }

    void show(ModelVersion version) {
        ModelBacktest backtest = version.backtest();
        shown = backtest;
        title.setText(version.label());
        status.getElement().setAttribute("theme", theme(version.status()));
        status.setText(Texts.status(version.status()));
        note.setText(Texts.statusNote(version));
        facts.setText(Texts.facts(version));
        facts.getElement().setAttribute("title", "Data hash " + version.dataHash());
        chart.show(version.label(), backtest);

        periodsTitle.setText(Texts.byPeriod(backtest));
        periods.setItems(backtest.byPeriod());
        periods.setAllRowsVisible(backtest.byPeriod().size() <= PERIODS_SHOWN_WHOLE);
        if (backtest.byPeriod().size() > PERIODS_SHOWN_WHOLE) {
            periods.setHeight("18rem");
        }

        featuresTitle.setText("Features (" + version.features().size() + ")");
        features.removeAll();
        var plain = new Div();
        plain.addClassName("feature-list");
        features.add(plain);
        categories(version.features()).forEach((category, values) -> {
            if (category.isEmpty()) {
                values.forEach(feature -> plain.add(chip(feature)));
            } else {
                var line = new Paragraph(chip(category + " (" + values.size() + ")"), new Span(" " + String.join(", ", values)));
                line.addClassName("feature-category");
                features.add(line);
            }
        });
        Map<String, String> sorted = new TreeMap<>(version.libraries());
        libraries.setText(sorted.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(" · ")));
    }

    /**
     * The features with a category's one-hot columns ({@code genre=Action}, {@code genre=Drama}) gathered under their
     * category, so fifty columns read as a few lines; the features of no category come under the empty key.
     */
    static Map<String, List<String>> categories(List<String> features) {
        var categories = new LinkedHashMap<String, List<String>>();
        categories.put("", new ArrayList<>());
        for (String feature : features) {
            int equals = feature.indexOf('=');
            categories.computeIfAbsent(equals < 0 ? "" : feature.substring(0, equals), key -> new ArrayList<>())
                    .add(equals < 0 ? feature : feature.substring(equals + 1));
        }
        return categories;
    }

    private static Span chip(String text) {
        var chip = new Span(text);
        chip.addClassName("feature");
        return chip;
    }

    BacktestChart chart() {
        return chart;
    }

    Grid<ModelBacktest.Period> periods() {
        return periods;
    }

    /** The status as a badge: approved green, candidate neutral, retired greyed. */
    static Span badge(ModelVersion.Status status) {
        var badge = new Span(Texts.status(status));
        badge.getElement().setAttribute("theme", theme(status));
        return badge;
    }

    private static String theme(ModelVersion.Status status) {
        return "badge pill small" + switch (status) {
            case APPROVED -> " success";
            case CANDIDATE -> "";
            case RETIRED -> " contrast";
        };
    }

    /** The 80 % coverage, as a warning badge when it is outside the 75–85 % an honest range keeps. */
    static Span coverage(double coverage) {
        var text = new Span(Texts.coverage(coverage));
        if (Texts.isCoverageOff(coverage)) {
            text.getElement().setAttribute("theme", "badge warning small");
            text.getElement().setAttribute("title", Texts.COVERAGE_EXPLAINED);
        }
        return text;
    }
}
