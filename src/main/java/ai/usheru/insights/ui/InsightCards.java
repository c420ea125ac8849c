package ai.usheru.insights.ui;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.QueryParameters;

import ai.usheru.insights.ChartImages;
import ai.usheru.insights.Insight;

/** Insights as cards: what kind, the title, the sentence, the chart (the same image the digest carries) and a way into the chat. */
public final class InsightCards {

    private static final Map<String, String> KINDS = Map.of(Insight.MOVER, "Mover", Insight.DRIVERS, "Drivers",
            Insight.UNUSUAL, "Unusual", Insight.RECORD, "Record", Insight.CONCENTRATION, "Concentration");

    private InsightCards() {}

    public static Component card(Insight insight, boolean withChart) {
        var kind = new Span(KINDS.getOrDefault(insight.kind(), insight.kind()));
        kind.addClassName("insight-kind");
        kind.getElement().setAttribute("theme", "badge " + (Insight.UNUSUAL.equals(insight.kind()) ? "error" : "contrast"));
        var card = new Div(kind, new H2(insight.title()), new Paragraph(insight.body()));
        card.addClassName("insight-card");
        if (withChart && insight.chart() != null) {
            var chart = new Image("data:image/png;base64," + Base64.getEncoder().encodeToString(ChartImages.png(insight.chart())),
                    "Chart: " + insight.chart().title() + ", " + describe(insight.chart()));
            chart.addClassName("insight-chart");
            card.add(chart);
        }
        var ask = new Button("Ask in the chat", VaadinIcon.CHAT.create(), click -> click.getSource().getUI().ifPresent(ui ->
                ui.navigate("chat", QueryParameters.of("q", insight.question()))));
        ask.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        ask.getElement().setAttribute("title", insight.question());
        card.add(ask);
        return card;
    }

    /** The chart in words for screen readers: each bar's label and amount. */
    static String describe(Insight.Chart chart) {
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < chart.labels().size(); i++) {
            parts.add(chart.labels().get(i) + " " + ai.usheru.Money.compact(chart.values().get(i)));
        }
        return String.join("; ", parts);
    }
}
