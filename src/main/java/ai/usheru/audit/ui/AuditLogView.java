package ai.usheru.audit.ui;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;

import ai.usheru.DomainException;
import ai.usheru.audit.AuditEntry;
import ai.usheru.audit.AuditFilter;
import ai.usheru.audit.AuditLogService;
import ai.usheru.audit.AuditPage;
import ai.usheru.audit.Paging;

/** What admins did, newest first, filtered by who, action and days; the same list downloads as CSV. */
@Route("admin/audit")
@Menu(title = "Audit log", icon = "vaadin:records", order = 200)
@PageTitle("Audit log · usheru AI")
@RolesAllowed("ADMIN")
public class AuditLogView extends VerticalLayout {

    static final String EMPTY = "No admin actions match these filters.";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss 'UTC'");

    private final AuditLogService audit;
    final TextField actor = new TextField("Who");
    final Select<String> action = new Select<>();
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);
    final Span capped = new Span();
    private final Anchor csv = new Anchor();
    private AuditPage page = new AuditPage(java.util.List.of(), null);

    public AuditLogView(AuditLogService audit) {
        this.audit = audit;
        setSizeFull();

        actor.setPlaceholder("Part of an e-mail");
        actor.setClearButtonVisible(true);
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        actor.setAutofocus(true);
        action.setLabel("Action");
        action.setItems(audit.actions());
        action.setEmptySelectionAllowed(true);
        action.setEmptySelectionCaption("Any action");
        from.setHelperText("UTC days, both included");
        from.setClearButtonVisible(true);
        to.setClearButtonVisible(true);
        actor.addValueChangeListener(change -> refresh());
        action.addValueChangeListener(change -> refresh());
        from.addValueChangeListener(change -> refresh());
        to.addValueChangeListener(change -> refresh());
        csv.setText("Download CSV");
        csv.getElement().setAttribute("download", true);
        csv.setId("audit-csv");
        csv.setHref(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = page.toCsv().getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "usheru-audit-log.csv", "text/csv", bytes.length);
        }));
        var toolbar = new HorizontalLayout(actor, action, from, to, csv);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.getStyle().set("flex-wrap", "wrap");

        grid.addColumn(entry -> entry.when().format(WHEN)).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        // No actor: the product itself (the first admin at start-up, scheduled work) or an account since deleted.
        grid.addColumn(entry -> entry.who() == null ? "(no account)" : entry.who()).setHeader("Who").setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(AuditEntry::target).setHeader("Target").setAutoWidth(true);
        grid.addColumn(entry -> entry.details() == null ? "" : entry.details().toString()).setHeader("Details").setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(EMPTY);
        grid.setSizeFull();
        capped.addClassName("hint");

        add(new H1("Audit log"), toolbar, capped, grid);
        refresh();
    }

    private void refresh() {
        from.setInvalid(false);
        try {
            page = audit.entries(new AuditFilter(actor.getValue(), action.getValue(),
                    new Paging(startOf(from.getValue()), startOf(to.getValue() == null ? null : to.getValue().plusDays(1)),
                            Paging.MAX_LIMIT, null)));
        } catch (DomainException e) {
            from.setErrorMessage(e.getMessage());
            from.setInvalid(true);
            return;
        }
        grid.setItems(page.entries());
        capped.setText(page.nextBefore() == null ? "" : "The latest " + Paging.MAX_LIMIT + " entries; narrow the filters to see older ones.");
        capped.setVisible(page.nextBefore() != null);
    }

    private static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
