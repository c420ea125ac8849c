package ai.usheru.mail.ui;

import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import ai.usheru.mail.Mailer;
import ai.usheru.mail.OutboxMail;

/** Every mail the product wrote, newest first; in the embedded mode this is where sign-in links land. */
@Route("admin/outbox")
@Menu(title = "Mail outbox", icon = "vaadin:envelopes", order = 180)
@PageTitle("Mail outbox · usheru AI")
@RolesAllowed("ADMIN")
public class OutboxView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm");

    private final Grid<OutboxMail> grid = new Grid<>(OutboxMail.class, false);

    public OutboxView(Mailer mailer) {
        setSizeFull();
        var explanation = new Paragraph(mailer.isSendingBySmtp()
                ? "Mail is sent by SMTP; this is the log of what was sent."
                : "No SMTP server is configured, so mail stays here instead of being sent.");
        grid.addColumn(mail -> mail.createdAt().format(WHEN)).setHeader("When").setAutoWidth(true);
        grid.addColumn(OutboxMail::recipient).setHeader("To").setAutoWidth(true);
        grid.addColumn(OutboxMail::subject).setHeader("Subject").setFlexGrow(1);
        grid.addColumn(OutboxMail::status).setHeader("Status").setAutoWidth(true);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(mail -> new Pre(mail.body())));
        grid.setItems(mailer.latest(200));
        grid.setEmptyStateText("No mail yet.");
        grid.setSizeFull();
        add(new H1("Mail outbox"), explanation, grid);
    }

    Grid<OutboxMail> grid() {
        return grid;
    }
}
