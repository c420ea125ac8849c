package ai.usheru.audit.ui;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;

import ai.usheru.DomainException;
import ai.usheru.audit.ApiRequest;
import ai.usheru.audit.ApiRequestFilter;
import ai.usheru.audit.ApiRequestReport;
import ai.usheru.audit.ApiRequestService;
import ai.usheru.audit.Paging;
import ai.usheru.audit.StatusRange;
import ai.usheru.components.KpiCard;

/**
 * Every API call, newest first, filtered by caller, path template, status and days, with the calls, error
 * rate and median and 95th-percentile durations of all that the filters match; the list downloads as CSV.
 */
@Route("admin/requests")
@Menu(title = "API requests", icon = "vaadin:exchange", order = 210)
@PageTitle("API requests · usheru AI")
@RolesAllowed("ADMIN")
public class ApiRequestsView extends VerticalLayout {

    static final String EMPTY = "No API calls match these filters.";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss 'UTC'");

    private final ApiRequestService requests;
    final TextField user = new TextField("User");
    final TextField path = new TextField("Path");
    final TextField status = new TextField("Status");
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    private final Div figures = new Div();
    final Grid<ApiRequest> grid = new Grid<>(ApiRequest.class, false);
    private final Anchor csv = new Anchor();
    private ApiRequestReport report;

    public ApiRequestsView(ApiRequestService requests) {
        this.requests = requests;
        setSizeFull();

        user.setPlaceholder("Part of an e-mail");
        user.setAutofocus(true);
        path.setPlaceholder("e.g. /admin/users");
        status.setPlaceholder("404 or 4xx");
        status.setWidth("8rem");
        for (TextField field : new TextField[] {user, path, status}) {
            field.setClearButtonVisible(true);
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.addValueChangeListener(change -> refresh());
        }
        from.setHelperText("UTC days, both included");
        from.setClearButtonVisible(true);
        to.setClearButtonVisible(true);
        from.addValueChangeListener(change -> refresh());
        to.addValueChangeListener(change -> refresh());
        csv.setText("Download CSV");
        csv.getElement().setAttribute("download", true);
        csv.setId("requests-csv");
        csv.setHref(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = report.toCsv().getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "usheru-api-requests.csv", "text/csv", bytes.length);
        }));
        var toolbar = new HorizontalLayout(user, path, status, from, to, csv);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.getStyle().set("flex-wrap", "wrap");

        figures.addClassName("kpi-row");
        figures.setId("requests-figures");
        grid.addColumn(request -> request.when().format(WHEN)).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(request -> request.who() == null ? "" : request.who()).setHeader("User").setAutoWidth(true);
        grid.addColumn(ApiRequest::method).setHeader("Method").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(ApiRequest::path).setHeader("Path").setFlexGrow(1);
        grid.addColumn(ApiRequest::status).setHeader("Status").setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(request -> request.durationMs() + " ms").setHeader("Duration").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(EMPTY);
        grid.setSizeFull();

        add(new H1("API requests"), toolbar, figures, grid);
        refresh();
    }

    private void refresh() {
        status.setInvalid(false);
        from.setInvalid(false);
        StatusRange range;
        try {
            range = StatusRange.parse(status.getValue());
        } catch (DomainException e) {
            status.setErrorMessage(e.getMessage());
            status.setInvalid(true);
            return;
        }
        try {
            report = requests.report(new ApiRequestFilter(user.getValue(), path.getValue(), range,
                    new Paging(startOf(from.getValue()), startOf(to.getValue() == null ? null : to.getValue().plusDays(1)),
                            Paging.MAX_LIMIT, null)));
        } catch (DomainException e) {
            from.setErrorMessage(e.getMessage());
            from.setInvalid(true);
            return;
        }
        grid.setItems(report.requests());
        showFigures(report.summary());
    }

    private void showFigures(ApiRequestReport.Summary summary) {
        figures.removeAll();
        figures.add(KpiCard.of("requests-calls", String.format(Locale.US, "%,d", summary.calls()), "Calls"),
                KpiCard.of("requests-error-rate", String.format(Locale.US, "%.1f %%", summary.errorRate() * 100), "Answered 4xx or 5xx"),
                KpiCard.of("requests-p50", summary.p50Ms() == null ? "–" : summary.p50Ms() + " ms", "Median duration"),
                KpiCard.of("requests-p95", summary.p95Ms() == null ? "–" : summary.p95Ms() + " ms", "95th percentile"));
    }


    ApiRequestReport report() {
        return report;
    }

    private static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
