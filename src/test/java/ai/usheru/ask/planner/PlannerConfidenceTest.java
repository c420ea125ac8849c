package ai.usheru.ask.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.usheru.ask.Intent;
import ai.usheru.support.EvalCases;
import ai.usheru.support.TestWarehouse;
import ai.usheru.warehouse.DuckDbWarehouse;

/**
 * The planner is confident only when it read every word that matters: what it left unread is what a
 * language model is asked about instead, or what the offline answer says it left out.
 */
class PlannerConfidenceTest {

    @TempDir
    static Path dataDir;
    static DuckDbWarehouse warehouse;
    static OfflinePlanner planner;

    @BeforeAll
    static void loadWarehouse() throws Exception {
        warehouse = TestWarehouse.start(dataDir);
        try (Connection connection = warehouse.connect(TestWarehouse.MART)) {
            planner = new OfflinePlanner(Vocabulary.read(TestWarehouse.models().all().getFirst(), connection));
        }
    }

    @AfterAll
    static void close() throws Exception {
        warehouse.destroy();
    }

    @Test
    void everyPublishedQuestionItAnswersIsReadCompletely() {
        for (var testCase : EvalCases.load()) {
            for (String question : EvalCases.questionsOf(testCase)) {
                var outcome = planner.plan(question, null);
                assertThat(outcome.unreadWords()).as(question).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Which films have palindromic titles?|palindromic",
            "Where do IMDb and Rotten Tomatoes scores diverge most?|diverge",
            "Which critics' darlings flopped with audiences?|darlings, flopped",
            "Which films have titles that are one word long?|word"})
    void wordsItDidNotReadMakeItUnsure(String question, String unread) {
        var outcome = planner.plan(question, null);

        assertThat(outcome.intent()).isIn(Intent.DATA_QUERY, Intent.NOT_UNDERSTOOD);
        assertThat(outcome.confident()).isFalse();
        assertThat(String.join(", ", outcome.unreadWords())).isEqualTo(unread);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "How many films did Steven Spielberg direct in the 1990s?",
            "What is the highest-grossing comedy in Spain?",
            "Show me the top 5 dramas by box office in Germany since 2005, please",
            "Which one had the best box office to budget ratio among films over $100 million?"})
    void everydayWordingDoesNot(String question) {
        assertThat(planner.plan(question, null).unreadWords()).as(question).isEmpty();
    }
}
