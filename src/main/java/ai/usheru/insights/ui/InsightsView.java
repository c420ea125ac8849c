package ai.usheru.insights.ui;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import ai.usheru.insights.InsightService;

/**
 * A week's insights in the reader's own scope, the strongest first: the same ones the weekly digest
 * picks from, each with its chart and a button that asks its question in the chat. The week can be
 * changed; any day stands for its Monday-to-Sunday week.
 */
@Route("insights")
@Menu(title = "Insights", icon = "vaadin:lightbulb", order = 30)
@PageTitle("Insights · usheru AI")
@PermitAll
public class InsightsView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final InsightService insights;
    private final DatePicker week = new DatePicker("Week of");
    private final Paragraph summary = new Paragraph();
    private final Div cards = new Div();

    public InsightsView(InsightService insights) {
        this.insights = insights;
        addClassName("insights-view");
        setWidthFull();
        week.setId("insights-week");
        week.setHelperText("Any day picks its week, Monday to Sunday");
        week.addValueChangeListener(change -> {
            if (change.isFromClient() && change.getValue() != null) {
                show(change.getValue());
            }
        });
        var previous = new Button(VaadinIcon.ANGLE_LEFT.create(), click -> step(-1));
        previous.setAriaLabel("Previous week");
        var next = new Button(VaadinIcon.ANGLE_RIGHT.create(), click -> step(1));
        next.setAriaLabel("Next week");
        var picker = new HorizontalLayout(previous, week, next);
        picker.setAlignItems(FlexComponent.Alignment.BASELINE);
        summary.setId("insights-summary");
        cards.addClassName("insight-cards");
        cards.setWidthFull();
        add(new H1("Insights"), picker, summary, cards);
    }

    /** {@code /insights?week=2010-06-14} opens that week (the digest links here); without it, the latest. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        LocalDate day = event.getLocation().getQueryParameters().getSingleParameter("week").map(text -> {
            try {
                return LocalDate.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }).orElse(null);
        show(day);
    }

    private void step(int weeks) {
        if (week.getValue() != null) {
            show(week.getValue().plusWeeks(weeks));
        }
    }

    private void show(LocalDate day) {
        var found = insights.forCurrentUser(day);
        cards.removeAll();
        if (found.week() == null) {
            summary.setText("The warehouse holds no complete week yet.");
            return;
        }
        week.setValue(found.week());
        if (found.insights().isEmpty()) {
            summary.setText("A quiet week in " + found.scope() + ": nothing moved past its threshold in the week of "
                    + DAY.format(found.week()) + ".");
            return;
        }
        summary.setText(found.insights().size() + " insights for the week of " + DAY.format(found.week()) + ", computed for "
                + found.scope() + ". The weekly e-mail carries the five strongest.");
        found.insights().forEach(insight -> cards.add(InsightCards.card(insight, true)));
    }
}
