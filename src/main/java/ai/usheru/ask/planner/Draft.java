package ai.usheru.ask.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * What one question said, before defaults and before merging with the thread's previous plan. Null
 * means "not said", which is what lets a follow-up keep the rest of the previous plan.
 */
final class Draft {

    String metric;
    /** Measures asked for beside {@link #metric} ("gross and admissions"), in the order named. */
    List<String> alsoMeasures = List.of();
    String aggregate;
    /** Dimensions the question broke down by; null when it named none. */
    List<String> groupBy;
    final List<QueryPlan.Filter> filters = new ArrayList<>();
    String order;
    Integer limit;
    /** The question asks about individual films ("which film", "top 5 comedies", "list ... films"). */
    boolean aboutFilms;
    /** The breakdown was asked for group by group ("in each of our markets"): a row each, whatever else says "one". */
    boolean eachGroup;
    /** "For each Tim Burton film": every film, even though the noun is singular. */
    boolean eachFilm;
    /** The question wants one answer ("which distributor", "the highest-grossing comedy"). */
    boolean singular;
    /** Words that refer back to the previous answer ("what about", "those", "them"). */
    boolean refersBack;
    /** "And the year before?": how many years earlier than the previous answer's year. */
    int yearsBack;
    /** The question picks among the previous answer's rows ("which of these", "among them"). */
    boolean amongPrevious;
    /** The question compares named values ("compare", "versus", "more in X than in Y"). */
    boolean compares;
    /** A genre word used as a noun for films ("comedies"), which a ranking is then about. */
    String filmNoun;
    /** The region was named as where ("in France"), not as what is measured ("from the US"). */
    boolean regionIsContext;
    /** A capitalised name the data does not know, such as a studio that is not a distributor here. */
    String unknownName;
    /** Something the question asks for that the plan cannot express; the planner will say so. */
    String unsupported;
    /** "What share of X came from Y" names the part after "came from"; whether it is a region. */
    boolean sharePartNamed;
    boolean sharePartIsRegion;
    /** The part is a week of the run ("came in its opening week"). */
    boolean sharePartIsWeek;
    /** "Outside the US" / "international" was read. */
    boolean international;
    /** The question asks for one total ("total takings of the films it released"). */
    boolean total;
    /** Rows skipped before the limit: "the second-highest" skips one. */
    Integer offset;
    /** Content words no step read: the planner's answer would ignore them. */
    List<String> unreadWords = List.of();

    boolean hasYearFilter() {
        return filters.stream().anyMatch(filter -> filter.field().equals("year"));
    }

    boolean isEmpty() {
        return metric == null && groupBy == null && filters.isEmpty() && order == null && limit == null && !aboutFilms && yearsBack == 0;
    }

    void addGroupBy(String dimension) {
        if (groupBy == null) {
            groupBy = new ArrayList<>();
        }
        if (!groupBy.contains(dimension)) {
            groupBy.add(dimension);
        }
    }
}
