package ai.usheru.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.usheru.accounts.Account;
import ai.usheru.accounts.Role;
import ai.usheru.accounts.Scope;
import ai.usheru.ask.planner.OfflinePlanner;
import ai.usheru.ask.planner.Vocabulary;
import ai.usheru.quota.Quota;
import ai.usheru.support.TestWarehouse;
import ai.usheru.warehouse.DuckDbWarehouse;
import ai.usheru.warehouse.QueryResult;

/**
 * The pipeline's steps that decide without the database of record: understanding's result is planned
 * ({@link PlanStep}) into a route, described ({@link AnswerStep}) and followed up ({@link SuggestStep}).
 * The steps that read and write (understand's offered readings, the model, guard, run, remember) are
 * exercised through the HTTP API by {@code AskApiTest}, {@code LlmEngineTest} and {@code AskEvalTest}.
 */
class AskStepsTest {

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

    private static final PlanStep PLAN = new PlanStep();
    private static final AnswerStep ANSWER = new AnswerStep(null, null);
    private static final SuggestStep SUGGEST = new SuggestStep();

    /** An ask as the understand step leaves it, for a user who sees {@code regions} (none: every region). */
    private static AskState understood(String question, Set<String> regions) {
        var scope = new Scope(Set.of(), regions);
        var me = new Account(UUID.randomUUID(), "analyst@example.com", "Analyst", Role.USER, false, null, null, scope, Quota.UNLIMITED,
                OffsetDateTime.now());
        var events = new ArrayList<AskEvent>();
        var ask = new AskState(me, question, null, false, TestWarehouse.MART, planner, Answers.scopeWords(regions, planner.vocabulary()),
                Optional.empty(), null, null, null, events::add);
        ask.outcome = planner.plan(question, null);
        return ask;
    }

    @Test
    void aQuestionReadCompletelyIsPlannedAsTheCompiledSqlAndDescribedWithItsScope() {
        var ask = understood("Top 5 films by box office in Germany in 2009", Set.of());

        PLAN.apply(ask);

        assertThat(ask.route).isEqualTo(AskState.Route.PLANNER);
        assertThat(ask.intent).isEqualTo(Intent.DATA_QUERY);
        assertThat(ask.sql).isEqualTo(ask.outcome.sql());
        ask.result = new QueryResult(List.of(new QueryResult.Column("title", "VARCHAR"), new QueryResult.Column("box_office", "DOUBLE")),
                List.of(List.<Object>of("Avatar", 1.0e8)), false, 1);
        ANSWER.apply(ask);
        SUGGEST.apply(ask);
        assertThat(ask.answer).contains("Avatar").endsWith("Computed for all regions.");
        assertThat(ask.suggestions).isNotEmpty();
    }

    @Test
    void aQuestionReadOnlyInPartGetsItsReadingToConfirmAndNoFigure() {
        var ask = understood("Which critics' darlings flopped with audiences?", Set.of());
        assertThat(PlanStep.readInPart(ask.outcome)).isTrue();

        PLAN.apply(ask);
        SUGGEST.apply(ask);

        assertThat(ask.route).isEqualTo(AskState.Route.CLARIFY);
        assertThat(ask.sql).isNull();
        assertThat(ask.readings).hasSize(1);
        assertThat(ask.answer).contains("darlings");
        assertThat(ask.suggestions).hasSize(1);
    }

    @Test
    void regionsOutsideTheScopeAreRefusedWhenNothingIsLeftAndLeftOutOtherwise() {
        var refused = understood("Total box office in Japan in 2009", Set.of("DE", "FR"));
        PLAN.apply(refused);
        assertThat(refused.route).isEqualTo(AskState.Route.REPLY);
        assertThat(refused.answer).contains("Japan is outside your data scope").contains("France").contains("Germany");
        assertThat(refused.plan).as("the plan is kept with the refusal").isNotNull();

        var narrowed = understood("Total box office in Japan and Germany in 2009", Set.of("DE", "FR"));
        PLAN.apply(narrowed);
        assertThat(narrowed.route).isEqualTo(AskState.Route.PLANNER);
        assertThat(narrowed.plan.filtersOn("region").getFirst().values()).containsExactly("DE");
        assertThat(narrowed.scopeNote).isEqualTo("Japan left out: outside your data scope.");
        assertThat(narrowed.sql).doesNotContain("'JP'");
    }

    @Test
    void aTitleThatRemakesShareAsksWhichFilm() {
        var ask = understood("How much did King Kong make in Japan?", Set.of());

        PLAN.apply(ask);
        SUGGEST.apply(ask);

        assertThat(ask.route).isEqualTo(AskState.Route.CLARIFY);
        assertThat(ask.answer).startsWith("Several films are titled “King Kong”");
        assertThat(ask.readings).hasSizeGreaterThan(1);
        assertThat(ask.suggestions).hasSameSizeAs(ask.readings).doesNotHaveDuplicates();
    }

    @Test
    void forecastsGoToTheFilmModelsForOneFilmDescribedAndToASeriesOtherwise() {
        var film = understood("Forecast the US box office of a $100 million PG-13 action film released in 2012", Set.of());
        PLAN.apply(film);
        assertThat(film.route).isEqualTo(AskState.Route.FILM_FORECAST);
        assertThat(film.forecastRegions).containsExactly("US");
        assertThat(film.plan).as("the film models answer from the description").isNull();

        var series = understood("What will South Korea's total box office be next year?", Set.of());
        PLAN.apply(series);
        assertThat(series.route).isEqualTo(AskState.Route.SERIES_FORECAST);
        assertThat(series.sql).isEqualTo(series.outcome.sql());
        SUGGEST.apply(series);
        assertThat(series.suggestions).contains("And by genre?");
    }

    @Test
    void wordsWithoutDataAreRepliedTo() {
        var ask = understood("Hello!", Set.of());

        PLAN.apply(ask);
        ANSWER.apply(ask);
        SUGGEST.apply(ask);

        assertThat(ask.route).isEqualTo(AskState.Route.REPLY);
        assertThat(ask.intent).isEqualTo(Intent.GREETING);
        assertThat(ask.answer).startsWith("Hello!");
        assertThat(ask.suggestions).isEmpty();
    }

    @Test
    void theUsersOwnSqlIsDescribedByItsRowCount() {
        var ask = understood("SELECT 1", Set.of("DE"));
        ask.route = AskState.Route.USER_SQL;
        ask.result = new QueryResult(List.of(new QueryResult.Column("one", "INTEGER")), List.of(List.<Object>of(1)), true, 1);

        ANSWER.apply(ask);

        assertThat(ask.answer).isEqualTo("1 row (cut at the row limit). Computed for Germany only.");
    }
}
