package ai.usheru.prompts.ui;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import ai.usheru.DomainException;
import ai.usheru.prompts.PromptAdministration;
import ai.usheru.prompts.PromptVersions;

/**
 * Admins edit the instructions added to every language-model prompt: the system-wide one and one per
 * datamart, each with its history of versions, any of which can be viewed and saved again.
 */
@Route("admin/prompts")
@Menu(title = "Prompts", icon = "vaadin:comment-ellipsis-o", order = 160)
@PageTitle("Prompts · usheru AI")
@RolesAllowed("ADMIN")
public class PromptsView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'");
    private static final String NOTE = "These instructions are added to every prompt sent to a language model: the system-wide "
            + "text first, then the one of the datamart a question runs against. They go to the language model only and do not "
            + "change the offline planner. They cannot lift the safety rules either: the guard still checks every query and "
            + "keeps each user to their own scope. An empty text means no extra instructions.";
    private static final String CONFLICT = "Someone else saved this prompt while you were editing: version %d by %s, %s. "
            + "Your text is still in the box; their version is in the history. Save again to replace it with yours, "
            + "or restore theirs.";

    private final PromptAdministration administration;
    private final Select<PromptAdministration.PromptSummary> prompt = new Select<>();
    private final TextArea text = new TextArea("Instructions for the language model");
    private final Span status = new Span();
    private final Span conflict = new Span();
    private final Grid<PromptVersions.PromptVersion> history = new Grid<>();
    private final TextArea preview = new TextArea();
    private final Button restore = new Button("Restore this version", VaadinIcon.ROTATE_LEFT.create());
    /** The version the text in the box was written from: a save is refused when another was saved since. */
    private int loadedVersion;

    public PromptsView(PromptAdministration administration) {
        this.administration = administration;
        setSizeFull();

        prompt.setLabel("Prompt");
        prompt.setItemLabelGenerator(PromptsView::label);
        prompt.setId("prompt-choice");
        // Wide enough for "System-wide (every question)" and a datamart's name, narrower on a phone.
        prompt.setWidth("min(100%, 28em)");
        prompt.addValueChangeListener(event -> {
            if (event.getValue() != null) {
                load(event.getValue().name());
            }
        });

        text.setWidthFull();
        text.setMinHeight("12em");
        text.setMaxLength(PromptAdministration.MAX_LENGTH);
        text.setValueChangeMode(ValueChangeMode.EAGER);
        text.setPlaceholder("For example: Answer in British English. Treat “last year” as the latest full year in the data.");
        text.addValueChangeListener(event -> count());
        text.setId("prompt-text");

        var save = new Button("Save", VaadinIcon.CHECK.create(), click -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        save.setTooltipText("Ctrl+Enter");
        save.setId("save-prompt");
        status.setId("prompt-status");
        var actions = new HorizontalLayout(save, status);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);

        conflict.setId("prompt-conflict");
        conflict.getElement().getThemeList().add("badge error");
        conflict.setVisible(false);

        history.addColumn(PromptVersions.PromptVersion::version).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
        history.addColumn(version -> version.changedBy() == null ? "a removed account" : version.changedBy()).setHeader("Saved by")
                .setFlexGrow(1);
        history.addColumn(version -> when(version.changedAt())).setHeader("When").setAutoWidth(true);
        history.setEmptyStateText("Never saved: no extra instructions.");
        history.setHeight("14em");
        history.asSingleSelect().addValueChangeListener(event -> view(event.getValue()));
        preview.setReadOnly(true);
        preview.setWidthFull();
        preview.setVisible(false);
        preview.setId("prompt-preview");
        restore.setId("restore-prompt");
        restore.setVisible(false);
        restore.addClickListener(click -> restore());

        var note = new Paragraph(NOTE);
        note.setId("prompts-note");
        add(new H1("Prompts"), note, prompt, text, actions, conflict, history, preview, restore);
        List<PromptAdministration.PromptSummary> prompts = administration.all();
        prompt.setItems(prompts);
        prompt.setValue(prompts.getFirst());
    }

    Grid<PromptVersions.PromptVersion> history() {
        return history;
    }

    private static String label(PromptAdministration.PromptSummary summary) {
        return "system".equals(summary.name()) ? "System-wide (every question)" : "Datamart " + summary.name().substring("datamart:".length());
    }

    private void load(String name) {
        show(administration.get(name), true);
        conflict.setVisible(false);
    }

    /** Shows a prompt's history and state; the text in the box is replaced only when {@code replaceText}. */
    private void show(PromptAdministration.PromptDetail detail, boolean replaceText) {
        loadedVersion = detail.version();
        if (replaceText) {
            text.setValue(detail.body());
            text.setInvalid(false);
        }
        status.setText(detail.version() == 0 ? "Never saved"
                : "Version " + detail.version() + ", saved by " + who(detail.changedBy()) + ", " + when(detail.changedAt()));
        history.setItems(detail.history());
        view(null);
        count();
    }

    private void count() {
        text.setHelperText(String.format("%,d / %,d characters", text.getValue().length(), PromptAdministration.MAX_LENGTH));
    }

    private void view(PromptVersions.PromptVersion version) {
        preview.setVisible(version != null);
        restore.setVisible(version != null);
        if (version != null) {
            preview.setLabel("Version " + version.version());
            preview.setValue(version.body().isEmpty() ? "(no extra instructions)" : version.body());
            restore.setEnabled(version.version() != loadedVersion);
        }
    }

    private void save() {
        String name = prompt.getValue().name();
        try {
            var saved = administration.save(name, text.getValue(), loadedVersion);
            show(saved, true);
            conflict.setVisible(false);
            Notification.show("Saved version " + saved.version(), 3000, Notification.Position.BOTTOM_START);
        } catch (DomainException e) {
            if (!"prompt_changed".equals(e.code())) {
                text.setErrorMessage(e.getMessage());
                text.setInvalid(true);
                return;
            }
            showConflict(name);
        }
    }

    /** Someone saved meanwhile: the box keeps the admin's text, and from now on a save deliberately replaces theirs. */
    private void showConflict(String name) {
        var theirs = administration.get(name);
        show(theirs, false);
        conflict.setText(String.format(CONFLICT, theirs.version(), who(theirs.changedBy()), when(theirs.changedAt())));
        conflict.setVisible(true);
    }

    private void restore() {
        var chosen = history.asSingleSelect().getValue();
        if (chosen == null) {
            return;
        }
        try {
            var restored = administration.restore(prompt.getValue().name(), chosen.version(), loadedVersion);
            show(restored, true);
            conflict.setVisible(false);
            Notification.show("Version " + chosen.version() + " restored as version " + restored.version(), 3000,
                    Notification.Position.BOTTOM_START);
        } catch (DomainException e) {
            if (!"prompt_changed".equals(e.code())) {
                throw e;
            }
            showConflict(prompt.getValue().name());
        }
    }

    private static String who(String email) {
        return email == null ? "a removed account" : email;
    }

    private static String when(OffsetDateTime at) {
        return at == null ? "" : WHEN.format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
