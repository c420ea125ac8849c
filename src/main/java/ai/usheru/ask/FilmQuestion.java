package ai.usheru.ask;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.usheru.ask.planner.QueryPlan;
import ai.usheru.predict.BoxOfficeTarget;
import ai.usheru.predict.FilmSpec;

/**
 * A forecast question about one film described rather than named ("a $100M PG-13 action film released
 * in July 2011"): its opening week or whole run, from the attributes the planner read (genre, rating,
 * creative type, source, distributor, month, region) and the budget and year in the words. A question
 * about a series or a market ("next year's box office", "the next Harry Potter film") is none.
 */
record FilmQuestion(BoxOfficeTarget target, FilmSpec film) {

    /** "a …film", "an …movie": one film, described. */
    private static final Pattern ONE_FILM = Pattern.compile(
            "\\b(?:a|an|one|my|our|their)\\s+(?:[\\w$.,'-]+\\s+){0,7}?(?:new\\s+)?(?:films?|movies?|pictures?|releases?|titles?|comed(?:y|ies)|dramas?|"
                    + "thrillers?|westerns?|musicals?|documentar(?:y|ies)|blockbusters?|sequels?|remakes?|adaptations?|horror)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OPENING = Pattern.compile("\\b(open(?:s|ing)?|debut\\w*|first week(?:end)?|launch\\w*)\\b",
            Pattern.CASE_INSENSITIVE);
    /** "$100M", "$ 2.5 million", "40 million dollars", "USD 90m". */
    private static final Pattern MONEY = Pattern.compile(
            "(?:\\$|usd\\s*)\\s?(\\d+(?:[.,]\\d+)?)\\s*(k|thousand|m|mn|mil|million|b|bn|billion)?\\b"
                    + "|\\b(\\d+(?:[.,]\\d+)?)\\s*(k|thousand|m|mn|million|b|bn|billion)\\s*(?:dollars?|usd|\\$)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile("\\b(19|20)\\d{2}\\b");

    /** The film question in {@code question}, read with the planner's {@code plan} of it, or none. */
    static Optional<FilmQuestion> read(String question, QueryPlan plan, int nextYear) {
        if (!ONE_FILM.matcher(question).find() || plan.filters().stream().anyMatch(filter -> filter.field().equals("title_contains"))) {
            return Optional.empty();
        }
        boolean opening = OPENING.matcher(question).find() || plan.filtersOn("week").stream().anyMatch(filter -> filter.values().contains(1));
        Double budget = null;
        Matcher money = MONEY.matcher(question);
        if (money.find()) {
            String amount = money.group(1) != null ? money.group(1) : money.group(3);
            String unit = money.group(1) != null ? money.group(2) : money.group(4);
            budget = Double.parseDouble(amount.replace(",", "")) * scale(unit);
        }
        int year = YEAR.matcher(question).results().mapToInt(found -> Integer.parseInt(found.group())).filter(found -> found >= nextYear)
                .findFirst().orElse(nextYear);
        Integer month = plan.filtersOn("month").stream().filter(filter -> "in".equals(filter.op()) && filter.values().size() == 1)
                .map(filter -> ((Number) filter.values().getFirst()).intValue()).findFirst().orElse(null);
        var film = new FilmSpec(null, one(plan, "genre"), one(plan, "creative_type"), one(plan, "source"), one(plan, "mpaa_rating"), budget,
                null, one(plan, "distributor"), List.of(), month == null ? null : LocalDate.of(year, month, 15));
        if (film.genre() == null && film.mpaaRating() == null && film.budgetUsd() == null && film.creativeType() == null
                && film.source() == null) {
            return Optional.empty();
        }
        if (film.releaseDate() == null && year > nextYear) {
            film = film.withReleaseDate(LocalDate.of(year, 6, 15));
        }
        return Optional.of(new FilmQuestion(opening ? BoxOfficeTarget.OPENING_WEEK_GROSS : BoxOfficeTarget.TOTAL_GROSS, film));
    }

    /** Follow-ups that stand on their own: the other target for the same film, and the earlier films like it. */
    static List<String> suggestions(FilmQuestion question, int latestYear) {
        FilmSpec film = question.film();
        var described = new StringBuilder(film.mpaaRating() == null ? "" : film.mpaaRating() + " ");
        described.append(film.genre() == null ? "film" : film.genre().toLowerCase(Locale.ROOT) + " film");
        if (film.budgetUsd() != null) {
            described.append(" with a $").append(Math.round(film.budgetUsd() / 1e6)).append(" million budget");
        }
        String other = question.target() == BoxOfficeTarget.OPENING_WEEK_GROSS ? "total box office" : "opening week";
        String article = described.toString().matches("(?i)[aeiou8].*|R .*|NC-17.*") ? "an " : "a ";
        return List.of("Forecast the " + other + " of " + article + described,
                "Which " + (film.genre() == null ? "" : film.genre() + " ") + "films had the biggest opening weeks in " + latestYear + "?");
    }

    /** The regions the question names, or none (then the user's whole scope). */
    static List<String> regions(QueryPlan plan) {
        return plan.filtersOn("region").stream().filter(filter -> "in".equals(filter.op()))
                .flatMap(filter -> filter.values().stream().map(String::valueOf)).toList();
    }

    private static String one(QueryPlan plan, String field) {
        return plan.filtersOn(field).stream().filter(filter -> "in".equals(filter.op()) && filter.values().size() == 1)
                .map(filter -> String.valueOf(filter.values().getFirst())).findFirst().orElse(null);
    }

    private static double scale(String unit) {
        if (unit == null) {
            return 1;
        }
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "k", "thousand" -> 1e3;
            case "m", "mn", "mil", "million" -> 1e6;
            default -> 1e9;
        };
    }
}
