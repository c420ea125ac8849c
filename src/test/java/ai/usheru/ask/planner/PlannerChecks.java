package ai.usheru.ask.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ai.usheru.support.EvalCases;
import ai.usheru.support.TestWarehouse;
import ai.usheru.warehouse.DuckDbWarehouse;

/** The planner tests' one check of a reading: every word read, and its SQL's rows those of a hand-written query. */
final class PlannerChecks {

    private PlannerChecks() {}

    /** Ordered when the reference orders its outermost rows (an ORDER BY anywhere in it). */
    static void answersLike(OfflinePlanner planner, DuckDbWarehouse warehouse, String question, String reference) throws Exception {
        var outcome = planner.plan(question, null);

        assertThat(outcome.hasSql()).as(question + ": " + outcome.message()).isTrue();
        assertThat(outcome.confident()).as(question + " left " + outcome.unreadWords()).isTrue();
        var expected = TestWarehouse.rows(warehouse, reference);
        var got = TestWarehouse.rows(warehouse, outcome.sql());
        assertThat(EvalCases.rowsMatch(expected, got, reference.contains("ORDER BY")))
                .as("%s%n%s%ngot %s%nexpected %s", question, outcome.sql(), head(got), head(expected)).isTrue();
    }

    static List<List<Object>> head(List<List<Object>> rows) {
        return rows.subList(0, Math.min(4, rows.size()));
    }
}
