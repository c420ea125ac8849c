package ai.usheru.ask.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.Test;

import ai.usheru.support.KaribuTest;

class ChatViewTest extends KaribuTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.jooq.DSLContext db;

    @org.springframework.beans.factory.annotation.Autowired
    ai.usheru.ask.SuggestedQuestions suggestions;

    @Test
    void theEmptyStateNamesTheUsersScopeAndOffersQuickLinks() {
        signInAsNew("IE");

        UI.getCurrent().navigate("chat");

        assertThat(_get(VerticalLayout.class, spec -> spec.withId("chat-empty-state")).isVisible()).isTrue();
        assertThat(_get(Paragraph.class, spec -> spec.withId("scope-line")).getText()).contains("IE");
        for (String link : ChatView.QUICK_LINKS) {
            assertThat(_get(Button.class, spec -> spec.withText(link))).isNotNull();
        }
    }

    @Test
    void aQuickLinkFillsInTheQuestion() {
        signInAsNew();
        UI.getCurrent().navigate("chat");

        ButtonKt._click(_get(Button.class, spec -> spec.withText(ChatView.QUICK_LINKS.getFirst())));

        assertThat(_get(TextArea.class, spec -> spec.withId("question")).getValue()).isEqualTo(ChatView.QUICK_LINKS.getFirst());
    }

    @Test
    void aQuestionIsAnsweredWithAChartAndItsRowsInAGrid() {
        signInAsNew();
        UI.getCurrent().navigate("chat");

        ask("Top 5 films by box office");

        _assertNone(VerticalLayout.class, spec -> spec.withId("chat-empty-state"));
        var card = _get(AnswerCard.class);
        var grid = gridOf(card);
        assertThat(GridKt._size(grid)).isEqualTo(5);
        assertThat(GridKt._getFormattedRow(grid, 0)).first().isEqualTo("Avatar");
        assertThat(card.chartType().getValue()).isEqualTo("bar");
        assertThat(card.chart().optionJson()).contains("\"type\":\"bar\"").contains("Avatar");
    }

    @Test
    void theChartTypeCanBeSwitched() {
        signInAsNew();
        UI.getCurrent().navigate("chat");
        ask("Box office by genre");
        var card = _get(AnswerCard.class);

        card.chartType().setValue("pie");
        assertThat(card.chart().optionJson()).contains("\"type\":\"pie\"");
        card.chartType().setValue("table");
        assertThat(card.chart().isVisible()).isFalse();
    }

    @Test
    void aSingleFigureIsShownAsAKpiCard() {
        signInAsNew();
        UI.getCurrent().navigate("chat");

        ask("Total admissions in Ireland for films released in 2010");

        assertThat(_find(_get(AnswerCard.class), com.vaadin.flow.component.html.Span.class, spec -> spec.withClasses("kpi-value")))
                .singleElement().satisfies(value -> assertThat(value.getText()).isEqualTo("9,407,293"));
    }

    @Test
    void theReadingShowsAsChipsAndDroppingOneRunsTheAnswerAgainWithoutIt() {
        signInAsNew();
        UI.getCurrent().navigate("chat");
        ask("Top 5 comedies by box office in Germany");

        var chips = _find(_get(AnswerCard.class), com.vaadin.flow.component.html.Span.class, spec -> spec.withClasses("reading-chip"));
        assertThat(chips).extracting(chip -> chip.getElement().getText())
                .contains("Box office", "in Germany", "of Comedy films", "by film", "top 5", "for all regions");
        var germany = chips.stream().filter(chip -> chip.getElement().getText().equals("in Germany")).findFirst().orElseThrow();

        ButtonKt._click(_get(germany, Button.class, spec -> spec.withClasses("reading-drop")));
        awaitAnswers(2);

        var again = _find(AnswerCard.class).getLast();
        assertThat(_find(again, com.vaadin.flow.component.html.Span.class, spec -> spec.withClasses("reading-chip")))
                .extracting(chip -> chip.getElement().getText()).contains("of Comedy films", "top 5").doesNotContain("in Germany");
        assertThat(GridKt._size(gridOf(again))).isEqualTo(5);
        assertThat(GridKt._getFormattedRow(gridOf(again), 0)).first().isNotEqualTo(GridKt._getFormattedRow(gridOf(_find(AnswerCard.class)
                .getFirst()), 0).getFirst());
    }

    @Test
    void editedSqlRunsThroughTheGuardInTheUsersScope() {
        signInAsNew("IE");
        UI.getCurrent().navigate("chat");
        ask("Top 5 films by box office");

        ButtonKt._click(_get(Button.class, spec -> spec.withClasses("sql-edit")));
        _get(TextArea.class, spec -> spec.withClasses("sql-editor"))
                .setValue("SELECT region_code, SUM(gross_usd) AS gross_usd FROM box_office GROUP BY region_code");
        ButtonKt._click(_get(Button.class, spec -> spec.withClasses("sql-run")));
        awaitAnswers(2);

        var cards = _find(AnswerCard.class);
        assertThat(cards).hasSize(2);
        assertThat(GridKt._getFormattedRow(gridOf(cards.getLast()), 0)).first().isEqualTo("IE");
        assertThat(GridKt._size(gridOf(cards.getLast()))).isEqualTo(1);
    }

    @Test
    void refusedSqlIsExplainedInTheChat() {
        signInAsNew();
        UI.getCurrent().navigate("chat");
        ask("Top 5 films by box office");

        ButtonKt._click(_get(Button.class, spec -> spec.withClasses("sql-edit")));
        _get(TextArea.class, spec -> spec.withClasses("sql-editor")).setValue("DELETE FROM box_office");
        ButtonKt._click(_get(Button.class, spec -> spec.withClasses("sql-run")));
        awaitAnswers(2);

        assertThat(_get(Paragraph.class, spec -> spec.withClasses("message-error")).getText()).startsWith("This SQL cannot run:");
    }

    @Test
    void conversationsAreListedReopenedAndDeleted() {
        signInAsNew();
        UI.getCurrent().navigate("chat");
        ask("Top 5 films by box office");
        ButtonKt._click(_get(Button.class, spec -> spec.withId("new-chat")));
        assertThat(_find(AnswerCard.class)).isEmpty();

        ButtonKt._click(_get(Button.class, spec -> spec.withText("Top 5 films by box office").withClasses("thread-title")));
        assertThat(GridKt._size(gridOf(_get(AnswerCard.class)))).isEqualTo(5);

        ButtonKt._click(_get(Button.class, spec -> spec.withAttribute("aria-label", "Rename conversation Top 5 films by box office")));
        _get(com.vaadin.flow.component.textfield.TextField.class, spec -> spec.withId("thread-title-field")).setValue("Germany vs the world");
        ButtonKt._click(_get(Button.class, spec -> spec.withId("save-thread-title")));
        assertThat(_get(Button.class, spec -> spec.withClasses("thread-title")).getText()).isEqualTo("Germany vs the world");

        var delete = _get(Button.class, spec -> spec.withAttribute("aria-label", "Delete conversation Germany vs the world"));
        ButtonKt._click(delete);
        assertThat(_find(Button.class, spec -> spec.withClasses("thread-title"))).isEmpty();
        assertThat(_find(AnswerCard.class)).isEmpty();
    }

    private void ask(String question) {
        int before = _find(AnswerCard.class).size() + _find(Paragraph.class, spec -> spec.withClasses("message-error")).size();
        _get(TextArea.class, spec -> spec.withId("question")).setValue(question);
        ButtonKt._click(_get(Button.class, spec -> spec.withId("send")));
        awaitAnswers(before + 1);
    }

    private static void awaitAnswers(int count) {
        awaitUi(() -> _find(AnswerCard.class).size() + _find(Paragraph.class, spec -> spec.withClasses("message-error")).size() >= count
                && _get(Button.class, spec -> spec.withId("send")).isEnabled());
    }

    @Test
    void aThumbsUpKeepsTheQuestionAndSqlAsAVerifiedExample() {
        signInAsNew();
        UI.getCurrent().navigate("chat");
        ask("Top 3 genres by worldwide box office");

        ButtonKt._click(_get(Button.class, spec -> spec.withClasses("thumbs-up")));

        assertThat(_get(Button.class, spec -> spec.withClasses("thumbs-down")).isEnabled()).isFalse();
        assertThat(db.fetchCount(ai.usheru.db.Tables.VERIFIED_EXAMPLES,
                ai.usheru.db.Tables.VERIFIED_EXAMPLES.QUESTION.eq("Top 3 genres by worldwide box office"))).isEqualTo(1);
    }

    @Test
    void aModelsAnswerSaysWhichModelWroteItAndWhatItCost() {
        signInAsNew();
        UI.getCurrent().navigate("chat");
        var reply = new ai.usheru.ask.AskReply(java.util.UUID.randomUUID(), "data_query", "SELECT 1 AS one",
                java.util.List.of(new ai.usheru.warehouse.QueryResult.Column("one", "INTEGER")), java.util.List.of(java.util.List.of(1)),
                "One.", java.util.List.of(), new ai.usheru.ask.AskReply.Usage("gpt-4o-mini", 1_200, 80, new java.math.BigDecimal("0.0038")),
                java.util.Map.of(), "kpi", "all regions", false, "llm", java.util.UUID.randomUUID(), null, null);
        var offline = new ai.usheru.ask.AskReply(reply.threadId(), "data_query", "SELECT 1 AS one", reply.columns(), reply.rows(), "One.",
                java.util.List.of(), ai.usheru.ask.AskReply.Usage.OFFLINE, java.util.Map.of(), "kpi", "all regions", false, "offline",
                java.util.UUID.randomUUID(), null, null);
        AnswerCard.Actions nothing = new AnswerCard.Actions() {
            public void ask(String question) {}
            public void runSql(String sql) {}
            public void rate(java.util.UUID messageId, int rating) {}

            public void askWithout(java.util.UUID messageId, String partKey, String reading) {}
        };

        var card = new AnswerCard(reply, nothing);
        var offlineCard = new AnswerCard(offline, nothing);
        UI.getCurrent().add(card, offlineCard);

        assertThat(_get(card, com.vaadin.flow.component.html.Span.class, spec -> spec.withClasses("usage-note")).getElement().getTextRecursively())
                .isEqualTo(" gpt-4o-mini · 1,280 tokens · $0.0038");
        _assertNone(offlineCard, com.vaadin.flow.component.html.Span.class, spec -> spec.withClasses("usage-note"));
    }

    @Test
    void theQuotaBadgeNamesEveryLimitWithWhatIsLeft() {
        var user = aUser().withQuota(new ai.usheru.quota.Quota(5, 100, 20_000L, null, new java.math.BigDecimal("12.5")));
        users.create(user);
        signInAs(user.email());
        UI.getCurrent().navigate("chat");

        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("quota-badge")).getText())
                .isEqualTo("5 of 5 questions left today · 100 of 100 questions left this month · 20,000 tokens left today"
                        + " · $12.50 left this month");
    }

    @Test
    void theQuotaBadgeCountsDown() {
        var user = aUser().withQuota(new ai.usheru.quota.Quota(5, null, null, null, null));
        users.create(user);
        signInAs(user.email());
        UI.getCurrent().navigate("chat");
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("quota-badge")).getText())
                .isEqualTo("5 of 5 questions left today");

        ask("Top 5 films by box office");

        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("quota-badge")).getText())
                .isEqualTo("4 of 5 questions left today");
    }

    @Test
    void adminSuggestedQuestionsAppearOnTheEmptyChat() {
        users.asAdmin(() -> {
            suggestions.add("Which westerns made the most money?");
            return null;
        });
        signInAsNew();

        UI.getCurrent().navigate("chat");

        assertThat(_get(Button.class, spec -> spec.withText("Which westerns made the most money?"))).isNotNull();
    }

    private void signInAsNew(String... regions) {
        var user = aUser().scopedTo(regions);
        users.create(user);
        signInAs(user.email());
    }

    @SuppressWarnings("unchecked")
    private static Grid<java.util.List<Object>> gridOf(AnswerCard card) {
        return (Grid<java.util.List<Object>>) card.getChildren().filter(child -> child instanceof Grid).findFirst().orElseThrow();
    }
}
