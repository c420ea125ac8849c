package ai.usheru.ask.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.usheru.ask.Intent;

/**
 * The deterministic question planner: English in, a {@link QueryPlan} and its SQL out, with no
 * language model. It recognises greetings, out-of-scope requests and predictions, resolves
 * follow-ups against the previous plan of the thread, and says so when it does not understand.
 */
public final class OfflinePlanner {

    private static final Pattern GREETING = Pattern.compile(
            "^\\s*(hi|hello|hey|hiya|good (morning|afternoon|evening)|thanks|thank you|cheers|help|what can you do|who are you|"
                    + "how does this work|what do you know)\\b[\\s!?.,]*(there|again)?[\\s!?.]*$");
    private static final Pattern HOSTILE = Pattern.compile(
            "\\b(drop|truncate|delete|insert|update|alter|grant|revoke|create)\\s+(table|from|into|database|schema|user|all|the|index|view|role)\\b"
                    + "|\\b(ignore|disregard|forget|override|bypass|disable|circumvent|remove|lift)\\b.{0,40}\\b(instructions?|rules?|restrictions?|"
                    + "scope|limits?|filters?|guard|security|permissions?|prompt)\\b"
                    + "|\\b(system prompt|jailbreak|developer mode|sudo|as an admin|other users?'?s?|another user|passwords?|api keys?|"
                    + "credentials|secret|pretend (you|to be)|act as)\\b|;\\s*--|\\bunion\\s+select\\b"
                    // Requests to change the data: "Please set the budget of Titanic to $250 million", "Rename ... in the database".
                    + "|^\\s*(?:please\\s+|kindly\\s+|(?:can|could|would|will) you\\s+(?:please\\s+)?|i (?:want|need) you to\\s+)?"
                    + "(?:(?:set|update|modify|edit|overwrite|correct|rename|reset|change\\s+(?:the|its|their|his|her))\\b.{0,80}\\bto\\b"
                    + "|(?:delete|remove|erase|insert|wipe|purge|add(?!\\s+up\\b))\\b)"
                    + "|\\b(?:set|change|update|modify|edit|overwrite|delete|remove|erase|insert|add|rename|reset|wipe|purge)\\b.{0,80}"
                    + "\\b(?:in|from|into|to) the (?:database|data ?base|table|data mart|warehouse|catalogue|catalog|records?)\\b");
    private static final Pattern OFF_TOPIC = Pattern.compile(
            "\\b(weather|forecast for (today|tomorrow)|temperature|rain|joke|poem|recipe|cook|stock price|stocks|bitcoin|crypto|"
                    + "football|soccer|election|president|prime minister|capital of|translate|"
                    + "(?:write|compose|draft) (me |us )?(a|an|some) (?:short |funny |quick )?(essay|story|email|code|limerick|poem|haiku|song|tweet|caption|slogan|tagline|post|rap|speech)|"
                    + "news|horoscope|lottery|meaning of life|time is it|what day is|restaurants?|hotels?|dinner|lunch|taxi|parking|directions to)\\b");
    /** Requests for help to hurt people or damage things, whatever film words (or titles such as "Kill Bill") they carry. */
    private static final Pattern HARMFUL = Pattern.compile(
            "\\b(?:how (?:do|would|can|could|should|to) (?:i |we |you |one )?|help me|teach me|instructions|steps to|ways? to|tell me how)\\b.{0,60}"
                    + "\\b(?:make|build|set off|plant|smuggle|sneak|hide|use|get|mix|start)\\b.{0,40}"
                    + "\\b(?:bombs?|smoke bombs?|stink bombs?|explosives?|weapons?|guns?|poison|knife|knives|fires?|tear gas|pepper spray)\\b"
                    + "|\\b(?:set fire to|burn down|blow up|set off (?:a|the) (?:bomb|smoke bomb|fire alarm)|poison (?:the|someone|people|a))\\b");
    /** Requests to get films without paying for them, whatever film words they carry. */
    private static final Pattern PIRACY = Pattern.compile(
            "\\b(torrents?|pirated|pirating|piracy|pirate (?:copy|copies|site|sites|stream|version)|bootleg\\w*|camcord\\w*|illegal\\w*|(?:download|stream|watch)\\w*\\b.{0,60}\\bfor free|"
                    + "free download|without paying|(?:record|film|tape)\\w*\\b.{0,60}\\b(?:on|with) (?:my|a|the) (?:phone|camera|mobile))\\b");
    /** Future tense: with a year after the data's last, a question asks for a forecast. */
    private static final Pattern FUTURE = Pattern.compile("\\b(will|going to|gonna|expected|likely|should we expect)\\b");
    private static final Pattern A_YEAR = Pattern.compile("\\b((?:19|20)\\d{2})\\b");
    private static final Pattern STARTS_AS_FOLLOW_UP = Pattern.compile(
            "^\\s*(?:and|what about|how about|same for|same but|same thing|now|instead)\\b|^\\s*(?:only|just) (?:those|these|them)\\b");
    /** A time named by the previous answer: "that year", "the same month". */
    private static final Pattern THAT_TIME = Pattern.compile("\\b(?:that|the same) (?:year|month|week|season|decade)\\b");
    /** Both ends of a ranking at once: "the highest and lowest rated western". */
    private static final Pattern BOTH_ENDS = Pattern.compile(
            "\\b(highest|best|biggest|top|most|largest|longest|first)\\b[^.?]{0,30}?\\b(?:and|&|vs\\.?|or)\\s+(?:the\\s+)?"
                    + "(lowest|worst|smallest|bottom|least|shortest|last)\\b"
                    + "|\\b(lowest|worst|smallest|bottom|least|shortest)\\b[^.?]{0,30}?\\b(?:and|&|vs\\.?|or)\\s+(?:the\\s+)?"
                    + "(highest|best|biggest|top|most|largest|longest)\\b");
    /** A film's place within a group: "where does Juno rank among 2007 comedies". */
    private static final Pattern RANK_OF = Pattern.compile(
            "\\b(?:where|what position|which position|what place|which place)\\b[^.?]{0,80}\\b(?:rank|ranks|ranked|place|placed|come|came|sit|sits|stand|stands)\\b"
                    + "|\\bwhat (?:is|was|'s) (?:the |its |their )?rank(?:ing)?\\b|\\branked where\\b|\\bwhat number\\b[^.?]{0,40}\\bin the ranking\\b"
                    + "|'s\\s+(?:rank|ranking|position|place)\\b|\\b(?:the|its|their)\\s+(?:rank|ranking|position)\\s+(?:of|in|among)\\b");
    /** Dimensions a list of values may be broken down by. */
    private static final java.util.Set<String> GROUPABLE = java.util.Set.of("region", "territory", "genre", "distributor", "director",
            "title", "mpaa_rating", "creative_type", "source", "year");

    private static boolean isPlural(String noun) {
        return noun.endsWith("s") && !noun.endsWith("ss");
    }

    /** Filters that can only be about films: a question naming one is about the catalogue. */
    private static final java.util.Set<String> CATALOGUE_FIELDS = java.util.Set.of(
            "title", "title_contains", "director", "distributor", "genre", "creative_type", "source", "mpaa_rating");
    private static final Pattern FILM_WORDS = Pattern.compile(
            "\\b(films?|movies?|box[- ]office|gross\\w*|takings|revenue|genres?|directors?|directed|cinemas?|releases?|released|"
                    + "budgets?|ratings?|rated|imdb|rotten tomatoes|distributors?|studios?|admissions|screens|tickets|titles?|"
                    + "comed(y|ies)|dramas?|horror|thrillers?|westerns?|documentar(y|ies)|franchise|sequels?|opening|weekly|"
                    + "regions?|territor(y|ies)|countries|country|mpaa|blockbusters?|hits?|flops?)\\b");
    private static final Pattern PREDICTION = Pattern.compile(
            "\\b(predict\\w*|forecast\\w*|projections?|project(ed)? (box office|gross|revenue|takings)|extrapolat\\w*|estimat\\w*|est\\.|"
                    + "the next\\b.{0,40}\\b(film|movie|instalment|installment|sequel|release)|"
                    + "(will|would) .{0,40}\\b(make|gross|earn|take|get|sell|draw)|next year'?s?|expected (box office|gross|revenue|admissions)|"
                    + "expected\\b.{0,30}\\b(gross|box office|takings|revenue|admissions|tickets)|"
                    + "project .{0,40}\\b(box office|gross|revenue|takings|admissions|tickets)|"
                    + "next (month|summer|winter|spring|autumn|fall|season|january|february|march|april|may|june|july|august|"
                    + "september|october|november|december))\\b");

    private final Vocabulary vocabulary;
    private final QuestionParser parser;
    private final SqlCompiler compiler;

    public OfflinePlanner(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.parser = new QuestionParser(vocabulary);
        this.compiler = new SqlCompiler(vocabulary.model());
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public PlannerOutcome plan(String asked, QueryPlan previous) {
        if (asked.isBlank()) {
            return PlannerOutcome.reply(Intent.NOT_UNDERSTOOD, "Please type a question about films or box office.");
        }
        var reading = parser.read(asked);
        String question = reading.question();
        String lower = question.toLowerCase(Locale.ROOT).strip();
        if (HOSTILE.matcher(lower).find()) {
            return PlannerOutcome.reply(Intent.OUT_OF_SCOPE,
                    "I can only answer questions about films and box office within the data you have access to, "
                            + "and I cannot change data, settings or access rules.");
        }
        if (HARMFUL.matcher(lower).find()) {
            return PlannerOutcome.reply(Intent.OUT_OF_SCOPE, "I cannot help with that. I answer questions about films and box office.");
        }
        if (GREETING.matcher(lower).find()) {
            return PlannerOutcome.reply(Intent.GREETING, "Hello! Ask me about films and box office, for example "
                    + "“Top 10 films in my region”, “Box office by genre in 2009” or “How many films did Steven Spielberg direct in the 1990s?”.");
        }
        boolean filmRelated = FILM_WORDS.matcher(lower).find();
        if (OFF_TOPIC.matcher(lower).find()) {
            return PlannerOutcome.reply(Intent.OUT_OF_SCOPE, "That is outside what I can help with: I answer questions about "
                    + "films, their box office, ratings, budgets, directors and distributors.");
        }
        if (PIRACY.matcher(lower).find()) {
            return PlannerOutcome.reply(Intent.OUT_OF_SCOPE, "I cannot help with getting or copying films without paying for them. "
                    + "I answer questions about films, their box office, ratings, budgets, directors and distributors.");
        }
        if (PREDICTION.matcher(lower).find() || FUTURE.matcher(lower).find() && A_YEAR.matcher(lower).results()
                .anyMatch(year -> Integer.parseInt(year.group(1)) > vocabulary.latestYear)) {
            return forecast(question);
        }

        Draft draft = reading.draft();
        if (draft.isEmpty() && !filmRelated) {
            return PlannerOutcome.reply(Intent.OUT_OF_SCOPE, "That is outside what I can help with: I answer questions about "
                    + "films, their box office, ratings, budgets, directors and distributors.");
        }
        // Neither film words nor a film, person, distributor or genre: a name we do not know ("FIFA") or
        // words we cannot read ("population of Spain") mean the question is about something else.
        boolean aboutTheCatalogue = filmRelated || draft.filters.stream().anyMatch(filter -> CATALOGUE_FIELDS.contains(filter.field()));
        // "How many" alone is no sign of films: "How many calories are there in an avocado?" is about something else.
        boolean measuresSomething = draft.metric != null && !draft.metric.equals("films");
        boolean followsUp = previous != null && draft.refersBack;
        if (!aboutTheCatalogue && !measuresSomething && !followsUp && (draft.unknownName != null || !draft.unreadWords.isEmpty())) {
            return PlannerOutcome.reply(Intent.OUT_OF_SCOPE, "That is outside what I can help with: I answer questions about "
                    + "films, their box office, ratings, budgets, directors and distributors.");
        }
        if (draft.unknownName != null) {
            return notUnderstood("I could not find “" + draft.unknownName + "” among the films, directors, distributors, genres "
                    + "or regions in the data.");
        }
        if (draft.unsupported != null) {
            return notUnderstood("I cannot compute " + draft.unsupported + " offline yet.");
        }
        boolean rankOf = RANK_OF.matcher(lower).find();
        var rankedTitles = draft.filters.stream().filter(filter -> filter.field().equals("title") && "in".equals(filter.op())).toList();
        if (rankOf && (draft.refersBack || rankedTitles.size() != 1 || rankedTitles.getFirst().values().size() != 1)) {
            return notUnderstood("I cannot rank that offline: I can rank one named film among the films of a group, asked in one question "
                    + "(“Where does Juno rank among 2007 comedies by box office?”).");
        }
        // "And Brazil?" or "... that year" with no answer before it (or only an offer nobody ran): there is nothing to follow.
        if (previous == null && (STARTS_AS_FOLLOW_UP.matcher(lower).find() || THAT_TIME.matcher(lower).find())) {
            return notUnderstood("I cannot follow that up: there is no earlier answer in this conversation. Please ask the whole question.");
        }
        boolean followUp = previous != null && (draft.refersBack || draft.metric == null && draft.groupBy == null && !draft.aboutFilms
                && draft.limit == null);
        QueryPlan plan = rankOf ? rankWithinGroup(draft, rankedTitles.getFirst()) : followUp ? merge(previous, draft) : complete(draft, lower);
        if (plan == null) {
            return notUnderstood("I could not work out what to measure.");
        }
        if (plan.groupBy().contains("film") && (plan.limit() != null || plan.order() != null) && BOTH_ENDS.matcher(lower).find()) {
            return notUnderstood("I cannot list the top and the bottom of a ranking in one answer offline yet; ask for each in turn.");
        }
        // "Tim Burton films that grossed over $300m, with their IMDb rating": a list of films shows the measure it was chosen by,
        // where the compiler can put it beside the others; the list without it is still the answer asked for.
        String sql = null;
        QueryPlan shown = withThresholdMeasuresShown(plan);
        if (shown != plan) {
            try {
                sql = compiler.compile(shown);
                plan = shown;
            } catch (SqlCompiler.UnsupportedPlanException e) {
                sql = null;
            }
        }
        if (sql == null) {
            try {
                sql = compiler.compile(plan);
            } catch (SqlCompiler.UnsupportedPlanException e) {
                return notUnderstood(e.getMessage());
            }
        }
        return new PlannerOutcome(followUp ? Intent.FOLLOW_UP : Intent.DATA_QUERY, plan, sql, null, null, draft.unreadWords);
    }

    /**
     * "Where did Juno rank among 2007 comedies by box office": the films the other conditions describe,
     * ranked by the measure, and the named film's place among them.
     */
    private QueryPlan rankWithinGroup(Draft draft, QueryPlan.Filter title) {
        String metric = draft.metric == null || draft.metric.startsWith("count:") || draft.metric.equals("films") ? "box_office" : draft.metric;
        var filters = new ArrayList<>(draft.filters);
        filters.remove(title);
        filters.add(new QueryPlan.Filter(QueryPlan.RANK_OF, "in", title.values()));
        return new QueryPlan(vocabulary.model().code(), metric, draft.aggregate == null || draft.aggregate.startsWith("share") ? null : draft.aggregate,
                List.of("film"), filters, "asc".equals(draft.order) ? "asc" : "desc", null, null, null, List.of(), null);
    }

    /**
     * The dimension whose values are listed in brackets or after a colon right after a breakdown's word,
     * when they are not the breakdown's own: "each territory (North America, EMEA, ...)" lists territory
     * groups, not regions. Null when nothing is listed there.
     */
    private String dimensionListedAfterItsWord(String dimension, List<QueryPlan.Filter> filters, String question) {
        Pattern listedAfter = listsAfterTheWord.computeIfAbsent(dimension, name -> Pattern.compile("\\b(?:"
                + vocabulary.model().dimension(name).synonyms().stream().map(Pattern::quote).collect(java.util.stream.Collectors.joining("|"))
                + ")\\s*(?:\\(([^)]*)\\)|:\\s*([^?.]*))"));
        for (QueryPlan.Filter filter : filters) {
            if (filter.field().equals(dimension) || !"in".equals(filter.op()) || filter.values().size() < 2
                    || vocabulary.model().dimensions().stream().noneMatch(other -> other.name().equals(filter.field()))) {
                continue;
            }
            Matcher listed = listedAfter.matcher(question);
            while (listed.find()) {
                String list = listed.group(1) != null ? listed.group(1) : listed.group(2);
                long named = filter.values().stream().filter(value -> list.contains(String.valueOf(value).toLowerCase(Locale.ROOT))).count();
                if (named >= 2) {
                    return filter.field();
                }
            }
        }
        return null;
    }

    /** Per dimension, its words followed by a bracketed or colon-led list; compiled once. */
    private final java.util.Map<String, Pattern> listsAfterTheWord = new java.util.concurrent.ConcurrentHashMap<>();

    /** A list of films with a threshold on a measure it does not show: the same list, showing that measure too. */
    private QueryPlan withThresholdMeasuresShown(QueryPlan plan) {
        if (!plan.groupBy().equals(List.of("film")) || plan.perGroup() != null || plan.metric().startsWith("count:")) {
            return plan;
        }
        var measures = new ArrayList<>(plan.alsoMeasures());
        plan.filters().stream().filter(QueryPlan.Filter::isThreshold).map(QueryPlan.Filter::field)
                .filter(field -> !field.equals(plan.metric()) && !measures.contains(field)
                        && vocabulary.model().metrics().stream().anyMatch(metric -> metric.name().equals(field) && !field.equals("films")))
                .distinct().forEach(measures::add);
        return measures.size() == plan.alsoMeasures().size() ? plan : plan.withAlsoMeasures(measures);
    }

    /** Compiles a plan that did not come from a question (for example a dashboard tile). */
    public String compile(QueryPlan plan) {
        return compiler.compile(plan);
    }

    private PlannerOutcome notUnderstood(String why) {
        return PlannerOutcome.reply(Intent.NOT_UNDERSTOOD, why + " Try naming what to measure and for what, for example "
                + "“Top 5 films by box office in Germany in 2009”, “Average IMDb rating of horror films” or "
                + "“Box office by genre for films released in the 1990s”.");
    }

    /** The things a question asks for by their noun: "which genres", "what distributors". */
    private static final Pattern GROUPS_ASKED = Pattern.compile("\\b(?:which|what)\\s+([a-z-]+)(?:\\s+([a-z-]+))?");
    private static final Pattern FILMS_NAMED = Pattern.compile("\\b(films?|movies?|releases?|titles?|pictures?|flicks?)\\b");

    /** Fills in what a fresh question left unsaid. */
    private QueryPlan complete(Draft draft, String question) {
        String metric = draft.metric;
        List<String> groupBy = draft.groupBy == null ? new ArrayList<>() : new ArrayList<>(draft.groupBy);
        if (metric == null) {
            metric = draft.filters.stream().filter(QueryPlan.Filter::isThreshold)
                    .map(QueryPlan.Filter::field).filter(field -> !Set.of("year", "week_start", "week", QueryPlan.MARKET_COMPARISON).contains(field))
                    .findFirst().orElse("box_office");
        }
        // "The Bourne films' tickets in each territory, combined": one total per territory over the films, not a row per film.
        // ("The average Rotten Tomatoes score of the films Clint Eastwood directed" is one figure over the films.)
        boolean averageOverFilms = "avg".equals(draft.aggregate) && draft.limit == null && draft.order == null && !draft.eachFilm
                && !draft.singular;
        if (draft.aboutFilms && !groupBy.contains("film") && !metric.equals("films") && !averageOverFilms
                && !(draft.total && draft.limit == null && draft.order == null) && !("share".equals(draft.aggregate) && draft.sharePartNamed)) {
            groupBy.add(0, "film");
        }
        if (draft.compares && groupBy.isEmpty()) {
            for (String field : List.of("region", "year", "genre", "distributor", "director", "title", "territory")) {
                var filters = draft.filters.stream().filter(filter -> filter.field().equals(field)).toList();
                // A list of values is compared; a range ("the 2000s") is not a list.
                if (!filters.isEmpty() && "in".equals(filters.getFirst().op()) && filters.getFirst().values().size() > 1) {
                    groupBy.add(field.equals("title") ? "film" : field);
                    break;
                }
            }
        }
        // "By territory (North America, EMEA, APAC, Latin America)": the breakdown's word names the groups its listed values belong to.
        for (int i = 0; i < groupBy.size(); i++) {
            String listed = dimensionListedAfterItsWord(groupBy.get(i), draft.filters, question);
            if (listed != null && !groupBy.contains(listed)) {
                groupBy.set(i, listed);
            }
        }
        String order = draft.order;
        Integer limit = draft.limit;
        if (groupBy.isEmpty() && draft.filmNoun != null && (order != null || limit != null)) {
            groupBy.add("film");
            boolean plural = draft.filmNoun.endsWith("s") || draft.filmNoun.endsWith("ies");
            limit = limit == null && !plural ? Integer.valueOf(1) : limit;
        }
        if (groupBy.isEmpty() && (draft.limit != null || draft.singular && draft.order != null)) {
            groupBy.add("film");
        }
        if (draft.singular && limit == null && !groupBy.isEmpty() && !draft.eachGroup && !draft.eachFilm) {
            limit = 1;
            order = order == null ? "desc" : order;
        }
        // A singular noun with a superlative asks for one film: "the least successful Ridley Scott film".
        if (groupBy.equals(List.of("film")) && limit == null && order != null && draft.filmNoun != null && !isPlural(draft.filmNoun)
                && !draft.eachFilm) {
            limit = 1;
        }
        // "The top 3 films in each genre", "the number one release in each of our markets": a ranking within every group.
        Integer perGroup = null;
        var groups = groupBy.stream().filter(dimension -> !dimension.equals("film")).toList();
        boolean filmsRanked = (draft.aboutFilms || draft.filmNoun != null || groupBy.contains("film") || FILMS_NAMED.matcher(question).find())
                && (draft.limit != null || draft.singular || draft.order != null);
        if (draft.eachGroup && filmsRanked && groups.size() == 1 && !metric.equals("films") && !metric.startsWith("count:")) {
            groupBy = new ArrayList<>(List.of(groups.getFirst(), "film"));
            perGroup = draft.limit != null ? draft.limit : 1;
            limit = null;
            order = order == null ? "desc" : order;
        }
        // "Which genres took more than $500m": the threshold on the measure is on each genre's total, not on each film.
        var filters = new ArrayList<>(draft.filters);
        if (groupBy.size() == 1 && !groupBy.contains("film") && perGroup == null && draft.aggregate == null) {
            var dimension = vocabulary.model().dimension(groupBy.getFirst());
            boolean groupsAsked = GROUPS_ASKED.matcher(question).results()
                    .anyMatch(asked -> dimension.synonyms().contains(asked.group(1))
                            || asked.group(2) != null && dimension.synonyms().contains(asked.group(1) + " " + asked.group(2)));
            String measured = metric;
            if (groupsAsked) {
                filters.replaceAll(filter -> filter.isThreshold() && filter.field().equals(measured)
                        ? new QueryPlan.Filter(SqlCompiler.GROUP_TOTAL + measured, filter.op(), filter.values()) : filter);
            }
        }
        // Several values of one dimension listed with an average, or three or more of them: one row each.
        // ("International" stands for every region but the US: one market, not a list.)
        if (groupBy.isEmpty()) {
            for (QueryPlan.Filter filter : draft.filters) {
                if (draft.international && filter.field().equals("region")) {
                    continue;
                }
                boolean list = "in".equals(filter.op()) && (filter.values().size() >= 3 || filter.values().size() >= 2 && "avg".equals(draft.aggregate));
                if (list && GROUPABLE.contains(filter.field())) {
                    groupBy.add(filter.field().equals("title") ? "film" : filter.field());
                    break;
                }
            }
        }
        return new QueryPlan(vocabulary.model().code(), metric, shareOf(draft), groupBy, filters, order, limit,
                limit == null ? null : draft.offset, null, draft.alsoMeasures, perGroup);
    }

    /**
     * For a share, which condition is the part: the region, unless the region only says where
     * ("comedies' share in France") and something else was named.
     */
    private static String shareOf(Draft draft) {
        if (!"share".equals(draft.aggregate)) {
            return draft.aggregate;
        }
        boolean otherPart = draft.filters.stream().anyMatch(filter -> !filter.isThreshold()
                && List.of("genre", "distributor", "creative_type", "source", "mpaa_rating", "title", "director").contains(filter.field()));
        if (draft.sharePartNamed && draft.sharePartIsWeek && draft.filters.stream().anyMatch(filter -> filter.field().equals("week"))) {
            return "share:week";
        }
        if (draft.sharePartNamed) {
            return !draft.sharePartIsRegion && otherPart ? "share:other" : "share";
        }
        return draft.regionIsContext && otherPart ? "share:other" : "share";
    }

    /** A follow-up keeps the previous plan and replaces only what the new question says. */
    private QueryPlan merge(QueryPlan previous, Draft draft) {
        var filters = new ArrayList<>(previous.filters());
        for (QueryPlan.Filter filter : draft.filters) {
            filters.removeIf(old -> old.field().equals(filter.field()));
            filters.add(filter);
        }
        // "And the year before?": the previous plan's single year, one earlier.
        if (draft.yearsBack > 0 && draft.filters.stream().noneMatch(filter -> filter.field().equals("year"))) {
            previous.filtersOn("year").stream().filter(filter -> "in".equals(filter.op()) && filter.values().size() == 1).findFirst()
                    .ifPresent(year -> {
                        filters.removeIf(old -> old.field().equals("year"));
                        filters.add(QueryPlan.Filter.in("year", List.of(((Number) year.values().getFirst()).intValue() - draft.yearsBack)));
                    });
        }
        // "Now show it in every territory": a breakdown by what the previous answer was limited to lifts that limit.
        if (draft.groupBy != null) {
            for (String dimension : draft.groupBy) {
                if (draft.filters.stream().noneMatch(filter -> filter.field().equals(dimension))) {
                    filters.removeIf(old -> old.field().equals(dimension) && !old.isExclusion());
                }
            }
        }
        String metric = draft.metric == null ? previous.metric() : draft.metric;
        String aggregate = draft.metric == null && draft.aggregate == null ? previous.aggregate() : draft.aggregate;
        // "What were its total admissions?" after a week-by-week run: one total, no breakdown.
        List<String> groupBy = draft.groupBy != null ? draft.groupBy : draft.total && draft.metric != null ? List.of() : previous.groupBy();
        if ("films".equals(draft.metric) && draft.groupBy == null && groupBy.equals(List.of("film"))) {
            // "How many of those were rated PG-13?" after a list of films: one count over them.
            groupBy = List.of();
        }
        if (draft.aboutFilms && !groupBy.contains("film") || draft.singular && groupBy.isEmpty()) {
            // "Which of them made the most?" after a count: the films counted, one of them.
            groupBy = new ArrayList<>(List.of("film"));
        }
        String order = draft.order == null ? previous.order() : draft.order;
        Integer limit = draft.limit != null ? draft.limit : draft.singular && draft.order != null ? Integer.valueOf(1) : previous.limit();
        Integer offset = draft.limit != null ? draft.offset : previous.offset();
        // "Which of these had the biggest budget?" after a ranked list of films: among those films only.
        boolean amongListedFilms = draft.amongPrevious && previous.limit() != null && previous.groupBy().contains("film")
                && (previous.aggregate() == null || !previous.aggregate().startsWith("share"));
        // A follow-up that names its measure replaces the measures; one that does not keeps them all.
        List<String> alsoMeasures = draft.metric == null ? previous.alsoMeasures() : draft.alsoMeasures;
        return new QueryPlan(previous.datamart(), metric, aggregate, groupBy, filters, order, limit, offset,
                amongListedFilms ? previous : previous.within(), alsoMeasures, draft.groupBy == null ? previous.perGroup() : null);
    }

    /** A run of capitalised words ("Harry Potter", "Pirates of the Caribbean"), a candidate franchise. */
    private static final Pattern NAME = Pattern.compile(
            "\\b([A-Z0-9][\\w':&.-]*(?:\\s+(?:of the|of|the|and|in)?\\s*[A-Z0-9][\\w':&.-]*)*)");
    private static final Set<String> NOT_FRANCHISES = Set.of("predict", "forecast", "what", "how", "which", "will", "the", "next",
            "project", "estimate", "expected", "box office", "us", "uk", "imdb", "january", "february", "march", "april", "may",
            "june", "july", "august", "september", "october", "november", "december", "summer", "winter", "spring", "autumn",
            "christmas", "easter", "halloween");

    private PlannerOutcome forecast(String question) {
        String franchise = null;
        Matcher candidate = NAME.matcher(question);
        while (candidate.find()) {
            String phrase = candidate.group(1).strip();
            String lower = phrase.toLowerCase(Locale.ROOT);
            // Months, seasons and places name when, not which films.
            // Years, the first word of the sentence ("Based on past trends"), distributors, people and genres are no series.
            boolean sentenceStart = !phrase.contains(" ") && (candidate.start() == 0
                    || question.substring(0, candidate.start()).matches("(?s).*[.?!]\\s+$"));
            boolean otherName = lower.matches("\\d+") || vocabulary.people.stream().anyMatch(person -> person.equalsIgnoreCase(phrase))
                    || vocabulary.valuePhrases.values().stream().anyMatch(phrases -> phrases.containsKey(lower));
            boolean inTitles = lower.length() >= 3 && !sentenceStart && !otherName && !NOT_FRANCHISES.contains(lower)
                    && !vocabulary.regionPhrases.containsKey(lower)
                    && vocabulary.titles.stream().anyMatch(title -> title.toLowerCase(Locale.ROOT).contains(lower));
            if (inTitles && (franchise == null || phrase.length() > franchise.length())) {
                franchise = phrase;
            }
        }
        Draft draft = parser.parse(franchise == null ? question : question.replace(franchise, " "));
        var filters = new ArrayList<>(draft.filters.stream()
                .filter(filter -> !filter.field().equals("title") && !filter.field().equals("year")).toList());
        String metric = draft.metric != null && !draft.metric.startsWith("count:") ? draft.metric : "box_office";
        filters.add(franchise != null
                ? QueryPlan.Filter.compare("title_contains", "like", franchise.toLowerCase(Locale.ROOT))
                : QueryPlan.Filter.compare("year", ">=", vocabulary.latestYear - 15));
        var plan = new QueryPlan(vocabulary.model().code(), metric, null, List.of("year"), filters, null, null);
        String sql = compiler.compile(plan);
        return new PlannerOutcome(Intent.PREDICTION, plan, sql, null,
                new PlannerOutcome.Forecast(franchise == null ? "all films" : "the " + franchise + " films", vocabulary.latestYear + 1));
    }

    static Set<String> timeDimensions() {
        return Set.of("year", "month", "decade", "week", "calendar_week");
    }
}
