package ai.usheru.components;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A figure with its label, as the app's style sheet draws it ({@code .kpi-card}): usage, requests, dashboard. */
public final class KpiCard {

    private KpiCard() {}

    public static Div of(String id, String value, String label) {
        var valueSpan = new Span(value);
        valueSpan.addClassName("kpi-value");
        var labelSpan = new Span(label);
        labelSpan.addClassName("kpi-label");
        var card = new Div(valueSpan, labelSpan);
        card.addClassName("kpi-card");
        card.setId(id);
        return card;
    }
}
