package ai.usheru.ask.ui;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import ai.usheru.DomainException;
import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountService;
import ai.usheru.ask.AskReply;
import ai.usheru.ask.AskEvent;
import ai.usheru.ask.AskService;
import ai.usheru.ask.SuggestedQuestions;
import ai.usheru.memory.ConversationThread;

/**
 * The chat: a list of the user's conversations beside the current one, where questions are asked
 * and answers read with their chart, rows, SQL and follow-ups. An empty conversation shows what can
 * be asked, in which scope, with quick links that fill in a first question.
 */
@Route("chat")
@Menu(title = "Chat", icon = "vaadin:chat", order = 10)
@PageTitle("Chat · usheru AI")
@PermitAll
public class ChatView extends HorizontalLayout implements AnswerCard.Actions, BeforeEnterObserver {

    static final List<String> QUICK_LINKS = List.of(
            "Top 10 films in my region",
            "Box office by genre",
            "Weekly box office trend this year",
            "Which distributors earned the most?");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm");

    private final AskService asks;
    private final SecurityContextHolderStrategy securityContexts;
    private final Span quotaBadge = new Span();
    private final Select<String> model = new Select<>();
    private final Button send = new Button(VaadinIcon.PAPERPLANE.create(), click -> send());
    private UUID threadId;
    private final TextArea question = new TextArea();
    private final Div conversation = new Div();
    /** What a screen reader announces: each step, then the answer's sentence, once (never the streamed words). */
    private final Div announcer = new Div();
    private final VerticalLayout emptyState = new VerticalLayout();
    private final VerticalLayout threadList = new VerticalLayout();
    private final TextField threadSearch = new TextField();

    public ChatView(AccountService accounts, AskService asks, SuggestedQuestions suggestedQuestions,
            SecurityContextHolderStrategy securityContexts) {
        this.asks = asks;
        this.securityContexts = securityContexts;
        setSizeFull();
        setSpacing(false);
        addClassName("chat-view");
        Account me = accounts.current();

        var threadsPanel = threadsPanel();

        var heading = new H2("Ask about films and box office");
        var scope = new Paragraph("You see " + me.scope().describeRegions() + ". Ask in plain English; "
                + "every answer comes with its table, chart and SQL.");
        scope.setId("scope-line");
        var links = new HorizontalLayout();
        links.setWrap(true);
        links.addClassName("quick-links");
        var offered = new ArrayList<>(QUICK_LINKS);
        suggestedQuestions.enabled().stream().filter(suggestion -> !offered.contains(suggestion)).forEach(offered::add);
        for (String link : offered) {
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
        // A scrolling region the keyboard can reach and scroll, named for screen readers.
        conversation.getElement().setAttribute("role", "region");
        conversation.getElement().setAttribute("aria-label", "Conversation");
        conversation.getElement().setAttribute("tabindex", "0");
        conversation.setId("conversation");
        announcer.setId("answer-announcer");
        announcer.addClassName("sr-only");
        announcer.getElement().setAttribute("aria-live", "polite");
        announcer.getElement().setAttribute("role", "status");

        question.setPlaceholder("Ask a question, e.g. “Top 5 films by worldwide box office” — Enter sends, Shift+Enter adds a line");
        question.setWidthFull();
        question.setMaxHeight("10rem");
        question.setId("question");
        question.setAriaLabel("Question");
        // Every keystroke reaches the server, so the value is there when Enter sends it.
        question.setValueChangeMode(ValueChangeMode.EAGER);
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.setAriaLabel("Send");
        send.setId("send");
        // A shortcut fires only without modifiers, so Shift+Enter still adds a line.
        Shortcuts.addShortcutListener(question, this::send, Key.ENTER).listenOn(question);
        List<String> allowedModels = asks.allowedModels();
        model.setItems(allowedModels);
        model.setAriaLabel("Language model");
        model.setTooltipText("Language model for questions the planner cannot read");
        model.setVisible(allowedModels.size() > 1);
        if (!allowedModels.isEmpty()) {
            model.setValue(allowedModels.getFirst());
        }
        model.setWidth("12rem");
        model.setId("model");
        var composer = new HorizontalLayout(question, model, send);
        composer.setWidthFull();
        composer.setAlignItems(FlexComponent.Alignment.END);
        composer.addClassName("composer");

        quotaBadge.addClassName("quota-badge");
        quotaBadge.setId("quota-badge");
        showQuota(asks.remainingQuota());
        // The view's one level-one heading; the page shows the conversation, so it is for screen readers.
        var title = new H1("Chat");
        title.addClassName("sr-only");
        var chat = new VerticalLayout(title, quotaBadge, emptyState, conversation, composer, announcer);
        chat.setSizeFull();
        chat.expand(conversation);
        chat.addClassName("chat-column");

        add(threadsPanel, chat);
        expand(chat);
        refreshThreads();
        question.focus();
    }

    private VerticalLayout threadsPanel() {
        var newChat = new Button("New chat", VaadinIcon.PLUS.create(), click -> startNewThread());
        newChat.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        newChat.setWidthFull();
        newChat.setId("new-chat");
        threadSearch.setPlaceholder("Search conversations");
        threadSearch.setAriaLabel("Search conversations");
        threadSearch.setPrefixComponent(VaadinIcon.SEARCH.create());
        threadSearch.setClearButtonVisible(true);
        threadSearch.setWidthFull();
        threadSearch.setValueChangeMode(ValueChangeMode.LAZY);
        threadSearch.addValueChangeListener(change -> refreshThreads());
        threadList.setPadding(false);
        threadList.setSpacing(false);
        threadList.addClassName("thread-list");
        var panel = new VerticalLayout(newChat, threadSearch, threadList);
        panel.addClassName("threads-panel");
        panel.getElement().setAttribute("role", "region");
        panel.getElement().setAttribute("aria-label", "Conversations");
        panel.setWidth("16rem");
        panel.setHeightFull();
        return panel;
    }

    private void refreshThreads() {
        threadList.removeAll();
        String filter = threadSearch.getValue().strip().toLowerCase();
        List<ConversationThread> threads = asks.threads().stream()
                .filter(thread -> filter.isEmpty() || thread.title().toLowerCase().contains(filter))
                .toList();
        if (threads.isEmpty()) {
            var none = new Span(filter.isEmpty() ? "Your conversations appear here." : "No conversation matches.");
            none.addClassName("thread-empty");
            threadList.add(none);
        }
        for (ConversationThread thread : threads) {
            var open = new Button(thread.title(), click -> openThread(thread.id()));
            open.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            open.addClassName("thread-title");
            open.getElement().setAttribute("title", thread.title() + " · " + thread.updatedAt().format(WHEN));
            var delete = new Button(VaadinIcon.TRASH.create(), click -> {
                asks.deleteThread(thread.id());
                if (thread.id().equals(threadId)) {
                    startNewThread();
                }
                refreshThreads();
            });
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            delete.setAriaLabel("Delete conversation " + thread.title());
            var rename = new Button(VaadinIcon.PENCIL.create());
            rename.addClickListener(click -> openRenameDialog(thread, rename));
            rename.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            rename.setAriaLabel("Rename conversation " + thread.title());
            var row = new HorizontalLayout(open, rename, delete);
            row.setWidthFull();
            row.expand(open);
            row.setSpacing(false);
            row.addClassName("thread-row");
            if (thread.id().equals(threadId)) {
                row.addClassName("current");
            }
            threadList.add(row);
        }
    }

    /** Escape or Cancel closes it and the focus goes back to the button that opened it. */
    private void openRenameDialog(ConversationThread thread, Button opener) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Rename conversation");
        // Wide enough to read a long title whole; never wider than a phone.
        dialog.setWidth("28rem");
        dialog.setMaxWidth("100%");
        dialog.setCloseOnEsc(true);
        dialog.addOpenedChangeListener(change -> {
            if (!change.isOpened() && opener.isAttached()) {
                opener.focus();
            }
        });
        var title = new TextField("Title");
        title.setValue(thread.title());
        title.setWidthFull();
        title.setId("thread-title-field");
        var save = new Button("Save", click -> {
            try {
                asks.renameThread(thread.id(), title.getValue());
                dialog.close();
                refreshThreads();
            } catch (DomainException e) {
                title.setErrorMessage(e.getMessage());
                title.setInvalid(true);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        save.setId("save-thread-title");
        dialog.add(title);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
        title.focus();
    }

    private void startNewThread() {
        threadId = null;
        conversation.removeAll();
        emptyState.setVisible(true);
        question.focus();
        refreshThreads();
    }

    private void openThread(UUID id) {
        threadId = id;
        conversation.removeAll();
        emptyState.setVisible(false);
        for (AskService.Turn turn : asks.history(id)) {
            if (turn.question() != null) {
                conversation.add(userBubble(turn.question()));
            } else {
                conversation.add(new AnswerCard(turn.answer(), this));
            }
        }
        refreshThreads();
    }

    private void send() {
        ask(question.getValue().strip());
    }

    /** {@code /chat?q=...} (a link from an insight or a digest) asks that question in a new conversation. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var asked = event.getLocation().getQueryParameters().getSingleParameter("q");
        asked.map(String::strip).filter(text -> !text.isEmpty()).ifPresent(text -> {
            if (isAttached()) {
                ask(text);
            } else {
                addAttachListener(attached -> {
                    attached.unregisterListener();
                    ask(text);
                });
            }
        });
    }

    @Override
    public void ask(String text) {
        if (text.isEmpty() || !send.isEnabled()) {
            return;
        }
        emptyState.setVisible(false);
        conversation.add(userBubble(text));
        question.clear();
        UUID thread = threadId;
        String chosen = model.isVisible() ? model.getValue() : null;
        answerInBackground(events -> asks.ask(text, thread, chosen, events));
    }

    @Override
    public void runSql(String sql) {
        if (!send.isEnabled()) {
            return;
        }
        conversation.add(userBubble(sql));
        UUID thread = threadId;
        answerInBackground(events -> asks.query(sql, thread, events));
    }

    @Override
    public void askWithout(UUID messageId, String partKey, String reading) {
        if (!send.isEnabled()) {
            return;
        }
        emptyState.setVisible(false);
        conversation.add(userBubble(reading));
        answerInBackground(events -> asks.askWithout(messageId, partKey, events));
    }

    @Override
    public void rate(UUID messageId, int rating) {
        asks.feedback(messageId, rating);
    }

    /**
     * Answers off the UI thread: a progress line shows each step as the pipeline reports it, and the
     * answer is pushed to the browser when it is ready. The composer waits meanwhile.
     */
    private void answerInBackground(java.util.function.Function<java.util.function.Consumer<AskEvent>, AskReply> work) {
        var status = new Span("Reading the question…");
        announce("Reading the question");
        var progress = new ProgressBar();
        progress.setIndeterminate(true);
        var pending = new Div(status, progress);
        pending.addClassNames("message-assistant", "answer-pending");
        conversation.add(pending);
        send.setEnabled(false);
        UI ui = UI.getCurrent();
        SecurityContext caller = securityContexts.getContext();
        var written = new StringBuilder();
        Thread.ofVirtual().name("chat-answer").start(() -> {
            securityContexts.setContext(caller);
            try {
                AskReply reply = work.apply(event -> {
                    if (event.data() instanceof Map<?, ?> data && data.get("message") instanceof String message) {
                        ui.access(() -> {
                            status.setText(message + "…");
                            announce(message);
                        });
                    } else if ("token".equals(event.name()) && event.data() instanceof Map<?, ?> data
                            && data.get("text") instanceof String token) {
                        // A model writing the answer: show it growing, word by word.
                        written.append(token);
                        String soFar = written.toString();
                        ui.access(() -> status.setText(soFar));
                    }
                });
                ui.access(() -> {
                    pending.removeFromParent();
                    show(reply);
                });
            } catch (DomainException e) {
                ui.access(() -> {
                    pending.removeFromParent();
                    showProblem(e);
                });
            } catch (RuntimeException e) {
                ui.access(() -> {
                    pending.removeFromParent();
                    showProblem(new DomainException(DomainException.Kind.UNAVAILABLE, "internal_error",
                            "Something went wrong on our side. Please try again."));
                });
            } finally {
                securityContexts.clearContext();
                ui.access(() -> {
                    send.setEnabled(true);
                    question.focus();
                });
            }
        });
    }

    /** Replaces what the live region says, so each step and the answer are read out once. */
    private void announce(String text) {
        announcer.setText(text);
    }

    private void show(AskReply reply) {
        announce(reply.answer());
        boolean newThread = threadId == null;
        threadId = reply.threadId();
        var card = new AnswerCard(reply, this);
        conversation.add(card);
        card.scrollIntoView();
        showQuota(reply.quota());
        if (newThread) {
            refreshThreads();
        }
    }

    private void showQuota(Map<String, Object> quota) {
        quotaBadge.setText(describeQuota(quota));
        boolean spent = Stream.of("queriesLeftToday", "queriesLeftThisMonth")
                .map(quota::get).anyMatch(left -> left instanceof Number number && number.longValue() == 0);
        quotaBadge.getElement().setAttribute("theme", spent ? "badge error" : "badge");
    }

    /** The limits that apply, each with what is left: "4 of 5 questions left today · 18,200 tokens left today". */
    static String describeQuota(Map<String, Object> quota) {
        var parts = new ArrayList<String>();
        if (quota.get("queriesLeftToday") != null) {
            parts.add(quota.get("queriesLeftToday") + " of " + quota.get("queriesPerDay") + " questions left today");
        }
        if (quota.get("queriesLeftThisMonth") != null) {
            parts.add(quota.get("queriesLeftThisMonth") + " of " + quota.get("queriesPerMonth") + " questions left this month");
        }
        if (quota.get("tokensLeftToday") instanceof Number left) {
            parts.add(String.format(Locale.ENGLISH, "%,d tokens left today", left.longValue()));
        }
        if (quota.get("tokensLeftThisMonth") instanceof Number left) {
            parts.add(String.format(Locale.ENGLISH, "%,d tokens left this month", left.longValue()));
        }
        if (quota.get("usdLeftThisMonth") instanceof BigDecimal left) {
            parts.add(String.format(Locale.ENGLISH, "$%,.2f left this month", left));
        }
        return parts.isEmpty() ? "Unlimited questions" : String.join(" · ", parts);
    }

    private void showProblem(DomainException e) {
        var problem = new Paragraph(switch (e.code()) {
            case "sql_rejected" -> "This SQL cannot run: " + e.getMessage();
            case "query_timeout" -> e.getMessage();
            default -> e.getMessage();
        });
        problem.addClassNames("message-assistant", "message-error");
        announce(problem.getText());
        conversation.add(problem);
    }

    private static Paragraph userBubble(String text) {
        var bubble = new Paragraph(text);
        bubble.addClassName("message-user");
        return bubble;
    }
}
