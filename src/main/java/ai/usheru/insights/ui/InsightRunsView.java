package ai.usheru.insights.ui;

import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import org.springframework.security.core.context.SecurityContextHolderStrategy;

import ai.usheru.DomainException;
import ai.usheru.insights.InsightRun;
import ai.usheru.insights.InsightService;

/**
 * The admin's view of the insight job: every run (scheduled or by hand) with its week, scopes,
 * insights, digests and failures, and Run now — for the latest complete week or a chosen one, with
 * the digests sent at once or left to each user's local morning.
 */
@Route("admin/insights")
@Menu(title = "Insight runs", icon = "vaadin:calendar-clock", order = 190)
@PageTitle("Insight runs · usheru AI")
@RolesAllowed("ADMIN")
public class InsightRunsView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss");

    private final InsightService insights;
    private final Grid<InsightRun> grid = new Grid<>();

    public InsightRunsView(InsightService insights, SecurityContextHolderStrategy securityContexts) {
        this.insights = insights;
        setSizeFull();
        var week = new DatePicker("Week of");
        week.setPlaceholder("Latest complete week");
        week.setWidth("15rem");
        week.setClearButtonVisible(true);
        week.setId("run-week");
        var send = new Checkbox("Send the digests now (instead of at each user's local morning)");
        send.setId("run-send");
        var progress = new ProgressBar();
        progress.setIndeterminate(true);
        progress.setVisible(false);
        var run = new Button("Run now", VaadinIcon.PLAY.create());
        run.setId("run-now");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickListener(click -> {
            run.setEnabled(false);
            progress.setVisible(true);
            UI ui = UI.getCurrent();
            var caller = securityContexts.getContext();
            Thread.ofVirtual().name("insights-run-now").start(() -> {
                securityContexts.setContext(caller);
                try {
                    var result = insights.runNow(week.getValue(), send.getValue());
                    ui.access(() -> notify("Week of " + result.week() + ": " + result.insights() + " insights, "
                            + result.digests() + " digests sent.", NotificationVariant.LUMO_SUCCESS));
                } catch (DomainException e) {
                    ui.access(() -> notify(e.getMessage(), NotificationVariant.LUMO_ERROR));
                } finally {
                    securityContexts.clearContext();
                    ui.access(() -> {
                        run.setEnabled(true);
                        progress.setVisible(false);
                        refresh();
                    });
                }
            });
        });
        var form = new HorizontalLayout(week, send, run);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        grid.addColumn(r -> r.startedAt().format(WHEN)).setHeader("Started").setAutoWidth(true);
        grid.addColumn(InsightRun::week).setHeader("Week of").setAutoWidth(true);
        grid.addColumn(InsightRun::trigger).setHeader("By").setAutoWidth(true);
        grid.addColumn(r -> r.finishedAt() == null ? "running" : r.scopes() + "").setHeader("Scopes").setAutoWidth(true);
        grid.addColumn(InsightRun::insights).setHeader("Insights").setAutoWidth(true);
        grid.addColumn(InsightRun::digests).setHeader("Digests sent").setAutoWidth(true);
        grid.addColumn(InsightRun::failures).setHeader("Failures").setAutoWidth(true);
        grid.addColumn(r -> r.error() == null ? "" : r.error()).setHeader("Error").setFlexGrow(1);
        grid.addColumn(InsightRun::instance).setHeader("Instance").setAutoWidth(true);
        grid.setEmptyStateText("No runs yet: the job checks for new weeks every 15 minutes, or run it now.");
        grid.setId("insight-runs");
        add(new H1("Insight runs"),
                new Paragraph("Each run computes a week's insights for every scope in use, once; digests go out once per person and week."),
                form, progress, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(insights.runs(100));
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification.show(text, 5000, Notification.Position.BOTTOM_START).addThemeVariants(variant);
    }
}
