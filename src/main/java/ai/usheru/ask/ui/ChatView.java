package ai.usheru.ask.ui;

import java.util.List;
import java.util.UUID;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import ai.usheru.accounts.Account;
import ai.usheru.DomainException;
import ai.usheru.accounts.AccountService;
import ai.usheru.ask.AskReply;
import ai.usheru.ask.AskService;
import ai.usheru.ui.MainLayout;

/**
 * The chat: where users ask questions and read answers with their rows, SQL and follow-ups. Until a
 * thread has messages it shows an empty state that says what can be asked, in which scope, with quick
 * links that fill in a first question.
 */
@Route(value = "chat", layout = MainLayout.class)
@PageTitle("Chat · usheru AI")
@PermitAll
public class ChatView extends VerticalLayout {

    static final List<String> QUICK_LINKS = List.of(
            "Top 10 films in my region",
            "Box office by genre",
            "Weekly box office trend this year",
            "Which distributors earned the most?");

    private final AskService asks;
    private UUID threadId;
    private final TextArea question = new TextArea();
    private final Div conversation = new Div();
    private final VerticalLayout emptyState = new VerticalLayout();

    public ChatView(AccountService accounts, AskService asks) {
        this.asks = asks;
        setSizeFull();
        addClassName("chat-view");
        Account me = accounts.current();

        var heading = new H2("Ask about films and box office");
        var scope = new Paragraph("You see " + me.scope().describeRegions() + ". Ask in plain English; "
                + "every answer comes with its table, chart and SQL.");
        scope.setId("scope-line");
        var links = new HorizontalLayout();
        links.setWrap(true);
        links.addClassName("quick-links");
        for (String link : QUICK_LINKS) {
            var chip = new Button(link, click -> {
                question.setValue(link);
                question.focus();
            });
            chip.addThemeVariants(ButtonVariant.LUMO_CONTRAST, ButtonVariant.LUMO_SMALL);
            links.add(chip);
        }
        emptyState.add(VaadinIcon.CHART_3D.create(), heading, scope, links);
        emptyState.setAlignItems(FlexComponent.Alignment.CENTER);
        emptyState.addClassName("empty-state");
        emptyState.setId("chat-empty-state");

        conversation.addClassName("conversation");
        conversation.setWidthFull();

        question.setPlaceholder("Ask a question, e.g. “Top 5 films by worldwide box office” — Enter sends, Shift+Enter adds a line");
        question.setWidthFull();
        question.setMaxHeight("10rem");
        question.setId("question");
        var send = new Button(VaadinIcon.PAPERPLANE.create(), click -> send());
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.setAriaLabel("Send");
        send.setId("send");
        // A shortcut fires only without modifiers, so Shift+Enter still adds a line.
        Shortcuts.addShortcutListener(question, this::send, Key.ENTER).listenOn(question);
        var composer = new HorizontalLayout(question, send);
        composer.setWidthFull();
        composer.setAlignItems(FlexComponent.Alignment.END);
        composer.addClassName("composer");

        add(emptyState, conversation, composer);
        expand(conversation);
        question.focus();
    }

    private void send() {
        ask(question.getValue().strip());
    }

    private void ask(String text) {
        if (text.isEmpty()) {
            return;
        }
        emptyState.setVisible(false);
        var asked = new Paragraph(text);
        asked.addClassName("message-user");
        conversation.add(asked);
        question.clear();
        try {
            AskReply reply = asks.ask(text, threadId, event -> { });
            threadId = reply.threadId();
            conversation.add(new AnswerCard(reply, this::ask));
        } catch (DomainException e) {
            var problem = new Paragraph(e.getMessage());
            problem.addClassNames("message-assistant", "message-error");
            conversation.add(problem);
        }
        question.focus();
    }

}
