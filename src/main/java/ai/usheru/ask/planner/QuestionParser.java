package ai.usheru.ask.planner;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.usheru.semantic.SemanticModel;

/**
 * Reads an English question into a {@link Draft}: entities linked against the warehouse's own values,
 * then time ranges, money and thresholds, then the metric, the breakdown and the ordering. Each step
 * blanks out the words it used, so later steps do not read them again.
 */
final class QuestionParser {

    /** Capitalised words that are not film titles when they stand alone. */
    private static final Set<String> COMMON_WORDS = Set.of(
            "what", "which", "who", "how", "top", "show", "list", "compare", "total", "the", "and", "give", "tell", "find",
            "big", "good", "life", "made", "may", "moon", "milk", "fame", "envy", "hero", "kids", "bait", "bang", "blow",
            "cure", "fled", "jack", "dick", "amen", "hook", "up", "it", "her", "crash", "rush", "taken", "next", "wanted",
            "rent", "stay", "click", "signs", "speed", "home", "go!", "only", "films", "movies", "average", "best",
            "highest", "number", "predict", "forecast", "among", "between", "from", "since", "after", "before", "during",
            "in", "for", "of", "on", "by", "per", "each", "every", "all", "any", "most", "least", "lowest", "worst",
            "genre", "director", "directors", "drama", "comedy", "action", "horror", "western", "musical", "adventure",
            "documentary", "fantasy", "remake", "source", "year", "years", "region", "regions", "territory", "budget",
            "admissions", "screens", "rating", "ratings", "opening", "week", "weekly", "worldwide", "global", "us", "uk",
            "domestic", "international", "say", "pi", "rated", "released", "release", "titles", "title", "name");

    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("fifteen", 15), Map.entry("twenty", 20),
            Map.entry("fifty", 50), Map.entry("hundred", 100));

    private static final String NUMBER = "(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fifty|hundred)";
    private static final String YEAR = "((?:19|20)\\d{2})";

    private static final Pattern RANGE = Pattern.compile(
            "\\b(?:between|from)\\s+" + YEAR + "\\s+(?:and|to|until|till|through|-|–)\\s+" + YEAR + "\\b|\\b" + YEAR + "\\s*(?:-|–|to|through)\\s*" + YEAR + "\\b");
    private static final Pattern AFTER = Pattern.compile(
            "\\b(after|since|from|starting(?: in| from)?|post)\\s+(?:the\\s+year\\s+)?" + YEAR + "(\\s+(?:on|onwards|onward|and later|or later))?\\b");
    private static final Pattern BEFORE = Pattern.compile(
            "\\b(before|prior to|until|up to|up until|pre|through|earlier than)\\s+" + YEAR + "\\b");
    private static final Pattern DECADE_RANGE = Pattern.compile(
            "\\b(?:from\\s+|between\\s+)?(?:the\\s+)?((?:19|20)\\d0)'?s\\s+(?:to|through|thru|until|till|and|-|–)\\s+(?:the\\s+)?((?:19|20)\\d0)'?s\\b");
    private static final Pattern DECADE = Pattern.compile(
            "\\b(?:the\\s+)?(?:(1[89]\\d0|20[0-2]0)'?s|['’](\\d0)s|(\\d0)'?s)\\b");
    /** Decades in words: "the nineties", "the noughties". */
    private static final Map<String, Integer> SPELLED_DECADES = Map.of("twenties", 1920, "thirties", 1930, "forties", 1940,
            "fifties", 1950, "sixties", 1960, "seventies", 1970, "eighties", 1980, "nineties", 1990, "noughties", 2000, "aughts", 2000);
    private static final Pattern SPELLED_DECADE = Pattern.compile(
            "\\b(?:the\\s+)?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|noughties|aughts)\\b");
    private static final Pattern SINGLE_YEAR = Pattern.compile("(?<![\\d$.,])" + YEAR + "(?![\\d%])");
    private static final Pattern MONEY = Pattern.compile(
            "(\\$\\s?)?(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s*(million|mn|m|billion|bn|b|thousand|k)?\\b");
    private static final Pattern COMPARATOR = Pattern.compile(
            "\\b(more than|greater than|higher than|bigger than|larger than|longer than|shorter than|over|above|exceeding|in excess of|at least|no less than|"
                    + "minimum of|under|below|less than|lower than|smaller than|fewer than|at most|no more than|maximum of|exactly|"
                    + ">=|<=|>|<)\\s*");
    /** A comparison written after its number: "8.5 or more", "$50 million and above", "90+". */
    private static final Pattern SUFFIX_COMPARATOR = Pattern.compile(
            "(\\$\\s?)?(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s*(?:(million|mn|m|billion|bn|b|thousand|k)\\b)?"
                    + "(?:\\s*(minutes|mins|min|admissions|tickets|votes|screens)\\b)?"
                    + "(?:\\s+(?:or|and)\\s+(more|higher|above|over|greater|better|up|upwards|less|lower|below|under|fewer|worse)\\b|(\\+)(?!\\d))");
    /** A score stated as such: "scored a perfect 100", "rated 7.5" (a comparison, if any, was read before). */
    private static final Pattern EXACT_SCORE = Pattern.compile(
            "\\b(scored|scoring|rated|a score of|a rating of)\\s+(?:an?\\s+)?(?:perfect\\s+|exact\\s+)?(\\d+(?:\\.\\d+)?)\\b(?!\\s*(?:or|and|%))");
    /** A number of films as a condition on a group: "three or more films", "more than 10 movies". */
    private static final Pattern FILM_COUNT = Pattern.compile(
            "\\b(?:(more than|over|at least|fewer than|less than|at most|no fewer than|no more than|no less than|min|min\\.|minimum|minimum of)\\s+" + NUMBER
                    + "|" + NUMBER + "(?:\\s+(?:or|and)\\s+(more|over|above|fewer|less)|(\\+)))\\s+(?:[a-z0-9'-]+\\s+)?"
                    + "(films?|movies?|titles?|releases?|pictures?|comed(?:y|ies)|dramas?|thrillers?|westerns?|musicals?|documentar(?:y|ies)|"
                    + "adventures?|horror films?|action films?|sequels?|remakes?)\\b");

    private static final Pattern TOP_N = Pattern.compile("\\b(top|first|bottom|last|best|worst)\\s+" + NUMBER + "\\b");
    private static final Pattern N_THINGS = Pattern.compile(
            "\\b" + NUMBER + "\\s+(?:best|highest|top|biggest|largest|most|lowest|worst|least|smallest|leading|"
                    + "highest-grossing|top-grossing|best-selling)?\\s*(?:[a-z0-9'-]+\\s+){0,3}?(films|movies|titles|genres|distributors|"
                    + "directors|studios|regions|countries|territories|years|comedies|dramas|thrillers|westerns|musicals|"
                    + "documentaries|horror films|action films|pictures|releases|adaptations|sequels|remakes|blockbusters|flicks|"
                    + "opening weeks|opening weekends|openings|weeks)\\b");

    private final Vocabulary vocabulary;
    private final SemanticModel model;
    private final Set<String> regionWords;
    /** Measures' synonyms with "average" in them ("per-screen average"): no average of a measure. */
    private final List<String> averageInName;
    /** Any metric's synonym as a whole word, compiled once for the parser's life. */
    private final Pattern measureSynonym;
    /** Each film's figure in one market against another's: see {@link #readMarketComparison}. */
    private final Pattern marketComparison;

    QuestionParser(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.model = vocabulary.model;
        // Also "the average ticket price": a ratio of sums (no row-level value) is that average already.
        var averages = new ArrayList<String>(model.metrics().stream().flatMap(metric -> metric.synonyms().stream())
                .filter(synonym -> synonym.contains("average")).toList());
        model.metrics().stream().filter(metric -> metric.column() == null && !metric.name().equals("films"))
                .flatMap(metric -> metric.synonyms().stream())
                .forEach(synonym -> List.of("average ", "avg ", "mean ").forEach(word -> averages.add(word + synonym)));
        this.averageInName = List.copyOf(averages);
        this.regionWords = Set.copyOf(vocabulary.regionPhrases.keySet());
        this.marketComparison = marketComparison(vocabulary);
        this.measureSynonym = Pattern.compile(model.metrics().stream().flatMap(metric -> metric.synonyms().stream())
                .filter(synonym -> synonym.length() > 2).map(Pattern::quote).collect(java.util.stream.Collectors.joining("|", "\\b(?:", ")\\b")));
    }

    Draft parse(String question) {
        return parse(question, true);
    }

    /**
     * The question read, with its misspelt words ("wich", "avergae", "relased") written as the word one edit
     * away that a step reads when that leaves fewer words unread; otherwise the question as typed.
     * Only words no step could read are changed, so a correct reading is never altered.
     */
    Reading read(String question) {
        Draft draft = parse(question, true);
        if (draft.unreadWords.isEmpty()) {
            return new Reading(question, draft);
        }
        String corrected = question;
        for (String word : draft.unreadWords) {
            String fix = spellingOf(word.toLowerCase(Locale.ROOT));
            if (fix != null) {
                corrected = Pattern.compile("(?i)(?<![\\p{L}])" + Pattern.quote(word) + "(?![\\p{L}])").matcher(corrected)
                        .replaceAll(Matcher.quoteReplacement(fix));
            }
        }
        if (corrected.equals(question)) {
            return new Reading(question, draft);
        }
        Draft again = parse(corrected, true);
        return again.unreadWords.size() < draft.unreadWords.size() && again.unknownName == null
                ? new Reading(corrected, again) : new Reading(question, draft);
    }

    /** A question as read (with its slips of typing mended) and what the steps made of it. */
    record Reading(String question, Draft draft) {}

    private String spellingOf(String word) {
        if (word.length() < 4 || !word.chars().allMatch(Character::isLetter) || knownWords().contains(word)) {
            return null;
        }
        // Preferred by the kind of slip: letters swapped, one left out, one too many.
        String best = null;
        int bestKind = Integer.MAX_VALUE;
        for (String candidate : SPELLING_WORDS) {
            int kind = slip(word, candidate);
            if (kind < bestKind || kind == bestKind && best != null && candidate.compareTo(best) < 0) {
                best = candidate;
                bestKind = kind;
            }
        }
        return bestKind < Integer.MAX_VALUE ? best : null;
    }

    /** 0 two letters swapped, 1 a letter left out, 2 a letter too many; MAX_VALUE for anything else. */
    private static int slip(String typed, String word) {
        int lengths = word.length() - typed.length();
        int first = 0;
        while (first < Math.min(typed.length(), word.length()) && typed.charAt(first) == word.charAt(first)) {
            first++;
        }
        if (lengths == 0 && first < typed.length()) {
            if (first + 1 < typed.length() && typed.charAt(first) == word.charAt(first + 1) && typed.charAt(first + 1) == word.charAt(first)
                    && typed.substring(first + 2).equals(word.substring(first + 2))) {
                return 0;
            }
            // One letter wrong is left alone: it turns real words into others too easily ("word" into "work").
            return Integer.MAX_VALUE;
        }
        if (lengths == 1) {
            return typed.substring(first).equals(word.substring(first + 1)) ? 1 : Integer.MAX_VALUE;
        }
        if (lengths == -1) {
            return typed.substring(first + 1).equals(word.substring(first)) ? 2 : Integer.MAX_VALUE;
        }
        return Integer.MAX_VALUE;
    }

    /**
     * Sentences that ask nothing of the data ("Hello, I hope you are well.", "I was wondering if you
     * could help me with something for a pitch deck:", "Many thanks."), when another sentence does: a
     * sentence read alone that names no measure, breakdown, filter or film is courtesy.
     */
    private void blankCourtesy(Phrases text) {
        var sentences = SENTENCE.matcher(text.original()).results().filter(sentence -> !sentence.group().isBlank()).toList();
        if (sentences.size() < 2) {
            // One sentence is the question itself: nothing to read apart, and no second reading of it on every ask.
            return;
        }
        var courtesy = sentences.stream().filter(sentence -> {
            Draft alone = parse(sentence.group(), false);
            return alone.isEmpty() && !alone.aboutFilms && alone.unknownName == null && alone.alsoMeasures.isEmpty()
                    && !alone.refersBack && !FILM_WORDS.matcher(sentence.group().toLowerCase(Locale.ROOT)).find();
        }).toList();
        if (courtesy.size() < sentences.size()) {
            courtesy.forEach(sentence -> text.consume(sentence.start(), sentence.end()));
        }
    }

    private static final Pattern COURTESY = Pattern.compile(
            "\\b(?:be\\s+)?(?:most|very|really|so|extremely|ever so|truly)\\s+(?:grateful|thankful|obliged|kind)\\b"
                    + "|\\b(?:most|much|greatly|very much|really)\\s+appreciated\\b|\\bthanks?(?: you)? (?:so|very) much\\b");
    /** A sentence ends at . ! ? or ; before a capital or the end (not inside "8.5", "Bros. films", "M. Night"), or at a colon before a question. */
    private static final Pattern SENTENCE = Pattern.compile(".+?(?:(?<!\\b[A-Z])[.!?;]+(?=\\s+[A-Z]|\\s*$)|:(?=\\s+(?i:what|which|how|who|where|when|could|can|please)\\b)|$)");
    /** Where an exclusion's clause ends: punctuation, or a word that starts another condition. */
    private static final Pattern CLAUSE_END = Pattern.compile("[,;?!()]|\\.(?=\\s+[A-Z]|\\s*$)|\\s+(?:in|for|during|released|since|between)\\s+");
    /** A duration in hours: "3 hours", "2.5 hrs". */
    private static final Pattern HOURS = Pattern.compile("(?i)\\b(\\d+(?:\\.\\d+)?)\\s*(?:hours|hour|hrs|hr|h)\\b");
    /** A year of the data's centuries. */
    private static final Pattern A_YEAR = Pattern.compile("\\b(?:19|20)\\d{2}\\b");
    /** Words before a season that make it a time of release: "released in the summer". */
    private static final Pattern RELEASED_BEFORE = Pattern.compile("\\b(?:released|releases|opened|openers|in)\\s+(?:the\\s+)?$");
    /** A verb after a number title: "did 300 make". */
    private static final Pattern EARNING_VERB = Pattern.compile("^\\s+(?:make|gross|earn|take|do|open|sell|draw|perform)\\b");
    /** A dash, colon or bracket right after a name at the start: "Up - opening week". */
    private static final Pattern NAME_THEN_DASH = Pattern.compile("^\\s*[-–:(]");
    /** The first of a ranking: "the number one release", "the #1 film". */
    private static final Pattern NUMBER_ONE = Pattern.compile("(?:\\bnumber (?:one|1)|\\bno\\.? ?1|#1|\\btop one)\\b");
    /** Words before a measure that make the ranking be by it: "sorted by their ...". */
    private static final Pattern RANKED_BY_BEFORE = Pattern.compile("\\b(?:by|on|ranked by|sorted by|ordered by"
            + "|(?:the\\s+)?(?:highest|lowest|biggest|largest|smallest|most|least|best|worst))\\s+(?:the\\s+|their\\s+|its\\s+)?(?:[a-z]+\\s+)?$");
    /** "Release count", "film counts": films counted. */
    private static final Pattern COUNT_OF_FILMS = Pattern.compile("\\b(?:release|film|movie|title)s?\\s+counts?\\b");
    /** "... for each" closing a question: each of the films named. */
    private static final Pattern EACH_AT_END = Pattern.compile("\\b(?:for each|for every one|for each one|apiece|film by film)\\s*[?.!]*\\s*$");
    /** A comparison or a count, which "for each" at the end does not turn into a list of films. */
    private static final Pattern COMPARES_OR_COUNTS = Pattern.compile("\\b(?:vs\\.?|versus|compared?|how many)\\b");

    private static final Pattern FILM_WORDS = Pattern.compile(
            "\\b(films?|movies?|box[- ]office|gross\\w*|releases?|released|budgets?|ratings?|directors?|distributors?|genres?|"
                    + "admissions|screens|tickets|opening|weeks?|years?|regions?|territor(?:y|ies)|countries|markets?)\\b");

    /** Words that leave out what follows them: "excluding Warner Bros.", "other than comedies", "leaving out Germany". */
    private static final Pattern EXCLUSION = Pattern.compile(
            "\\b(?:excluding|exclude|excludes|except(?:\\s+for)?|other than|leaving out|leave out|not counting|apart from|aside from|"
                    + "but not|ignoring|minus)\\b\\s*(?:anything\\s+|any\\s+|all\\s+|the\\s+)?(?:films?\\s+|movies?\\s+|ones?\\s+)?");
    /** What an exclusion may name: things of the catalogue or the market, not measures or thresholds. */
    private static final Set<String> EXCLUDABLE = Set.of("title", "genre", "distributor", "region", "territory", "director", "mpaa_rating",
            "creative_type", "source", "week", "year");

    private Draft parse(String question, boolean readExclusions) {
        var draft = new Draft();
        var text = new Phrases(expandShorthand(question.replace('’', '\'').replace('“', '"').replace('”', '"')));
        if (readExclusions) {
            blankCourtesy(text);
        }
        // "I would be most grateful", "much appreciated": courtesy, not a superlative or a measure.
        COURTESY.matcher(text.lower()).results().forEach(courtesy -> text.consume(courtesy.start(), courtesy.end()));
        var excluded = new ArrayList<QueryPlan.Filter>();
        if (readExclusions) {
            readExclusions(text, excluded);
        }
        readReferencesBack(text, draft);
        readWeekPeriods(text, draft);
        readReleaseOrder(text, draft);
        readMonthRanges(text, draft);
        readDates(text, draft);
        readDistributorNames(text, draft);
        readFranchises(text, draft);
        readTitles(text, draft);
        readPeople(text, draft);
        readMarketComparison(text, draft);
        readRegions(text, draft);
        readMpaaRatings(text, draft);
        readFilmNouns(text, draft);
        readValues(text, draft);
        mergeValueLists(draft);
        readMonths(text, draft);
        readRemakeYear(text, draft);
        readYears(text, draft);
        readOpeningWeek(text, draft);
        readFilmCounts(text, draft);
        readThresholds(text, draft);
        readTopN(text, draft);
        readMetric(text, draft);
        readComparison(text, draft);
        readBreakdown(text, draft);
        readWithoutValues(text, draft);
        readOrder(text, draft);
        readUnknownNames(text, draft);
        // "Which did better? Give me both totals": every one named, not the single best.
        if (BOTH.matcher(text.original().toLowerCase(Locale.ROOT)).find()) {
            draft.singular = false;
            draft.compares = true;
        }
        draft.unreadWords = unreadWords(text);
        draft.filters.addAll(excluded);
        return draft;
    }

    /**
     * An exclusion's clause, up to the next comma or the end, read as a question of its own: what it
     * names (films, genres, distributors, regions, weeks ...) is left out. A clause that names nothing
     * readable stays unread, so the planner says so rather than answering without it.
     */
    private void readExclusions(Phrases text, List<QueryPlan.Filter> excluded) {
        Matcher cue = EXCLUSION.matcher(text.lower());
        while (cue.find()) {
            int end = cue.end();
            String rest = text.original().substring(end);
            Matcher stop = CLAUSE_END
                    .matcher(rest);
            int clauseEnd = stop.find() ? end + stop.start() : text.original().length();
            String clause = text.original().substring(end, clauseEnd);
            Draft named = parse(clause, false);
            var filters = named.filters.stream().filter(filter -> EXCLUDABLE.contains(filter.field()) && "in".equals(filter.op())
                    && !filter.values().isEmpty()).toList();
            if (filters.isEmpty() || !named.unreadWords.isEmpty() || named.unknownName != null) {
                continue;
            }
            filters.forEach(filter -> excluded.add(new QueryPlan.Filter(filter.field(), "not in", filter.values())));
            text.consume(cue.start(), clauseEnd);
        }
    }

    /** Chat shorthand, written out: "w/ 100k+ votes", "opening wk", "next yr". */
    static String expandShorthand(String question) {
        String expanded = question.replaceAll("(?i)\\bw/\\s*", "with ")
                .replaceAll("(?i)\\bwks\\b", "weeks")
                .replaceAll("(?i)\\bwk\\b", "week")
                .replaceAll("(?i)\\byrs\\b", "years")
                .replaceAll("(?i)\\byr\\b", "year")
                .replaceAll("(?i)\\bmin\\.(?=\\s)", "min")
                // "Openers" are opening weeks.
                .replaceAll("(?i)\\bopeners\\b", "opening weeks")
                .replaceAll("(?i)\\bopener\\b", "opening week");
        expanded = spelledNumbers(expanded);
        // Running times in hours: "longer than three hours" is 180 minutes.
        Matcher hours = HOURS.matcher(expanded);
        return hours.replaceAll(hour -> Math.round(Double.parseDouble(hour.group(1)) * 60) + " minutes");
    }

    private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50, "sixty", 60,
            "seventy", 70, "eighty", 80, "ninety", 90);
    private static final Pattern SPELLED_NUMBER = Pattern.compile(
            "(?i)\\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                    + "a hundred|one hundred|hundred)(?:[- ](one|two|three|four|five|six|seven|eight|nine))?"
                    + "(?=\\s+(?:million|billion|thousand|hours?|dollars)\\b)"
                    + "|(?i)\\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](one|two|three|four|five|six|seven|eight|nine))?"
                    + "(?=\\s+(?:films|movies|titles|releases|pictures|votes|screens|admissions|tickets|weeks|minutes)\\b)");
    private static final Pattern AFTER_COMPARATOR = Pattern.compile(
            "(?i)\\b(more than|fewer than|less than|greater than|at least|at most|over|under|above|below|exceeding)\\s+"
                    + "(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](one|two|three|four|five|six|seven|eight|nine))?\\b");

    /**
     * Numbers written as words where a quantity stands ("more than thirty R-rated films", "one million dollars",
     * "three hours"), as digits; elsewhere a number word may be a title ("Seven") or a pronoun ("the 2005 one").
     */
    private static String spelledNumbers(String question) {
        question = SPELLED_YEAR.matcher(question).replaceAll(year -> String.valueOf(spelledYear(year)));
        question = SPELLED_SCORE.matcher(question).replaceAll(score -> NUMBER_WORDS.get(score.group(1).toLowerCase(Locale.ROOT)) + score.group(2));
        String digits = SPELLED_NUMBER.matcher(question).replaceAll(number -> String.valueOf(number.group(1) != null
                ? wordValue(number.group(1), number.group(2)) : wordValue(number.group(3), number.group(4))));
        return AFTER_COMPARATOR.matcher(digits).replaceAll(number -> number.group(1) + " " + wordValue(number.group(2), number.group(3)));
    }

    private static final String UNITS = "one|two|three|four|five|six|seven|eight|nine";
    private static final String TEENS_AND_TENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
            + "|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
    /** A year in words: "twenty-ten", "nineteen ninety-seven", "two thousand and nine", "two thousand eight". */
    private static final Pattern SPELLED_YEAR = Pattern.compile("(?i)\\b(nineteen|twenty)[- ](" + TEENS_AND_TENS + ")(?:[- ](" + UNITS + "))?\\b"
            + "|(?i)\\btwo thousand(?: and)? (" + UNITS + "|" + TEENS_AND_TENS + ")\\b");
    /** A score or count in words before "or above", "or more", "plus": "eight or above". */
    private static final Pattern SPELLED_SCORE = Pattern.compile(
            "(?i)\\b(one|two|three|four|five|six|seven|eight|nine|ten)(\\s+(?:or|and)\\s+(?:above|more|higher|over|better|greater|up)\\b|\\s*\\+)");

    private static int spelledYear(java.util.regex.MatchResult year) {
        if (year.group(4) != null) {
            return 2000 + teensOrTens(year.group(4));
        }
        int century = year.group(1).equalsIgnoreCase("nineteen") ? 1900 : 2000;
        return century + teensOrTens(year.group(2)) + (year.group(3) == null ? 0 : NUMBER_WORDS.get(year.group(3).toLowerCase(Locale.ROOT)));
    }

    private static int teensOrTens(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return TENS.containsKey(lower) ? TENS.get(lower) : List.of("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                "seventeen", "eighteen", "nineteen").indexOf(lower) + 10;
    }

    private static int wordValue(String word, String unit) {
        String lower = word.toLowerCase(Locale.ROOT);
        int value = lower.contains("hundred") ? 100 : TENS.containsKey(lower) ? TENS.get(lower) : NUMBER_WORDS.get(lower);
        return value + (unit == null ? 0 : NUMBER_WORDS.get(unit.toLowerCase(Locale.ROOT)));
    }

    /** Words too common to change a question's meaning when no step reads them. */
    private static final Set<String> FILLER = Set.of(
            "the", "and", "for", "what", "which", "who", "how", "show", "list", "give", "tell", "find", "was", "were", "are",
            "has", "had", "have", "did", "does", "been", "being", "all", "any", "some", "each", "every", "top", "most", "least",
            "its", "their", "there", "here", "what's", "whats", "how's", "who's", "out", "off", "one", "ones", "way", "ways",
            "look", "looking", "lookup", "display", "return", "returns", "provide", "report", "fetch", "pull", "bring", "compute",
            "calculate", "count", "figure", "figures", "number", "numbers", "amount", "value", "values", "total", "totals",
            "result", "results", "answer", "question", "thanks", "thank", "hey", "hello", "hi", "okay", "now", "currently",
            "current", "ever", "yet", "still", "only", "just", "also", "too", "very", "really", "quite", "well", "much", "many",
            "lot", "lots", "big", "biggest", "large", "largest", "small", "smallest", "high", "higher", "highest", "low", "lower",
            "lowest", "best", "worst", "greatest", "top-grossing", "highest-grossing", "best-selling", "performing", "performed",
            "perform", "performance", "doing", "done", "get", "got", "getting", "per", "with", "without", "within",
            "across", "among", "amongst", "between", "from", "into", "onto", "upon", "about", "around", "than", "then", "them",
            "they", "this", "that", "these", "those", "our", "ours", "your", "yours", "his", "her", "him", "she", "he",
            "direct", "directs", "directed", "directing", "came", "come", "comes", "coming", "went", "goes", "going",
            "ran", "runs", "lasted", "lasts", "lasting", "played", "play", "plays", "playing", "showed", "shown", "screened",
            "flick", "flicks", "successful", "unsuccessful", "success", "catalogue", "catalog", "ranked", "ranking", "placed", "finished",
            "grateful", "showing", "i'd", "work", "working", "could", "would", "kindly", "wondering", "know", "like",
            "able", "hope", "afternoon", "morning", "evening", "advance", "greatly", "appreciated", "appreciate",
            "sell", "sold", "selling", "put", "puts", "cheers", "pls", "plz", "thx", "filmography", "filmographies",
            "added", "summed", "better", "worse", "counting", "actually", "writing", "row", "rows", "label", "labelled", "labeled", "reviewed", "we're", "i'm", "we've", "i've", "programming", "planning", "preparing", "analyse", "analyze", "analyses", "break", "down", "scored", "took", "different", "distinct", "distributed", "recorded", "together", "avg", "instead", "take", "takes", "change", "changed", "changes", "spread", "vary", "varied", "evolve", "evolved");

    /**
     * Words the steps read by their patterns without blanking them out: orders ("rank", "longest",
     * "widest"), shares ("proportion", "divided"), breakdowns ("split"), and verbs that only say a
     * film earned, ran or was made ("brought in", "recorded", "stayed", "adapted from").
     */
    private static final Set<String> READ_BY_PATTERN = Set.of(
            "rank", "ranks", "split", "splits", "longest", "shortest", "widest", "lucrative", "proportion", "proportions",
            "divided", "grosser", "grossers", "but", "record", "records", "received", "receive", "receives", "produce",
            "produced", "produces", "brought", "bring", "brings", "stayed", "stays", "adapted", "known", "dollars", "dollar", "bucks",
            "compared", "compare", "compares", "comparing", "comparison");

    private List<String> unreadWords(Phrases text) {
        var unread = new ArrayList<String>();
        Matcher word = Pattern.compile("[\\p{L}][\\p{L}'-]*").matcher(text.remaining());
        while (word.find()) {
            String lower = word.group().toLowerCase(Locale.ROOT).replaceAll("'s$", "").replaceAll("^[-']+|[-']+$", "");
            // "worst-rated": a word made of known parts.
            if (lower.contains("-") && java.util.Arrays.stream(lower.split("-"))
                    .allMatch(part -> part.length() < 3 || isIgnorable(part) || HYPHEN_PARTS.contains(part))) {
                continue;
            }
            if (lower.length() < 3 || isIgnorable(lower) || lower.endsWith("s") && knownWords().contains(lower.substring(0, lower.length() - 1))) {
                continue;
            }
            unread.add(word.group().replaceAll("'s$", "").replaceAll("^[-']+|[-']+$", ""));
        }
        return List.copyOf(unread);
    }

    /** A word no step needs to read: filler, plain English, a known word. */
    private boolean isIgnorable(String lower) {
        return FILLER.contains(lower) || COMMON_WORDS.contains(lower) || ENGLISH.contains(lower) || READ_BY_PATTERN.contains(lower)
                || knownWords().contains(lower) || NUMBER_WORDS.containsKey(lower) || MONTHS.contains(lower);
    }

    /** Parts of hyphenated words that the steps read as a whole ("worst-rated", "best-selling", "big-budget"). */
    private static final Set<String> HYPHEN_PARTS = Set.of("rated", "reviewed", "grossing", "selling", "budget", "time");

    private static final Set<String> ENGLISH = Set.of(
            "about", "also", "are", "been", "both", "can", "could", "did", "does", "do", "doing", "during", "give", "have", "has",
            "into", "many", "more", "much", "over", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those",
            "through", "under", "when", "where", "while", "whom", "whose", "why", "will", "with", "would", "you", "your", "please",
            "me", "my", "our", "its", "was", "were", "is", "be", "a", "an", "to", "at", "as", "or", "not", "no", "yes", "so", "if",
            "i", "we", "let", "see", "get", "got", "tell", "know", "want", "need", "like", "just", "ever", "all-time", "time",
            "overall", "combined", "sum", "mean", "share", "percent", "percentage", "versus", "vs", "against", "same", "again",
            "sort", "sorted", "order", "ordered", "ascending", "descending", "first", "last", "latest", "recent", "new", "old",
            "make", "made", "earn", "earned", "gross", "grossed", "grossing", "office", "box", "cinema", "cinemas", "theatres",
            "theaters", "catalogue", "catalog", "data", "dataset", "database", "table", "chart", "graph", "plot", "breakdown",
            "trend", "trends", "week", "weekend", "opening", "released", "release", "releases", "hit", "hits");

    /** Capitalised words the data does not know ("Pixar", "Dublin"): answering without them would mislead. */
    private void readUnknownNames(Phrases text, Draft draft) {
        Matcher word = Pattern.compile("\\b([A-Z][A-Za-z'-]{2,})\\b").matcher(text.remaining());
        while (word.find()) {
            String lower = word.group(1).toLowerCase(Locale.ROOT).replaceAll("'s$", "");
            if (word.start() == firstWordStart(text.original()) || COMMON_WORDS.contains(lower) || ENGLISH.contains(lower)
                    || FILLER.contains(lower)
                    || knownWords().contains(lower)) {
                continue;
            }
            draft.unknownName = word.group(1).replaceAll("'s$", "");
            return;
        }
    }

    private static final Pattern CAPITALISED_RUN = Pattern.compile(
            "\\b[A-Z0-9][\\w':&.-]*(?:\\s+(?:of the|of|the|and|in)?\\s*[A-Z0-9][\\w':&.-]*)*");
    private static final Set<String> JOINERS = Set.of("of", "the", "and", "in");

    /**
     * A name shared by several titles ("Harry Potter", "Lord of the Rings"): the films whose titles
     * contain it, the longest such name in each run of capitalised words.
     */
    private void readFranchises(Phrases text, Draft draft) {
        // Where whole titles of several words are named ("Harry Potter and the Goblet of Fire", "Toy Story"), they win,
        // unless films follow the name ("the three Toy Story films").
        String remaining = text.remaining().toLowerCase(Locale.ROOT);
        var titleSpans = new ArrayList<int[]>();
        for (String title : vocabulary.titleIndex.candidates(remaining)) {
            String lowerTitle = title.toLowerCase(Locale.ROOT);
            if (lowerTitle.contains(" ") && containsWords(remaining, lowerTitle)) {
                int at = remaining.indexOf(lowerTitle);
                if (!SERIES_NOUN.matcher(remaining.substring(at + lowerTitle.length())).lookingAt()) {
                    titleSpans.add(new int[] {at, at + lowerTitle.length()});
                }
            }
        }
        Matcher run = CAPITALISED_RUN.matcher(text.remaining());
        while (run.find()) {
            int runStart = run.start();
            int runEnd = run.end();
            if (titleSpans.stream().anyMatch(span -> span[0] < runEnd && runStart < span[1])) {
                continue;
            }
            String[] words = run.group().split("\\s+");
            // "The Shrek films", "the three Bourne movies": one word may name a series when films follow it.
            boolean followedBySeriesNoun = SERIES_NOUN.matcher(text.remaining().substring(runEnd)).lookingAt();
            boolean seriesNoun = !words[words.length - 1].endsWith("'s") && followedBySeriesNoun;
            String best = null;
            for (int start = 0; start < words.length; start++) {
                for (int end = words.length; end > start; end--) {
                    if (JOINERS.contains(words[start].toLowerCase(Locale.ROOT)) || JOINERS.contains(words[end - 1].toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    if (end - start < 2 && !(seriesNoun && end == words.length)) {
                        continue; // one word names a title or nothing: "Kingdom" is no series
                    }
                    String phrase = String.join(" ", java.util.Arrays.copyOfRange(words, start, end));
                    String lower = phrase.toLowerCase(Locale.ROOT);
                    if (phrase.length() < (seriesNoun ? 3 : 4) || lower.matches(".*\\d.*") || COMMON_WORDS.contains(lower) || ENGLISH.contains(lower) || FILLER.contains(lower)
                            || regionWords.contains(lower) || knownWords().contains(lower) || isPerson(lower)) {
                        continue;
                    }
                    Pattern within = Pattern.compile("(^|[^\\p{L}])" + Pattern.quote(lower) + "($|[^\\p{L}])");
                    long titles = vocabulary.titleWords.mayContain(lower).stream()
                            .filter(title -> within.matcher(title.toLowerCase(Locale.ROOT)).find()).limit(2).count();
                    if (titles >= 2 && (best == null || phrase.length() > best.length())) {
                        best = phrase;
                    }
                }
            }
            if (best != null && vocabulary.releaseYears(best).size() >= 2) {
                // "The two King Kong films": the films sharing that exact title (remakes), not every title containing it.
                String exact = best;
                String title = vocabulary.titles.stream().filter(candidate -> candidate.equalsIgnoreCase(exact)).findFirst().orElse(best);
                draft.filters.add(QueryPlan.Filter.in("title", List.of(title)));
                int at = text.remaining().indexOf(best, run.start());
                text.consume(at, at + best.length());
                return;
            }
            if (best != null) {
                draft.filters.add(QueryPlan.Filter.compare("title_contains", "like", best.toLowerCase(Locale.ROOT)));
                int at = text.remaining().indexOf(best, run.start());
                text.consume(at, at + best.length());
                return;
            }
        }
    }

    private static final Pattern SERIES_NOUN = Pattern.compile(
            "\\s+(?:films|movies|pictures|series|franchise|trilogy|saga|sequels|instalments|installments)\\b");

    private static boolean containsWords(String text, String phrase) {
        int at = text.indexOf(phrase);
        while (at >= 0) {
            boolean before = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            int end = at + phrase.length();
            boolean after = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (before && after) {
                return true;
            }
            at = text.indexOf(phrase, at + 1);
        }
        return false;
    }

    private boolean isPerson(String lowerName) {
        return vocabulary.peopleFolded.contains(NameIndex.fold(lowerName));
    }

    private static int firstWordStart(String question) {
        for (int at = 0; at < question.length(); at++) {
            if (Character.isLetterOrDigit(question.charAt(at))) {
                return at;
            }
        }
        return 0;
    }

    private Set<String> measureWords;

    /** The words of metric and dimension synonyms ("box", "office", "genre"): never a film's title on their own. */
    private Set<String> measureWords() {
        if (measureWords == null) {
            var words = new java.util.HashSet<String>();
            model.metrics().forEach(metric -> metric.synonyms().forEach(synonym -> words.addAll(List.of(synonym.split("[\\s-]+")))));
            model.dimensions().forEach(dimension -> dimension.synonyms().forEach(synonym -> words.addAll(List.of(synonym.split("[\\s-]+")))));
            measureWords = Set.copyOf(words);
        }
        return measureWords;
    }

    private Set<String> knownWords;

    private Set<String> knownWords() {
        if (knownWords == null) {
            var words = new java.util.HashSet<String>();
            model.metrics().forEach(metric -> metric.synonyms().forEach(synonym -> words.addAll(List.of(synonym.split("[\\s-]+")))));
            model.dimensions().forEach(dimension -> dimension.synonyms().forEach(synonym -> words.addAll(List.of(synonym.split("[\\s-]+")))));
            vocabulary.valuePhrases.values().forEach(phrases -> phrases.keySet().forEach(phrase -> words.addAll(List.of(phrase.split("[\\s-/]+")))));
            MONTHS.forEach(month -> words.add(month));
            model.metrics().forEach(metric -> words.addAll(labelWords(metric.label())));
            model.dimensions().forEach(dimension -> words.addAll(labelWords(dimension.label())));
            knownWords = Set.copyOf(words);
        }
        return knownWords;
    }

    private static List<String> labelWords(String label) {
        return List.of(label.toLowerCase(Locale.ROOT).replaceAll("[()$]", " ").strip().split("[\\s-]+"));
    }

    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december");

    /**
     * Words a misspelling may stand for: only the words questions turn on, so that no real word is taken
     * for a slip of another ("word" is no "world").
     */
    private static final Set<String> SPELLING_WORDS = java.util.stream.Stream.concat(MONTHS.stream(), java.util.stream.Stream.of(
            "released", "release", "releases", "average", "running", "which", "between", "directed", "director", "directors",
            "distributor", "distributors", "worldwide", "opening", "highest", "lowest", "percentage", "compared", "documentary",
            "documentaries", "comedies", "comedy", "thriller", "thrillers", "budget", "budgets", "rating", "ratings", "admissions",
            "territory", "territories", "genre", "genres", "gross", "grossed", "grossing", "weekend", "screens", "tickets", "movies",
            "films", "biggest", "smallest", "revenue", "total", "number", "countries", "country", "region", "regions", "horror",
            "western", "musical", "adventure", "action", "drama", "dramas", "during", "since", "before", "after", "their", "minutes",
            "rotten", "tomatoes")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final String MONTH_NAMES = "(january|february|march|april|may|june|july|august|september|october|november|december)";
    private static final Pattern DATE = Pattern.compile(
            "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH_NAMES + ",?\\s+((?:19|20)\\d{2})\\b"
                    + "|\\b" + MONTH_NAMES + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b"
                    + "|\\b((?:19|20)\\d{2})-(\\d{2})-(\\d{2})\\b"
                    + "|\\b(christmas day|christmas eve|new year's day|new year's eve)(?:\\s+of)?,?\\s+((?:19|20)\\d{2})\\b");

    /** A release date: "on 25 December 2009", "December 25, 2009", "2009-12-25", "Christmas Day 2009". */
    private void readDates(Phrases text, Draft draft) {
        Matcher date = DATE.matcher(text.lower());
        if (!date.find()) {
            readMonthOfYear(text, draft);
            return;
        }
        int year;
        int month;
        int day;
        if (date.group(1) != null) {
            day = Integer.parseInt(date.group(1));
            month = MONTHS.indexOf(date.group(2)) + 1;
            year = Integer.parseInt(date.group(3));
        } else if (date.group(4) != null) {
            month = MONTHS.indexOf(date.group(4)) + 1;
            day = Integer.parseInt(date.group(5));
            year = Integer.parseInt(date.group(6));
        } else if (date.group(7) != null) {
            year = Integer.parseInt(date.group(7));
            month = Integer.parseInt(date.group(8));
            day = Integer.parseInt(date.group(9));
        } else {
            String holiday = date.group(10);
            year = Integer.parseInt(date.group(11));
            month = holiday.startsWith("christmas") || holiday.endsWith("eve") ? 12 : 1;
            day = holiday.equals("christmas day") ? 25 : holiday.equals("christmas eve") ? 24 : holiday.equals("new year's eve") ? 31 : 1;
        }
        try {
            draft.filters.add(QueryPlan.Filter.in("release_date", List.of(java.time.LocalDate.of(year, month, day).toString())));
            text.consume(date.start(), date.end());
        } catch (java.time.DateTimeException e) {
            // not a date ("31 February"): leave the words unread
        }
    }

    /** Words that put a period on the weekly box office rather than on releases: "the weeks starting in December 2009". */
    private static final Pattern WEEKS_STARTING = Pattern.compile(
            "\\b(?:(?:the\\s+)?weeks?|weekends?)\\s+(?:that\\s+)?(?:starting|beginning|commencing|started|began|start|begin)(?:\\s+(?:on|in|during))?\\s+"
                    + "|\\b(?:(?:the\\s+)?weeks?|weekends?)\\s+(?:of|in|during)\\s+(?=(?:the\\s+)?(?:" + "january|february|march|april|may|june|july|august|september|october|november|december"
                    + "|summer|spring|autumn|fall|winter|(?:19|20)\\d{2}))");
    private static final String DAY_MONTH = "(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH_NAMES + "|" + MONTH_NAMES + "\\s+(\\d{1,2})(?:st|nd|rd|th)?)";
    /** A span of days: "between 1 July and 31 August 2008", "June 1 through August 31, 2008" (the year once, at the end, serves both). */
    private static final Pattern DAY_SPAN = Pattern.compile("^(?:between\\s+|from\\s+)?" + DAY_MONTH + "(?:,?\\s+((?:19|20)\\d{2}))?\\s*"
            + "(?:and|to|through|thru|till|until|-|–)\\s+" + DAY_MONTH + ",?\\s+((?:19|20)\\d{2})\\b");
    /** A month, season or year: "December 2009", "the summer of 2008", "2009". */
    private static final Pattern MONTH_SPAN = Pattern.compile("^(?:the\\s+)?(?:" + MONTH_NAMES + "|(spring|summer|autumn|fall|winter))?\\s*(?:of\\s+)?((?:19|20)\\d{2})\\b");
    private static final Pattern WHOLE_RUN = Pattern.compile(
            "\\b(?:over|across|during|in|for|throughout)\\s+(?:their|its|the)\\s+(?:whole|entire|full|complete|total)\\s+(?:theatrical\\s+)?(?:run|release)s?\\b"
                    + "|\\b(?:all|throughout)\\s+(?:their|its)\\s+(?:theatrical\\s+)?run\\b");
    /** Words saying the release does not matter: "no matter when the films came out". */
    private static final Pattern ANY_RELEASE = Pattern.compile(
            "\\b(?:no matter|regardless of|irrespective of|whatever)\\s+when\\s+(?:the\\s+|they\\s+|it\\s+)?(?:films?|movies?|titles?)?\\s*(?:were\\s+|was\\s+)?"
                    + "(?:came out|come out|released|opened)\\b|\\b(?:regardless|irrespective) of (?:their |the )?release(?: date| year)?\\b");

    /**
     * A calendar period of the weekly box office, as dates of the weeks' start ("takings in the weeks
     * starting between 1 July and 31 August 2008"), which is not the films' release: any film playing
     * then counts. Read before release months, seasons and dates.
     */
    private void readWeekPeriods(Phrases text, Draft draft) {
        // "Over their whole run": every week, which is what a film's total is anyway.
        WHOLE_RUN.matcher(text.lower()).results().forEach(run -> text.consume(run.start(), run.end()));
        Matcher cue = WEEKS_STARTING.matcher(text.lower());
        if (!cue.find()) {
            return;
        }
        String after = text.lower().substring(cue.end());
        java.time.LocalDate from;
        java.time.LocalDate to;
        int length;
        Matcher span = DAY_SPAN.matcher(after);
        Matcher month = MONTH_SPAN.matcher(after);
        try {
            if (span.find()) {
                int lastYear = Integer.parseInt(span.group(10));
                to = dayOf(span.group(6), span.group(7), span.group(8), span.group(9), lastYear);
                from = dayOf(span.group(1), span.group(2), span.group(3), span.group(4), span.group(5) == null ? lastYear : Integer.parseInt(span.group(5)));
                length = span.end();
            } else if (month.find()) {
                int year = Integer.parseInt(month.group(3));
                if (month.group(1) != null) {
                    from = java.time.LocalDate.of(year, MONTHS.indexOf(month.group(1)) + 1, 1);
                    to = from.plusMonths(1).minusDays(1);
                } else if (month.group(2) != null) {
                    // A season's months within its year (winter is its January, February and December, as for releases).
                    List<Integer> months = SEASONS.get(month.group(2));
                    if (month.group(2).equals("winter")) {
                        return;
                    }
                    from = java.time.LocalDate.of(year, months.getFirst(), 1);
                    to = java.time.LocalDate.of(year, months.getLast(), 1).plusMonths(1).minusDays(1);
                } else {
                    from = java.time.LocalDate.of(year, 1, 1);
                    to = java.time.LocalDate.of(year, 12, 31);
                }
                length = month.end();
            } else {
                return;
            }
        } catch (java.time.DateTimeException e) {
            return; // "31 June": leave the words unread
        }
        if (to.isBefore(from)) {
            return;
        }
        draft.filters.add(new QueryPlan.Filter("week_start", "between", List.of(from.toString(), to.toString())));
        text.consume(cue.start(), cue.end() + length);
        Matcher anyRelease = ANY_RELEASE.matcher(text.lower());
        if (anyRelease.find()) {
            text.consume(anyRelease.start(), anyRelease.end());
        }
        // "Summer 2008 in Spain: ... the weeks starting June 1 through August 31, 2008": the season named is the span read.
        Matcher season = Pattern.compile("\\b(?:the\\s+)?(spring|summer|autumn|fall|winter)(?:\\s+(?:of\\s+)?" + from.getYear() + ")?\\b")
                .matcher(text.lower());
        if (season.find() && SEASONS.get(season.group(1)).contains(from.getMonthValue())) {
            text.consume(season.start(), season.end());
        }
    }

    private static java.time.LocalDate dayOf(String dayFirst, String monthAfterDay, String monthFirst, String dayAfterMonth, int year) {
        return dayFirst != null
                ? java.time.LocalDate.of(year, MONTHS.indexOf(monthAfterDay) + 1, Integer.parseInt(dayFirst))
                : java.time.LocalDate.of(year, MONTHS.indexOf(monthFirst) + 1, Integer.parseInt(dayAfterMonth));
    }

    private static final Pattern MONTH_OF_YEAR = Pattern.compile(
            "\\b(january|february|march|april|may|june|july|august|september|october|november|december)\\s+(?:of\\s+)?((?:19|20)\\d{2})\\b");

    /** "Released in November 2001": a month of one year, read before titles ("November" is also a film). */
    private void readMonthOfYear(Phrases text, Draft draft) {
        Matcher monthOfYear = MONTH_OF_YEAR.matcher(text.lower());
        if (monthOfYear.find()) {
            draft.filters.add(QueryPlan.Filter.in("month", List.of(MONTHS.indexOf(monthOfYear.group(1)) + 1)));
            draft.filters.add(QueryPlan.Filter.in("year", List.of(Integer.parseInt(monthOfYear.group(2)))));
            text.consume(monthOfYear.start(), monthOfYear.end());
        }
    }

    /** The months of a season, northern hemisphere, within one year: winter is its December, January and February. */
    private static final Map<String, List<Integer>> SEASONS = Map.of("spring", List.of(3, 4, 5), "summer", List.of(6, 7, 8),
            "autumn", List.of(9, 10, 11), "fall", List.of(9, 10, 11), "winter", List.of(1, 2, 12));
    private static final Pattern MONTH_RANGE = Pattern.compile(
            "\\b(?:between|from)?\\s*" + MONTH_NAMES + "\\s+(?:and|to|through|till|until|-|–)\\s+" + MONTH_NAMES + "\\b");
    private static final Pattern SEASON = Pattern.compile("\\b(?:the\\s+)?(spring|summer|autumn|fall|winter)(?:\\s+(?:of\\s+)?(?=(?:19|20)\\d{2}))?");

    /** Ranges of months and seasons: "between March and May", "summer 2008 (June to August)". Read before dates and names. */
    private void readMonthRanges(Phrases text, Draft draft) {
        // "Between March and May", "June to August": every month from the first to the last.
        Matcher range = MONTH_RANGE.matcher(text.lower());
        if (range.find() && !(range.group(1).equals("may") && !text.original().substring(range.start(1), range.end(1)).equals("May"))) {
            int first = MONTHS.indexOf(range.group(1)) + 1;
            int last = MONTHS.indexOf(range.group(2)) + 1;
            var months = new ArrayList<Object>();
            for (int month = first; month != last % 12 + 1; month = month % 12 + 1) {
                months.add(month);
            }
            draft.filters.add(QueryPlan.Filter.in("month", months));
            text.consume(range.start(), range.end());
            // "(June to August)" after "summer" explains the season: one reading of both.
            Matcher explained = SEASON.matcher(text.lower());
            if (explained.find()) {
                text.consume(explained.start(), explained.end());
            }
            return;
        }
        Matcher season = SEASON.matcher(text.lower());
        if (season.find() && (season.group().contains("the") || A_YEAR.matcher(text.lower()).find()
                || RELEASED_BEFORE.matcher(text.lower().substring(0, season.start())).find())) {
            draft.filters.add(QueryPlan.Filter.in("month", new ArrayList<Object>(SEASONS.get(season.group(1)))));
            text.consume(season.start(), season.end());
        }
    }

    private void readMonths(Phrases text, Draft draft) {
        var months = new ArrayList<Object>();
        for (int index = 0; index < MONTHS.size(); index++) {
            String month = MONTHS.get(index);
            // "may" is also a verb: only the capitalised month counts.
            int at = month.equals("may") ? text.find("May", 1, false) : text.find(month, 0, true);
            if (at >= 0) {
                months.add(index + 1);
                text.consume(at, at + month.length());
            }
        }
        if (!months.isEmpty()) {
            draft.filters.add(QueryPlan.Filter.in("month", months));
        }
    }

    // ---------------------------------------------------------------- references to the previous answer

    private static final Pattern REFERS_BACK = Pattern.compile(
            "^\\s*(what about|how about|and|what if|same for|same but|now|only|just|also|instead)\\b"
                    + "|\\b(of them|those|these|them|that list|the same|instead|only those|just those)\\b"
                    + "|\\b(?:break|split|group|sort|rank)\\s+(?:that|this|it)\\b|\\bthe year (?:before|earlier)\\b|\\bthe previous year\\b"
                    // "In Germany that year": the time of the previous answer.
                    + "|\\b(?:that|the same) (?:year|month|week|season|summer|winter|spring|autumn|decade)\\b"
                    // "How many screens was that on?": "that" standing for the previous answer.
                    + "|\\b(?:was|is|were|are|did|does)\\s+(?:that|this|it)\\b(?!\\s+(?:film|movie|the|a|an)\\b)"
                    + "|\\b(?:that|this|it)\\s+(?:on|in|at|for)?\\s*[?.!]*\\s*$"
                    // "What were its total admissions?", "how did it do in Spain?": the film of the previous answer.
                    + "|\\bits\\b|\\b(?:did|does|was|is)\\s+it\\b");

    private void readReferencesBack(Phrases text, Draft draft) {
        if (REFERS_BACK.matcher(text.lower()).find()) {
            draft.refersBack = true;
        }
        // "Which of these", "among them", "rank those 5 by ...", "sort these three": the previous answer's rows.
        draft.amongPrevious = Pattern.compile("\\b(?:of|among|amongst) (?:these|those|them)\\b"
                + "|\\b(?:those|these)\\s+(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|films|movies|titles)\\b"
                + "|\\b(?:rank|re-?rank|sort|re-?sort|order|reorder)\\s+(?:those|these|them)\\b").matcher(text.lower()).find();
        Matcher yearBefore = Pattern.compile("\\b(?:the year (?:before|earlier)|the previous year|a year earlier)\\b").matcher(text.lower());
        if (yearBefore.find()) {
            draft.yearsBack = 1;
            text.consume(yearBefore.start(), yearBefore.end());
        }
        Matcher international = Pattern.compile(
                "\\b(international|internationally|overseas|abroad|foreign|outside (?:the )?(?:us|usa|united states|north america))\\b")
                .matcher(text.lower());
        if (international.find()) {
            // Everywhere but the domestic market (US & Canada).
            draft.international = true;
            draft.filters.add(QueryPlan.Filter.in("region",
                    vocabulary.regionNames.keySet().stream().filter(code -> !code.equals("US")).sorted().toList()));
            text.consume(international.start(), international.end());
        } else if (Pattern.compile("\\b(worldwide|globally|global|all regions|every region|world-wide|everywhere)\\b")
                .matcher(text.lower()).find()) {
            // Explicitly worldwide: a follow-up drops the previous region filter.
            draft.filters.add(QueryPlan.Filter.in("region", List.of()));
        }
    }

    // ---------------------------------------------------------------- entities from the warehouse

    private void readTitles(Phrases text, Draft draft) {
        var found = new LinkedHashSet<String>();
        Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(text.remaining());
        while (quoted.find()) {
            for (String title : vocabulary.titles) {
                if (title.equalsIgnoreCase(quoted.group(1).strip())) {
                    found.add(title);
                    text.consume(quoted.start(), quoted.end());
                    break;
                }
            }
        }
        for (String title : vocabulary.titleIndex.candidates(text.remaining())) {
            int at = text.find(title, 0, true);
            while (at >= 0) {
                if (isTitleMention(text, title, at)) {
                    found.add(title);
                    text.consume(at, at + title.length());
                    break;
                }
                at = text.find(title, at + 1, true);
            }
        }
        if (!found.isEmpty()) {
            draft.filters.add(QueryPlan.Filter.in("title", List.copyOf(found)));
        }
    }

    /**
     * Distributors named in several words ("Warner Brothers", "Walt Disney Pictures") are read before
     * titles, so the "Brothers" of a studio is not taken for the film of that name.
     */
    private void readDistributorNames(Phrases text, Draft draft) {
        var found = new LinkedHashSet<String>();
        for (var phrase : vocabulary.valuePhrases.getOrDefault("distributor", Map.of()).entrySet()) {
            if (!phrase.getKey().contains(" ")) {
                continue;
            }
            int at = text.find(phrase.getKey(), 0, true);
            if (at >= 0) {
                found.add(phrase.getValue());
                text.consume(at, at + phrase.getKey().length());
            }
        }
        if (!found.isEmpty()) {
            draft.filters.add(QueryPlan.Filter.in("distributor", List.copyOf(found)));
        }
    }

    /** Whether the word after {@code from} starts with a capital: then both are one name ("Kids Fiction"). */
    private static boolean nextWordCapitalised(String text, int from) {
        int at = from;
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        return at > from && at < text.length() && Character.isUpperCase(text.charAt(at));
    }

    /** Words after which a capitalised ordinary word is a film's title ("of Up", "did Up"). */
    private static final Set<String> TITLE_INTRODUCERS = Set.of("of", "for", "did", "does", "about", "film", "movie", "title", "with");

    private boolean isTitleMention(Phrases text, String title, int at) {
        String said = text.original().substring(at, at + title.length());
        boolean exactCase = said.equals(title);
        boolean numeric = title.chars().allMatch(ch -> Character.isDigit(ch));
        String after = text.original().substring(at + title.length());
        // "Crash's score", "300's opening": a possessive makes a name of an ordinary word or a number.
        boolean possessive = after.startsWith("'s") || after.startsWith("’s");
        if (numeric) {
            return Set.of("film", "movie", "title").contains(text.wordBefore(at)) || possessive
                    || Set.of("did", "does", "do").contains(text.wordBefore(at))
                    && EARNING_VERB.matcher(after).find();
        }
        if (regionWords.contains(title.toLowerCase(Locale.ROOT))) {
            // "Australia" is a film and a region: a title only when called one.
            return Set.of("film", "movie", "title").contains(text.wordBefore(at));
        }
        boolean singleWord = !title.contains(" ");
        String lower = title.toLowerCase(Locale.ROOT);
        boolean ordinaryWord = COMMON_WORDS.contains(lower) || ENGLISH.contains(lower) || measureWords().contains(lower);
        if (singleWord && ordinaryWord && exactCase && Character.isUpperCase(title.charAt(0))
                && (possessive || at == firstWordStart(text.original()) && NAME_THEN_DASH.matcher(after).find())) {
            // "Crash's Rotten Tomatoes score", "Up - opening week in Australia": written as a name, used as one.
            return true;
        }
        if (singleWord && ordinaryWord && exactCase && Character.isUpperCase(title.charAt(0)) && at > firstWordStart(text.original())
                && TITLE_INTRODUCERS.contains(text.wordBefore(at)) && !nextWordCapitalised(text.original(), at + title.length())) {
            // An ordinary word written as a title where a title is expected: "the takings of Up in Japan".
            return true;
        }
        if (singleWord) {
            // Written in lower case, only a long word that means nothing else here is taken for a title ("avatar").
            return (exactCase && Character.isUpperCase(title.charAt(0)) || !exactCase && title.length() >= 6)
                    && !ordinaryWord && title.length() > 2;
        }
        if (title.length() >= 8) {
            return true;
        }
        // In a question typed all in lower case, a short title of several words counts when it does not start with an
        // everyday word ("shrek 2", "toy story"); "the ring" still must be written as a title.
        String firstWord = lower.split("\\s+")[0];
        if (!exactCase && text.original().equals(text.original().toLowerCase(Locale.ROOT)) && title.length() >= 6
                && !COMMON_WORDS.contains(firstWord) && !ENGLISH.contains(firstWord) && !FILLER.contains(firstWord)) {
            return true;
        }
        // Short multi-word titles ("The Ring") must be written as titles are.
        return exactCase && Character.isUpperCase(said.charAt(0)) && !COMMON_WORDS.contains(title.toLowerCase(Locale.ROOT));
    }

    private void readPeople(Phrases text, Draft draft) {
        var found = new LinkedHashSet<String>();
        for (String person : vocabulary.peopleIndex.candidates(text.remaining())) {
            int at = text.find(person, 0, true);
            if (at >= 0) {
                found.add(person);
                text.consume(at, at + person.length());
            }
        }
        Matcher word = Pattern.compile("\\b([A-Za-z][a-z]+(?:-[A-Z][a-z]+)?)('s|s')?\\b").matcher(text.remaining());
        while (word.find()) {
            String lower = word.group(1).toLowerCase(Locale.ROOT);
            List<String> people = vocabulary.peopleByLastName.get(lower);
            boolean possessive = word.group(2) != null;
            boolean capitalised = Character.isUpperCase(word.group(1).charAt(0));
            // In lower case a surname counts only where a person is expected: "nolan's films", "films by spielberg".
            boolean keywordStyle = text.original().equals(text.original().toLowerCase(Locale.ROOT));
            boolean filmsFollow = FILMS_FOLLOW.matcher(text.remaining().substring(word.end())).lookingAt();
            boolean expected = possessive || filmsFollow || Set.of("by", "director", "from").contains(text.wordBefore(word.start()))
                    || keywordStyle && lower.length() >= 5 && !isTitleWord(lower);
            // A month is a date before it is a surname ("June to August" is no film by Bille August).
            boolean month = MONTHS.contains(lower) && !possessive && !Set.of("by", "director").contains(text.wordBefore(word.start()));
            boolean plausible = month ? false : capitalised ? !COMMON_WORDS.contains(lower) || possessive : expected && lower.length() >= 4
                    && !COMMON_WORDS.contains(lower) && !ENGLISH.contains(lower) && !measureWords().contains(lower);
            if (people != null && plausible && (word.start() > 0 || possessive || !capitalised || filmsFollow)) {
                found.addAll(people);
                text.consume(word.start(), word.end());
            }
        }
        if (!found.isEmpty()) {
            draft.filters.add(QueryPlan.Filter.in("director", List.copyOf(found)));
        }
    }

    private static final Pattern FILMS_FOLLOW = Pattern.compile("\\s+(?:films|movies|flicks|pictures|filmography)\\b");

    /** Whether a word appears in some title ("stone" does, "tarantino" does not): then a lower-case surname is not sure. */
    private boolean isTitleWord(String lower) {
        Pattern word = Pattern.compile("(^|[^\\p{L}])" + Pattern.quote(lower) + "($|[^\\p{L}])");
        return vocabulary.titleWords.mayContain(lower).stream().anyMatch(title -> word.matcher(title.toLowerCase(Locale.ROOT)).find());
    }

    private static final Map<String, String> TERRITORIES = Map.ofEntries(
            Map.entry("emea", "EMEA"), Map.entry("europe", "EMEA"), Map.entry("european", "EMEA"),
            Map.entry("apac", "APAC"), Map.entry("asia", "APAC"), Map.entry("asia-pacific", "APAC"), Map.entry("asia pacific", "APAC"),
            Map.entry("asian", "APAC"), Map.entry("latin america", "Latin America"), Map.entry("latin american", "Latin America"),
            Map.entry("south america", "Latin America"), Map.entry("latam", "Latin America"), Map.entry("north america", "North America"));

    private static final Pattern US_MARKET = Pattern.compile(
            "\\b(us)\\s+(?=box[- ]office|gross\\b|grosses|takings|revenue|opening|market|admissions|tix|cinemas?|theaters?|theatres?)");

    /**
     * "Grossed more in the United Kingdom than in Germany", "took more at the Japanese box office than in
     * the US": each film's figure in one market against the other's; the two markets are no filters.
     */
    private void readMarketComparison(Phrases text, Draft draft) {
        Matcher compared = marketComparison.matcher(text.remaining());
        if (!compared.find()) {
            return;
        }
        String first = marketCode(compared.group(3));
        String second = marketCode(compared.group(5));
        if (first == null || second == null || first.equals(second)) {
            return;
        }
        String op = Set.of("more", "higher", "bigger").contains(compared.group(1).toLowerCase(Locale.ROOT)) ? ">" : "<";
        draft.filters.add(new QueryPlan.Filter(QueryPlan.MARKET_COMPARISON, op, List.of(first, second)));
        // The words between ("more tickets in") may name the measure compared: they stay for the measure's reading.
        text.consume(compared.start(1), compared.end(1));
        text.consume(compared.end(2), compared.end());
    }

    private String marketCode(String named) {
        return vocabulary.regionNames.containsKey(named) ? named : vocabulary.regionPhrases.get(named.toLowerCase(Locale.ROOT));
    }

    /** "More in <market> than in <market>"; names and adjectives in any case, codes in capitals only ("US", not "us"). */
    private static Pattern marketComparison(Vocabulary vocabulary) {
        String markets = java.util.stream.Stream.concat(vocabulary.regionPhrases.keySet().stream().map(Pattern::quote),
                vocabulary.regionNames.keySet().stream().map(code -> "(?-i:" + Pattern.quote(code) + ")"))
                .collect(java.util.stream.Collectors.joining("|"));
        return Pattern.compile("(?i)\\b(more|less|fewer|higher|lower|bigger|smaller)\\b((?:\\s+[a-z]+){0,3}?)\\s+(?:in|at|from)\\s+(?:the\\s+)?("
                + markets + ")((?:\\s+box[- ]office)?)\\s+than\\s+(?:(?:in|at|from)\\s+)?(?:the\\s+)?(" + markets + ")\\b");
    }

    private void readRegions(Phrases text, Draft draft) {
        var territories = new LinkedHashSet<String>();
        TERRITORIES.entrySet().stream()
                .sorted((a, b) -> b.getKey().length() - a.getKey().length())
                .forEach(entry -> {
                    int at = text.find(entry.getKey(), 0, true);
                    if (at >= 0 && !(entry.getKey().equals("north america") && text.find("north american", 0, true) == at)) {
                        territories.add(entry.getValue());
                        text.consume(at, at + entry.getKey().length());
                    }
                });
        var regions = new LinkedHashSet<String>();
        for (var entry : vocabulary.regionPhrases.entrySet()) {
            String phrase = entry.getKey();
            // Short names must be written in capitals ("US", not the pronoun "us"), except those that are no English word.
            boolean caseMatters = phrase.length() <= 4 && !Set.of("uk", "usa", "u.k.", "u.s.", "u.s.a.").contains(phrase.toLowerCase(Locale.ROOT));
            String wanted = caseMatters ? phrase.toUpperCase(Locale.ROOT) : phrase;
            int at = text.find(wanted, 0, !caseMatters);
            while (at >= 0) {
                regions.add(entry.getValue());
                if (Set.of("in", "within").contains(text.wordBefore(at))) {
                    draft.regionIsContext = true;
                }
                text.consume(at, at + phrase.length());
                at = text.find(wanted, at + 1, !caseMatters);
            }
        }
        for (String code : vocabulary.regionNames.keySet()) {
            int at = text.find(code, 0, false);
            if (at >= 0) {
                regions.add(code);
                text.consume(at, at + code.length());
            }
        }
        // "us box office", "us opening week": the pronoun never stands before a market's measure.
        Matcher usMarket = US_MARKET.matcher(text.lower());
        while (usMarket.find()) {
            regions.add("US");
            text.consume(usMarket.start(1), usMarket.end(1));
            usMarket = US_MARKET.matcher(text.lower());
        }
        if (!regions.isEmpty() && draft.international) {
            // "More outside the US than in the US": two markets compared film by film, which needs more than one query.
            draft.unsupported = "a comparison of the international and the domestic box office of each film";
            return;
        }
        if (!regions.isEmpty()) {
            draft.filters.removeIf(filter -> filter.field().equals("region"));
            draft.filters.add(QueryPlan.Filter.in("region", List.copyOf(regions)));
        }
        if (!territories.isEmpty()) {
            draft.filters.add(QueryPlan.Filter.in("territory", List.copyOf(territories)));
        }
    }

    private static final Pattern MPAA = Pattern.compile(
            "\\b(?:rated\\s+)?(PG-13|NC-17|PG|(?i:pg-13|nc-17|pg)(?=\\s|$|[,.?!]))\\b|\\brated\\s+(R|G|(?i:r|g)\\b(?=\\s*$|[,.?!]))\\b"
                    + "|\\b(R|G|(?i:r|g))(?:-|\\s)rated\\b|\\b(R|G)\\s+(?:films|movies)\\b"
                    // R and G in a list of ratings: "G, PG, PG-13 and R"
                    + "|\\b(R|G)\\b(?=(?:\\s*,|\\s+and|\\s+or)\\s+(?:PG-13|NC-17|PG|R|G)\\b)"
                    // (bounded: Java's look-behind silently never matches with an unbounded "\\s+" inside)
                    + "|(?<=\\b(?:PG-13|NC-17|PG|R|G)(?:,|\\s{1,3}and|\\s{1,3}or|,\\s{1,3}and|,\\s{1,3}or)\\s)(R|G)\\b");

    private void readMpaaRatings(Phrases text, Draft draft) {
        var found = new LinkedHashSet<String>();
        Matcher matcher = MPAA.matcher(text.remaining());
        while (matcher.find()) {
            for (int group = 1; group <= 6; group++) {
                if (matcher.group(group) != null) {
                    found.add(matcher.group(group).toUpperCase(Locale.ROOT));
                }
            }
            String matched = matcher.group();
            int keep = matched.endsWith("films") || matched.endsWith("movies") ? matched.lastIndexOf(' ') : matched.length();
            text.consume(matcher.start(), matcher.start() + keep);
        }
        if (text.find("not rated", 0, true) >= 0 || text.find("unrated", 0, true) >= 0) {
            found.add("Not Rated");
        }
        if (!found.isEmpty()) {
            draft.filters.add(QueryPlan.Filter.in("mpaa_rating", List.copyOf(found)));
        }
    }

    private void readValues(Phrases text, Draft draft) {
        for (var dimension : vocabulary.valuePhrases.entrySet()) {
            if (dimension.getKey().equals("mpaa_rating")) {
                continue;
            }
            var found = new LinkedHashSet<String>();
            for (var phrase : dimension.getValue().entrySet()) {
                String words = phrase.getKey();
                boolean caseMatters = words.length() <= 4;
                String wanted = caseMatters ? phrase.getValue().equalsIgnoreCase(words) ? phrase.getValue() : capitalise(words) : words;
                int at = text.find(wanted, 0, !caseMatters);
                if (at >= 0) {
                    found.add(phrase.getValue());
                    text.consume(at, at + words.length());
                }
            }
            if (!found.isEmpty()) {
                draft.filters.add(QueryPlan.Filter.in(dimension.getKey(), List.copyOf(found)));
            }
        }
    }

    /** Genre words that also stand for the films themselves: "the highest-grossing comedy". */
    private static final Pattern FILM_NOUN = Pattern.compile(
            "\\b(comed(?:y|ies)|dramas?|thrillers?|westerns?|musicals?|documentar(?:y|ies)|romcoms?|rom-coms?|blockbusters?|"
                    + "hits?|flops?|horror (?:film|movie)s?|action (?:film|movie)s?|remakes?|sequels?|superhero (?:film|movie)s?|"
                    + "flicks?|films?|movies?|pictures?)\\b");

    private void readFilmNouns(Phrases text, Draft draft) {
        Matcher noun = FILM_NOUN.matcher(text.original().toLowerCase(Locale.ROOT));
        if (noun.find()) {
            draft.filmNoun = noun.group(1);
        }
    }

    private static String capitalise(String words) {
        return words.length() <= 3 ? words.toUpperCase(Locale.ROOT) : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    // ---------------------------------------------------------------- time

    private void readYears(Phrases text, Draft draft) {
        String lower = text.lower();
        // "The 1970s through the 2000s": from the first decade's first year to the last one's last.
        Matcher decades = DECADE_RANGE.matcher(lower);
        if (decades.find()) {
            int from = Integer.parseInt(decades.group(1));
            int to = Integer.parseInt(decades.group(2)) + 9;
            if (from < to) {
                draft.filters.add(new QueryPlan.Filter("year", "between", List.of(from, to)));
                text.consume(decades.start(), decades.end());
                return;
            }
        }
        Matcher range = RANGE.matcher(lower);
        if (range.find()) {
            int from = Integer.parseInt(range.group(1) != null ? range.group(1) : range.group(3));
            int to = Integer.parseInt(range.group(2) != null ? range.group(2) : range.group(4));
            draft.filters.add(new QueryPlan.Filter("year", "between", List.of(Math.min(from, to), Math.max(from, to))));
            text.consume(range.start(), range.end());
            return;
        }
        Matcher spelled = SPELLED_DECADE.matcher(lower);
        if (spelled.find()) {
            int start = SPELLED_DECADES.get(spelled.group(1));
            draft.filters.add(new QueryPlan.Filter("year", "between", List.of(start, start + 9)));
            text.consume(spelled.start(), spelled.end());
            return;
        }
        Matcher decade = DECADE.matcher(lower);
        if (decade.find()) {
            int start;
            if (decade.group(1) != null) {
                start = Integer.parseInt(decade.group(1));
            } else {
                int twoDigits = Integer.parseInt(decade.group(2) != null ? decade.group(2) : decade.group(3));
                start = twoDigits <= 10 ? 2000 + twoDigits : 1900 + twoDigits;
            }
            draft.filters.add(new QueryPlan.Filter("year", "between", List.of(start, start + 9)));
            text.consume(decade.start(), decade.end());
            return;
        }
        Matcher after = AFTER.matcher(lower);
        if (after.find()) {
            int year = Integer.parseInt(after.group(2));
            if (after.group(1).equals("from") && after.group(3) == null) {
                // "Films from 2001" were made in 2001; "from 2001 on" is an open range.
                draft.filters.add(QueryPlan.Filter.in("year", List.of(year)));
            } else {
                boolean inclusive = !after.group(1).equals("after") && !after.group(1).equals("post") || after.group(3) != null;
                draft.filters.add(QueryPlan.Filter.compare("year", inclusive ? ">=" : ">", year));
            }
            text.consume(after.start(), after.end());
        }
        Matcher before = BEFORE.matcher(text.lower());
        if (before.find()) {
            boolean inclusive = Set.of("until", "up to", "up until", "through").contains(before.group(1));
            draft.filters.add(QueryPlan.Filter.compare("year", inclusive ? "<=" : "<", Integer.parseInt(before.group(2))));
            text.consume(before.start(), before.end());
        }
        if (draft.hasYearFilter()) {
            return;
        }
        var years = new ArrayList<Object>();
        Matcher single = SINGLE_YEAR.matcher(text.lower());
        while (single.find()) {
            if (isMoneyAhead(text.lower(), single.end())) {
                continue;
            }
            years.add(Integer.parseInt(single.group(1)));
            text.consume(single.start(), single.end());
        }
        // "The last five release years in the catalogue": counted back from the catalogue's latest release year;
        // "the last 3 years" from the box office's latest year.
        Matcher lastYears = LAST_YEARS.matcher(text.lower());
        if (lastYears.find()) {
            Integer n = numberOf(lastYears.group(1));
            if (n != null) {
                int latest = lastYears.group(2) != null ? vocabulary.latestReleaseYear : vocabulary.latestYear;
                draft.filters.add(QueryPlan.Filter.compare("year", ">=", latest - n + 1));
                text.consume(lastYears.start(), lastYears.end());
                return;
            }
        }
        Matcher latestRelease = LATEST_RELEASE_YEAR.matcher(text.lower());
        if (years.isEmpty() && latestRelease.find()) {
            years.add(vocabulary.latestReleaseYear);
            text.consume(latestRelease.start(), latestRelease.end());
        }
        Matcher relative = Pattern.compile("\\b(this|last|latest|most recent|previous)\\s+year\\b").matcher(text.lower());
        if (years.isEmpty() && relative.find()) {
            int latest = vocabulary.latestYear;
            years.add(relative.group(1).equals("last") || relative.group(1).equals("previous") ? latest - 1 : latest);
            text.consume(relative.start(), relative.end());
        }
        if (!years.isEmpty()) {
            draft.filters.add(QueryPlan.Filter.in("year", years));
        }
    }

    /** "... in the catalogue", "... of the data": the span of the data itself. */
    private static final String IN_THE_DATA = "(?:\\s+(?:in|of)\\s+the\\s+(?:data|catalogue|catalog|dataset|data mart|database))?";
    private static final Pattern LAST_YEARS = Pattern.compile("\\b(?:in |over |during |for )?the (?:last|past|latest|most recent|final) "
            + NUMBER + " (release )?years\\b" + IN_THE_DATA);
    private static final Pattern LATEST_RELEASE_YEAR = Pattern.compile(
            "\\b(?:in |from |during )?the (?:latest|most recent|last) release year\\b" + IN_THE_DATA);
    /** "The top film": one. */
    private static final Pattern TOP_ONE = Pattern.compile("\\btop\\s+(?:film|movie|title|release|picture|grosser|earner|seller|performer)\\b(?!')");

    private static boolean isMoneyAhead(String lower, int end) {
        return Pattern.compile("^\\s*(million|billion|m\\b|bn\\b|k\\b)").matcher(lower.substring(end)).find();
    }

    private void readOpeningWeek(Phrases text, Draft draft) {
        Matcher opening = Pattern.compile("\\b(opening|first|debut|launch)[ -](week|weekend)s?\\b|\\bopened\\b|\\bon opening\\b"
                + "|\\bopen(?:s)?\\s+(?:on|with|to|in|at)\\b|\\bdebut(?:ed|s)?\\b")
                .matcher(text.lower());
        Matcher after = Pattern.compile("\\b(after|beyond|past|excluding|outside|not counting|apart from)\\s+(?:its|the|their)\\s+"
                + "(?:opening|first|debut)[ -](?:week|weekend)s?\\b").matcher(text.lower());
        if (after.find()) {
            draft.filters.add(QueryPlan.Filter.compare("week", ">", 1));
            text.consume(after.start(), after.end());
            return;
        }
        if (opening.find()) {
            draft.filters.add(QueryPlan.Filter.in("week", List.of(1)));
            // "The biggest opening week in Japan": which film opened best, unless a film is named.
            boolean superlative = Pattern.compile("\\b(biggest|largest|best|highest|strongest|top|record)\\s+$")
                    .matcher(text.lower().substring(0, opening.start())).find();
            if (superlative && draft.filters.stream().noneMatch(filter -> Set.of("title", "title_contains").contains(filter.field()))) {
                draft.aboutFilms = true;
                draft.singular = draft.singular || !opening.group().endsWith("s");
            }
            text.consume(opening.start(), opening.end());
            return;
        }
        // "its third week of release", "week 4", "the 2nd weekend"
        Matcher nth = Pattern.compile("\\b(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|(\\d{1,2})(?:st|nd|rd|th))[ -]"
                + "(?:week|weekend)\\b(?:\\s+of\\s+(?:its\\s+)?(?:release|run))?|\\bweek\\s+(\\d{1,2})\\b").matcher(text.lower());
        if (nth.find()) {
            int week = nth.group(3) != null ? Integer.parseInt(nth.group(3)) : nth.group(2) != null ? Integer.parseInt(nth.group(2))
                    : List.of("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth").indexOf(nth.group(1)) + 2;
            draft.filters.add(QueryPlan.Filter.in("week", List.of(week)));
            text.consume(nth.start(), nth.end());
        }
    }

    // ---------------------------------------------------------------- numbers: thresholds and top N

    private static final Pattern NO_RATING = Pattern.compile(
            "\\b(?:have|has|had|with)?\\s*(?:no|without(?: an?| any)?|lacking(?: an?)?|missing(?: an?)?)\\s+"
                    + "(rotten tomatoes|imdb|critics'?|audience)\\s+(?:scores?|ratings?)\\b");

    private void readThresholds(Phrases text, Draft draft) {
        // "Films with no Rotten Tomatoes score": those the source has not rated.
        Matcher unrated = NO_RATING.matcher(text.lower());
        if (unrated.find()) {
            String source = unrated.group(1).startsWith("rotten") || unrated.group(1).startsWith("critic") ? "Rotten Tomatoes" : "IMDb";
            draft.filters.add(QueryPlan.Filter.in("no_rating_from", List.of(source)));
            text.consume(unrated.start(), unrated.end());
        }
        // "More than ten times their budget", "at least twice its production budget": a threshold on the ratio.
        Matcher multiple = BUDGET_MULTIPLE.matcher(text.lower());
        while (multiple.find()) {
            String times = multiple.group(2) == null ? "1" : multiple.group(2);
            BigDecimal value = switch (times) {
                case "twice", "double" -> BigDecimal.valueOf(2);
                case "triple", "thrice" -> BigDecimal.valueOf(3);
                default -> times.chars().allMatch(c -> Character.isDigit(c) || c == '.') ? new BigDecimal(times)
                        : BigDecimal.valueOf(NUMBER_WORDS.get(times));
            };
            draft.filters.add(QueryPlan.Filter.compare("roi", opOf(multiple.group(1).equals("more") ? "more than"
                    : multiple.group(1).equals("less") ? "less than" : multiple.group(1)), value));
            text.consume(multiple.start(), multiple.end());
            multiple = BUDGET_MULTIPLE.matcher(text.lower());
        }
        Matcher comparator = COMPARATOR.matcher(text.lower());
        while (comparator.find()) {
            String rest = text.lower().substring(comparator.end());
            Matcher amount = MONEY.matcher(rest);
            if (!amount.lookingAt() || amount.group(2) == null) {
                continue;
            }
            int end = comparator.end() + amount.end();
            if (addThreshold(text, draft, comparator.start(), end, opOf(comparator.group(1)), amount.group(2), amount.group(3),
                    amount.group(1) != null, null)) {
                comparator = COMPARATOR.matcher(text.lower());
            }
        }
        Matcher suffix = SUFFIX_COMPARATOR.matcher(text.lower());
        while (suffix.find()) {
            if (suffix.start() > 0 && Character.isLetterOrDigit(text.lower().charAt(suffix.start() - 1))) {
                continue;
            }
            String word = suffix.group(5) == null ? "more" : suffix.group(5);
            String op = Set.of("less", "lower", "below", "under", "fewer", "worse").contains(word) ? "<=" : ">=";
            if (addThreshold(text, draft, suffix.start(), suffix.end(), op, suffix.group(2), suffix.group(3), suffix.group(1) != null,
                    suffix.group(4))) {
                suffix = SUFFIX_COMPARATOR.matcher(text.lower());
            }
        }
        Matcher exact = EXACT_SCORE.matcher(text.lower());
        while (exact.find()) {
            if (addThreshold(text, draft, exact.start(), exact.end(), "=", exact.group(2), null, false, null)) {
                exact = EXACT_SCORE.matcher(text.lower());
            }
        }
    }

    /**
     * Adds the threshold written between {@code start} and {@code end} on the metric it concerns (named
     * just before it, or by the unit after it); false, and nothing used up, when no metric fits.
     */
    private boolean addThreshold(Phrases text, Draft draft, int start, int end, String op, String number, String unit,
            boolean dollarSign, String unitWord) {
        BigDecimal value = new BigDecimal(number.replace(",", ""));
        boolean money = dollarSign || unit != null;
        if (unit != null) {
            value = value.multiply(switch (unit) {
                case "million", "mn", "m" -> BigDecimal.valueOf(1_000_000);
                case "billion", "bn", "b" -> BigDecimal.valueOf(1_000_000_000);
                default -> BigDecimal.valueOf(1_000);
            });
        }
        String after = unitWord != null ? unitWord : text.lower().substring(end);
        String metric = metricBefore(text.lower().substring(Math.max(0, start - 60), start));
        // A unit after the number names the measure, and is used up with it: "at least 10,000 votes" says
        // nothing more about what to rank by.
        for (var measure : THRESHOLD_UNITS.entrySet()) {
            Matcher named = measure.getKey().matcher(after);
            if (named.find()) {
                metric = measure.getValue();
                if (unitWord == null) {
                    end += named.end();
                }
                break;
            }
        }
        if (metric == null) {
            metric = money ? "box_office" : null;
        }
        if (metric == null && Pattern.compile("\\b(rated|rating|score|scored|scoring)\\b").matcher(text.lower()).find()) {
            metric = value.compareTo(BigDecimal.TEN) <= 0 ? "imdb_rating" : "rt_rating";
        }
        if (metric == null) {
            return false;
        }
        if (metric.equals("imdb_rating") && value.compareTo(BigDecimal.TEN) > 0) {
            metric = "rt_rating";
        }
        draft.filters.add(QueryPlan.Filter.compare(metric, op, value));
        text.consume(start, end);
        consumeMetricWordBefore(text, start, metric);
        return true;
    }

    private static final Pattern BUDGET_MULTIPLE = Pattern.compile(
            "\\b(more than|over|at least|no less than|less than|under|at most|no more than|exactly|(?:more|less)(?=(?:\\s+(?:worldwide|globally|overall|in total))?\\s+than\\s+(?:what\\s+)?(?:its|their|the)\\s+(?:production\\s+)?(?:budgets?|costs?)\\b))"
                    + "(?:\\s+(?:worldwide|globally|overall|in total))?(?:\\s+than)?\\s+"
                    + "(?:(twice|double|triple|thrice|\\d+(?:\\.\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fifty)"
                    + "(?:\\s*(?:times|x))?\\s+)?(?:what\\s+)?(?:its|their|the)\\s+(?:production\\s+)?(?:budgets?|costs?|cost to make)\\b");

    /** Words after a threshold's number that say what it measures, in the order they are tried. */
    private static final Map<Pattern, String> THRESHOLD_UNITS = orderedMap(
            Pattern.compile("^\\s*(minutes|mins|min)\\b"), "running_time",
            Pattern.compile("^\\s*(admissions|tickets)\\b"), "admissions",
            Pattern.compile("^\\s*(?:imdb\\s+)?(votes)\\b"), "imdb_votes",
            Pattern.compile("^\\s*(screens)\\b"), "screens",
            Pattern.compile("^\\s*(?:production\\s+)?(budgets?)\\b"), "budget",
            Pattern.compile("^\\s*(?:on|at|from|with)?\\s*(rotten tomatoes)\\b"), "rt_rating",
            Pattern.compile("^\\s*(?:on|at|from|with)?\\s*(imdb)\\b"), "imdb_rating");

    private static Map<Pattern, String> orderedMap(Object... pairs) {
        var map = new java.util.LinkedHashMap<Pattern, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Pattern) pairs[i], (String) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** "Directors with three or more films": a condition on how many films each group has. */
    private void readFilmCounts(Phrases text, Draft draft) {
        // Read on the whole question: the noun may already be read as a genre ("more than 20 comedies").
        Matcher count = FILM_COUNT.matcher(text.original().toLowerCase(Locale.ROOT));
        if (!count.find() || text.lower().substring(count.start(), count.start() + 1).isBlank()) {
            return;
        }
        String op;
        Integer n;
        if (count.group(1) != null) {
            op = opOf(count.group(1));
            n = numberOf(count.group(2));
        } else {
            op = count.group(5) != null || !Set.of("fewer", "less").contains(count.group(4)) ? ">=" : "<=";
            n = numberOf(count.group(3));
        }
        if (n == null) {
            return;
        }
        if (n == 1 && op.equals(">=")) {
            // "Studios that distributed at least one horror film": the genre filter already says it; the words are used up.
            text.consume(count.start(), count.end() - count.group(6).length());
            return;
        }
        draft.filters.add(QueryPlan.Filter.compare("films", op, n));
        text.consume(count.start(), count.end());
    }

    /** Uses up the word that named a threshold's metric ("budget" in "a budget under $1m"). */
    private void consumeMetricWordBefore(Phrases text, int comparatorStart, String metric) {
        int windowStart = Math.max(0, comparatorStart - 60);
        String window = text.lower().substring(windowStart, comparatorStart);
        var synonyms = new ArrayList<>(model.metric(metric).synonyms());
        if (metric.endsWith("rating")) {
            synonyms.addAll(List.of("rated", "rating", "score", "scored"));
        }
        int best = -1;
        int length = 0;
        for (String synonym : synonyms) {
            int at = window.lastIndexOf(synonym);
            if (at > best && Phrases.isBoundary(window, at - 1) && Phrases.isBoundary(window, at + synonym.length())) {
                best = at;
                length = synonym.length();
            }
        }
        if (best >= 0) {
            text.consume(windowStart + best, windowStart + best + length);
        }
    }

    private static String opOf(String comparator) {
        return switch (comparator) {
            case "at least", "no less than", "no fewer than", "minimum of", "minimum", "min", "min.", ">=" -> ">=";
            case "under", "below", "less than", "lower than", "smaller than", "fewer than", "shorter than", "<" -> "<";
            case "at most", "no more than", "maximum of", "<=" -> "<=";
            case "exactly" -> "=";
            default -> ">";
        };
    }

    /** The metric named last in {@code window} (the words just before a comparison), or null. */
    private String metricBefore(String window) {
        String best = null;
        int bestAt = -1;
        for (SemanticModel.Metric metric : model.metrics()) {
            for (String synonym : metric.synonyms()) {
                if (metric.name().equals("films")) {
                    continue;
                }
                int at = window.lastIndexOf(synonym);
                if (at >= 0 && Phrases.isBoundary(window, at - 1) && Phrases.isBoundary(window, at + synonym.length()) && at > bestAt) {
                    best = metric.name();
                    bestAt = at;
                }
            }
        }
        Matcher rated = Pattern.compile("\\b(rated|rating|score|scored)\\b").matcher(window);
        while (rated.find()) {
            if (rated.start() > bestAt) {
                best = "imdb_rating";
                bestAt = rated.start();
            }
        }
        return best;
    }

    private static final Pattern ORDINAL = Pattern.compile(
            "\\b(second|third|fourth|fifth|2nd|3rd|4th|5th)[- ](?=highest|biggest|best|largest|most|top|lowest|worst|smallest|least)"
                    + "|\\b(?:ranked|ranks|rank|ranking|placed|places|came|comes|finished|finishes)\\s+(?:in\\s+)?"
                    + "(second|third|fourth|fifth|2nd|3rd|4th|5th)\\b");

    private void readTopN(Phrases text, Draft draft) {
        // "The number one release", "the #1 film": the first of a ranking.
        Matcher numberOne = NUMBER_ONE.matcher(text.lower());
        if (numberOne.find()) {
            draft.limit = 1;
            draft.singular = true;
            draft.order = draft.order == null ? "desc" : draft.order;
            text.consume(numberOne.start(), numberOne.end());
            return;
        }
        Matcher ordinal = ORDINAL.matcher(text.lower());
        if (ordinal.find()) {
            draft.offset = switch (ordinal.group(1) != null ? ordinal.group(1) : ordinal.group(2)) {
                case "second", "2nd" -> 1;
                case "third", "3rd" -> 2;
                case "fourth", "4th" -> 3;
                default -> 4;
            };
            draft.limit = 1;
            draft.singular = true;
            text.consume(ordinal.start(), ordinal.end());
            return;
        }
        Matcher top = TOP_N.matcher(text.lower());
        if (top.find()) {
            draft.limit = numberOf(top.group(2));
            if (Set.of("bottom", "worst").contains(top.group(1))) {
                draft.order = "asc";
            }
            // Only the number (and "bottom", which says the order) is used up: "top 3 genres" still names what to rank.
            text.consume(top.group(1).equals("bottom") ? top.start(1) : top.start(2), top.end(2));
            return;
        }
        // Read on the whole question: the noun may already be read as a genre ("three dramas").
        Matcher things = N_THINGS.matcher(text.original().toLowerCase(Locale.ROOT));
        while (things.find()) {
            if (text.lower().charAt(things.start(1)) == ' ') {
                continue; // that number was read as something else, such as a year
            }
            Integer n = numberOf(things.group(1));
            String between = text.original().substring(things.end(1), things.start(2));
            if (between.chars().anyMatch(Character::isUpperCase)
                    && draft.filters.stream().anyMatch(filter -> filter.field().equals("title_contains"))) {
                // "The four Shrek films": how many the named series has, not how many to list.
                text.consume(things.start(1), things.end(1));
                break;
            }
            if (n != null && n <= 100) {
                draft.limit = n;
                text.consume(things.start(1), things.end(1));
            }
            break;
        }
        // "Which 5 have the highest ...": a number standing for the things asked about.
        Matcher whichN = Pattern.compile("\\b(?:which|what|the)\\s+" + NUMBER + "\\s+(?:that\\s+|which\\s+)?(?:with|have|has|had|are|were|did|do|made|make|earned|grossed|sold|got|gave|give|delivered|returned|"
                + "took|drew|scored|rank|ranked)\\b").matcher(text.lower());
        if (draft.limit == null && whichN.find()) {
            draft.limit = numberOf(whichN.group(1));
            text.consume(whichN.start(1), whichN.end(1));
        }
        // "The top film" is one; "the top films" (no number) ten.
        if (draft.limit == null && TOP_ONE.matcher(text.lower()).find()) {
            draft.limit = 1;
        }
        if (draft.limit == null && Pattern.compile("\\btop\\b").matcher(text.lower()).find()) {
            draft.limit = 10;
        }
    }

    private static Integer numberOf(String word) {
        if (word.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(word);
        }
        return NUMBER_WORDS.get(word);
    }

    // ---------------------------------------------------------------- metric, breakdown, order

    private static final List<String> METRIC_PRIORITY = List.of(
            "roi", "ticket_price", "imdb_votes", "imdb_rating", "rt_rating", "running_time", "admissions", "screens", "budget", "box_office");

    private void readMetric(Phrases text, Draft draft) {
        readPrimaryMetric(text, draft);
        if (draft.metric != null && !draft.metric.equals("films") && !draft.metric.startsWith("count:")) {
            readMoreMeasures(text, draft);
        }
    }

    /**
     * Measures named beside the first ("gross, admissions and screens", "their budget and worldwide
     * gross"): each is a column of its own, so none is silently left out. The one a ranking is "by"
     * leads; otherwise the one named first.
     */
    private void readMoreMeasures(Phrases text, Draft draft) {
        var named = new java.util.TreeMap<Integer, String>();
        boolean defined = DEFINITION.matcher(text.original().toLowerCase(Locale.ROOT)).find();
        for (String name : metricsInOrder()) {
            // A ratio's own parts, when the question defines it by them ("ticket price, i.e. box office divided by admissions"),
            // are no columns of their own.
            // Named a second time, outside the definition ("the total gross, ... the ticket price (gross divided by admissions)"), it is one.
            if (name.equals(draft.metric) || defined && partOf(name, draft.metric) && mentions(text.original(), name) < 2) {
                continue;
            }
            for (String synonym : model.metric(name).synonyms()) {
                int at = text.find(synonym, 0, true);
                if (at >= 0 && !named.containsValue(name)) {
                    named.put(at, name);
                    text.consume(at, at + synonym.length());
                }
            }
        }
        if (named.isEmpty()) {
            return;
        }
        var measures = new ArrayList<>(named.values());
        // The primary's own place: where its words were, if the question named it among the others.
        int primaryAt = firstMention(text.original(), draft.metric);
        if (primaryAt >= 0) {
            named.put(primaryAt, draft.metric);
        }
        String lower = text.original().toLowerCase(Locale.ROOT);
        String leading = named.entrySet().stream()
                .filter(entry -> RANKED_BY_BEFORE
                        .matcher(lower.substring(Math.max(0, entry.getKey() - 30), entry.getKey())).find())
                .map(java.util.Map.Entry::getValue).findFirst().orElse(primaryAt >= 0 ? named.firstEntry().getValue() : draft.metric);
        var all = new ArrayList<>(named.values());
        if (!all.contains(draft.metric)) {
            all.add(0, draft.metric);
        }
        all.remove(leading);
        draft.metric = leading;
        draft.alsoMeasures = all;
    }

    /**
     * The metrics in the order their words are looked for: those the model adds beyond the planner's
     * known list first (their synonyms are the most specific, "per-screen average" before "screens"),
     * then the known ones, most specific first.
     */
    private List<String> metricsInOrder() {
        var names = new ArrayList<String>();
        model.metrics().stream().map(SemanticModel.Metric::name).filter(name -> !METRIC_PRIORITY.contains(name) && !name.equals("films"))
                .forEach(names::add);
        names.addAll(METRIC_PRIORITY);
        return names;
    }

    /** A measure explained in the question's own words: "ticket price, i.e. box office divided by admissions". */
    private static final Pattern DEFINITION = Pattern.compile("\\b(i\\.e\\.?|ie|that is|defined as|calculated as|computed as|divided by|meaning"
            + "|as an? (?:multiple|ratio|fraction) of|relative to)(?=\\W)");

    /** Whether the measure {@code part} is what the ratio {@code whole} divides: its column is in the ratio's expression. */
    /** How many times the question names a measure by any of its words. */
    private int mentions(String question, String metric) {
        String lower = question.toLowerCase(Locale.ROOT);
        var synonyms = model.metric(metric).synonyms().stream().sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).collect(java.util.stream.Collectors.joining("|"));
        return (int) Pattern.compile("\\b(?:" + synonyms + ")\\b").matcher(lower).results().count();
    }

    private boolean partOf(String part, String whole) {
        var column = model.metric(part).column();
        return column != null && model.metric(whole).column() == null && model.metric(whole).expression().contains(column);
    }

    /** Where a metric's words first stand in the question, or -1. */
    private int firstMention(String question, String metric) {
        int first = -1;
        for (String synonym : model.metric(metric).synonyms()) {
            Matcher at = Pattern.compile("\\b" + Pattern.quote(synonym) + "\\b", Pattern.CASE_INSENSITIVE).matcher(question);
            if (at.find() && (first < 0 || at.start() < first)) {
                first = at.start();
            }
        }
        return first;
    }

    private void readPrimaryMetric(Phrases text, Draft draft) {
        String lower = text.lower();
        // "The highest number of screens Shrek 2 played on": the busiest week of one film, not the sum of its weeks.
        Matcher peak = Pattern.compile("\\b(highest|maximum|max|peak|most|widest|largest|biggest)\\s+(?:number of\\s+|count of\\s+)?(screens|admissions)\\b")
                .matcher(lower);
        if (peak.find() && draft.filters.stream().anyMatch(filter -> filter.field().equals("title"))) {
            draft.metric = peak.group(2);
            draft.aggregate = "max";
            text.consume(peak.start(), peak.end());
            lower = text.lower();
        }
        // "The biggest single-week gross in Mexico": the best week of a film's run, not the sum of its weeks.
        Matcher singleWeek = Pattern.compile("\\b(?:single[- ]week|one[- ]week|single week's|week's)\\b").matcher(lower);
        if (singleWeek.find() && Pattern.compile("\\b(biggest|highest|largest|best|top|record|most)\\b").matcher(lower).find()) {
            draft.aggregate = "max";
            text.consume(singleWeek.start(), singleWeek.end());
            lower = text.lower();
        }
        // Superlatives that name their measure: "the longest comedy", "the cheapest horror flick".
        Matcher superlative = Pattern.compile("\\b(longest|shortest|cheapest|least expensive|most expensive|priciest|costliest|"
                + "lowest[- ]budget|highest[- ]budget|biggest[- ]budget)\\b(?![- ](?:running|run)\\b)").matcher(lower);
        if (draft.metric == null && superlative.find()) {
            String word = superlative.group(1).replace('-', ' ');
            draft.metric = word.equals("longest") || word.equals("shortest") ? "running_time" : "budget";
            draft.order = Set.of("shortest", "cheapest", "least expensive", "lowest budget").contains(word) ? "asc" : "desc";
            text.consume(superlative.start(), superlative.end());
            lower = text.lower();
        }
        // "Lionsgate release count per year": the films counted.
        Matcher countOf = COUNT_OF_FILMS.matcher(lower);
        if (draft.metric == null && countOf.find()) {
            draft.metric = "films";
            text.consume(countOf.start(), countOf.end());
            lower = text.lower();
        }
        // (What lies between may be read already, leaving a list's commas: "how many G, PG and R rated films".)
        Matcher howMany = Pattern.compile("\\b(how many|number of|count of|count the|total number of)[\\s,]+(?:(?:and|or)[\\s,]+)*"
                + "(?:different\\s+|distinct\\s+|unique\\s+)?([a-z-]+(?:\\s[a-z-]+)?)")
                .matcher(lower);
        if (howMany.find()) {
            String measured = metricNamed(howMany.group(2));
            String counted = dimensionNamed(howMany.group(2));
            // "How many admissions" adds up a measure; "how many films" and "how many directors" count things.
            draft.metric = measured != null ? measured : counted == null || counted.equals("film") ? "films" : "count:" + counted;
            // "Distributors by number of releases": what they are ranked by, so its noun is no breakdown by film.
            Matcher rankedBy = Pattern.compile("\\b(?:by|on)\\s+(?:the\\s+)?$").matcher(lower.substring(0, howMany.start()));
            if (rankedBy.find() && measured == null) {
                text.consume(rankedBy.start(), howMany.end(2));
            } else {
                text.consume(howMany.start(), howMany.end(1));
            }
        }
        Matcher mostFilms = Pattern.compile("\\b(most|fewest|least|more|fewer|highest number of|largest number of)\\s+(films|movies|titles|releases)\\b")
                .matcher(text.lower());
        // "The most films" counts them; "the most from 2005 releases" (the year read in between) does not.
        if (draft.metric == null && mostFilms.find() && !Pattern.compile("\\b(from|in|of|for|at|with|by|during|since|among)\\b")
                .matcher(text.original().substring(mostFilms.end(1), mostFilms.start(2)).toLowerCase(Locale.ROOT)).find()) {
            draft.metric = "films";
            draft.order = mostFilms.group(1).equals("fewest") || mostFilms.group(1).equals("least") ? "asc" : "desc";
            text.consume(mostFilms.start(), mostFilms.end());
        }
        // "Average" inside a measure's own name ("per-screen average") asks for that measure, not for an average of it.
        String forAverage = text.lower();
        for (String synonym : averageInName) {
            forAverage = forAverage.replace(synonym, " ");
        }
        if (Pattern.compile("\\b(average|avg|mean|typical)\\b").matcher(forAverage).find()) {
            draft.aggregate = "avg";
        } else if ("max".equals(draft.aggregate)) {
            // read above
        } else if (Pattern.compile("\\b(peak|maximum|max|highest single|widest)\\b").matcher(text.lower()).find()
                && !Pattern.compile("\\b(which|what|who)\\b.*\\b(highest|maximum)\\b").matcher(text.lower()).find()) {
            draft.aggregate = "max";
        }
        if (draft.metric != null && !draft.metric.equals("films")) {
            return;
        }
        for (String name : metricsInOrder()) {
            SemanticModel.Metric metric = model.metric(name);
            for (String synonym : metric.synonyms()) {
                int at = text.find(synonym, 0, true);
                if (at >= 0) {
                    if (draft.metric == null || "films".equals(draft.metric) && !name.equals("box_office")) {
                        draft.metric = draft.metric == null ? name : draft.metric;
                    }
                    if (draft.metric.equals("films") && draft.aggregate != null) {
                        draft.metric = name;
                    }
                    text.consume(at, at + synonym.length());
                    return;
                }
            }
        }
        if (draft.metric == null && Pattern.compile("\\b(best[- ]rated|highest[- ]rated|top[- ]rated|worst[- ]rated|lowest[- ]rated|rated|(?<!mpaa )(?<!age )ratings?|score)\\b")
                .matcher(text.lower()).find()) {
            draft.metric = "imdb_rating";
        }
    }

    /** A year that picks one of the films sharing a title: "King Kong, the 2005 one", "the 1976 version". */
    private static final Pattern REMAKE_YEAR = Pattern.compile(
            "\\b(?:the\\s+)?((?:19|20)\\d{2})\\s+(?:one|version|remake|original|film|movie)\\b(?!\\s+(?:films|movies|releases))"
                    + "|\\bthe\\s+(?:one|version|remake|film|movie)\\s+(?:from|of|released in|made in)\\s+((?:19|20)\\d{2})\\b");

    private void readRemakeYear(Phrases text, Draft draft) {
        boolean titled = draft.filters.stream().anyMatch(filter -> filter.field().equals("title"));
        Matcher remake = REMAKE_YEAR.matcher(text.lower());
        if (titled && remake.find()) {
            int year = Integer.parseInt(remake.group(1) != null ? remake.group(1) : remake.group(2));
            draft.filters.add(QueryPlan.Filter.in("year", List.of(year)));
            text.consume(remake.start(), remake.end());
        }
    }

    private static final Pattern BOTH = Pattern.compile("\\b(?:both|each of them|one row each|all of them)\\b");

    /** Words that set named values side by side: "Australia compared with Japan", "horror vs thriller". */
    private static final Pattern COMPARISON = Pattern.compile(
            "\\b(?:vs\\.?|versus|compared (?:with|to)|compare[sd]?|comparing|comparison|as opposed to)(?=\\W|$)");

    private void readComparison(Phrases text, Draft draft) {
        if (COMPARISON.matcher(text.lower()).find()) {
            draft.compares = true;
        }
    }

    /**
     * "Leave out films with no genre" beside a breakdown by genre: the breakdown has no row for a
     * missing value anyway, so the words are read; about anything else they stay unread.
     */
    private static final Pattern WITHOUT_VALUE = Pattern.compile(
            "\\b(?:leave out|leaving out|excluding|exclude|ignore|ignoring|skip|skipping|drop|dropping|not counting|without)\\s+(?:the\\s+|any\\s+)?"
                    + "(?:films?|movies?|titles?|ones?)\\s+(?:with\\s+(?:no|a missing|an? unknown|a blank)|without\\s+(?:an?|any)?|that (?:have|has) no|lacking(?:\\s+an?)?)\\s+"
                    + "([a-z -]+?)(?=\\s*[),.;?!]|\\s*$)");

    private void readWithoutValues(Phrases text, Draft draft) {
        Matcher without = WITHOUT_VALUE.matcher(text.lower());
        while (without.find()) {
            String dimension = dimensionNamed(without.group(1).strip());
            if (dimension != null && draft.groupBy != null && draft.groupBy.contains(dimension)) {
                text.consume(without.start(), without.end());
            }
        }
    }

    private static final Pattern BREAKDOWN = Pattern.compile(
            "\\b(by|per|for each|in each|for every|in every|across|each|every|broken down by|split by|grouped by|breakdown by|"
                    + "break down by)\\s+(?:of\\s+)?(?:the\\s+|their\\s+|its\\s+|our\\s+|my\\s+|these\\s+|those\\s+)?(?:(?:two|three|four|five|six|seven|eight|nine|ten|twelve|thirteen|\\d+)\\s+)?"
                    + "([a-z&-]+(?:\\s[a-z&-]+)?)");
    private static final Pattern SUBJECT = Pattern.compile(
            "\\b(which|what|top|list|name|show me|show|rank|the|among|best|worst|biggest|highest-grossing|top-grossing|lowest-grossing|"
                    + "highest grossing|top grossing|lowest grossing|best selling|best-selling|most watched|most-watched|"
                    + "highest|lowest|largest|smallest|"
                    + "most successful|least successful|successful|popular|most popular|leading|\\d+)\\s+(?:the\\s+|all\\s+|of\\s+the\\s+)?"
                    + "([a-z&-]+(?:\\s[a-z&-]+)?)");

    private void readBreakdown(Phrases text, Draft draft) {
        // "The month of the year": the month, whatever the year.
        Matcher monthOfYear = Pattern.compile("\\bmonths?\\s+(of\\s+the\\s+year|of\\s+(?:the\\s+)?release)\\b").matcher(text.lower());
        if (monthOfYear.find()) {
            text.consume(monthOfYear.start(1), monthOfYear.end(1));
        }
        // "How about directors instead of distributors?": the new breakdown replaces the one named after "instead of".
        Matcher instead = Pattern.compile("\\b(?:what|how) about\\s+(?:the\\s+)?([a-z-]+)\\s+instead(?:\\s+of\\s+(?:the\\s+)?([a-z-]+))?")
                .matcher(text.lower());
        if (instead.find()) {
            String dimension = dimensionNamed(instead.group(1));
            if (dimension != null && !dimension.equals("film")) {
                draft.groupBy = new ArrayList<>(List.of(dimension));
                text.consume(instead.start(), instead.end());
            }
        }
        // "... IMDb rating and Rotten Tomatoes score for each": each of the films named.
        Matcher eachAtEnd = EACH_AT_END
                .matcher(text.lower());
        if (eachAtEnd.find() && !draft.compares
                && !COMPARES_OR_COUNTS.matcher(text.original().toLowerCase(Locale.ROOT)).find()) {
            draft.addGroupBy("film");
            draft.eachFilm = true;
            text.consume(eachAtEnd.start(), eachAtEnd.end());
        }
        // "Week by week" and "year by year" first: their "by week" is not a breakdown of its own beside another "week".
        Matcher byItself = Pattern.compile("\\b(week|year)[ -]by[ -](week|year)\\b").matcher(text.lower());
        while (byItself.find()) {
            if (byItself.group(1).equals(byItself.group(2))) {
                draft.addGroupBy(byItself.group(1));
                text.consume(byItself.start(), byItself.end());
            }
        }
        String lower = text.lower();
        Matcher breakdown = BREAKDOWN.matcher(lower);
        while (breakdown.find()) {
            String dimension = dimensionNamed(breakdown.group(2));
            if (dimension == null) {
                dimension = dimensionOfListedValues(breakdown.group(2), draft);
            }
            if ("film".equals(dimension) && Set.of("per", "each", "every").contains(breakdown.group(1)) && "avg".equals(draft.aggregate)) {
                // "The average box office per film": each film's total, then their average; not a row per film.
                text.consume(breakdown.start(), breakdown.end());
            } else if (dimension != null && dimension.equals("film") && Set.of("each", "every").contains(breakdown.group(1))
                    && hasSeveralValues(draft)) {
                // "How many films did A, B and C each release": each of the named values, not each film.
                draft.compares = true;
                text.consume(breakdown.start(1), breakdown.end(1));
            } else if (dimension != null && !namesOneOfItsValues(text, draft, dimension, breakdown.end(1), breakdown.start(2))
                    && !measureNamedBetween(text.original(), breakdown.end(1), breakdown.start(2))) {
                draft.addGroupBy(dimension.equals("film") ? "film" : dimension);
                boolean each = breakdown.group(1).matches(".*\\b(each|every|per)\\b.*");
                draft.eachGroup |= !dimension.equals("film") && each;
                draft.eachFilm |= dimension.equals("film") && each;
                text.consume(breakdown.start(), breakdown.end());
            }
        }
        lower = text.lower();
        if (Pattern.compile("\\b(trend|over time|evolution|history)\\b").matcher(lower).find()) {
            draft.addGroupBy(Pattern.compile("\\bweekly|week\\b").matcher(lower).find() ? "calendar_week" : "year");
        } else if (weekly(lower).find()) {
            Matcher weekly = weekly(lower);
            while (weekly.find()) {
                text.consume(weekly.start(), weekly.end());
            }
            draft.addGroupBy("week");
        } else if (Pattern.compile("\\b(yearly|annual|annually|year by year|year-by-year)\\b").matcher(lower).find()) {
            draft.addGroupBy("year");
        }
        lower = text.lower();
        // A question that starts with a plural noun asks for those things: "Directors with 10 or more films", "Dramas from 1999".
        Matcher opening = Pattern.compile("^\\s*([a-z-]+)\\b").matcher(text.original().toLowerCase(Locale.ROOT));
        if (opening.find() && isPlural(opening.group(1))) {
            String dimension = dimensionNamed(opening.group(1));
            if ("film".equals(dimension)) {
                draft.aboutFilms = true;
            } else if (dimension != null) {
                draft.addGroupBy(dimension);
            }
        }
        Matcher subject = SUBJECT.matcher(lower);
        while (subject.find()) {
            String dimension = dimensionNamed(subject.group(2));
            if (dimension == null || namesOneOfItsValues(text, draft, dimension, subject.end(1), subject.start(2))
                    || valueFollows(text, draft, dimension, subject.start(2) + wordNaming(subject.group(2)).length())) {
                continue;
            }
            String word = wordNaming(subject.group(2));
            if (word.equals("one") && draft.groupBy != null && !draft.groupBy.isEmpty()) {
                // "Of the distributors ..., which one": one of those, not a film.
                draft.singular = true;
                continue;
            }
            if (dimension.equals("film")) {
                draft.aboutFilms = true;
            } else {
                draft.addGroupBy(dimension);
            }
            if (Set.of("which", "what", "the").contains(subject.group(1)) || subject.group(1).startsWith("highest")
                    || subject.group(1).startsWith("most")) {
                draft.singular = draft.singular || !isPlural(word);
            }
        }
        // "Which of them made the most", "among the genres, which earned the most": one answer. (The verb may be read already.)
        if (Pattern.compile("\\bwhich (one|of them|of these|of those)\\b|\\bwhich of\\b.*\\b(has|had|is|was|did|does|made|makes)\\b")
                .matcher(lower).find()
                || Pattern.compile("\\bwhich\\s+(has|had|is|was|did|does|made|makes|earned|earns|grossed|grosses|took|takes|sold|sells|got|"
                        + "gets|performed|performs|drew|draws|brought|brings)\\b").matcher(text.original().toLowerCase(Locale.ROOT)).find()) {
            draft.singular = true;
        }
        // "Among directors with five or more films, whose films score best?": one of those named.
        if (Pattern.compile("\\bwhose\\b").matcher(lower).find() && draft.groupBy != null && !draft.groupBy.isEmpty()) {
            draft.singular = true;
        }
        Matcher whichOne = Pattern.compile("\\bwhich (one|film|movie|title|picture)\\b|\\bwho\\b").matcher(lower);
        if (whichOne.find()) {
            draft.singular = true;
            boolean who = Pattern.compile("\\bwho\\b").matcher(lower).find();
            boolean groupNamed = draft.groupBy != null && !draft.groupBy.isEmpty();
            if (who && !groupNamed) {
                draft.addGroupBy("director");
            } else if (!groupNamed || !(who || "one".equals(whichOne.group(1)))) {
                // "Of the distributors ..., which one": one of those named, not a film.
                draft.aboutFilms = true;
            }
        }
        // "The highest IMDb-rated 2007 release": one film, ranked by its rating.
        Matcher rated = Pattern.compile("\\b(highest|best|top|lowest|worst)[- ](?:(?:imdb|rt|rotten tomatoes|critically)[- ])?rated\\s+"
                + "(?:(?:19|20)\\d{2}\\s+)?(film|movie|release|picture|flick|title)(s)?\\b").matcher(text.original().toLowerCase(Locale.ROOT));
        if (rated.find()) {
            draft.aboutFilms = true;
            draft.singular = draft.singular || rated.group(3) == null;
        }
        // "Scorsese films by worldwide gross": the films, ranked by the measure named after "by".
        if (draft.groupBy == null && Pattern.compile("\\b(films|movies|flicks|pictures|titles|releases)\\s+(?:ranked\\s+|sorted\\s+|ordered\\s+)?by\\s+")
                .matcher(text.original().toLowerCase(Locale.ROOT)).find()) {
            draft.aboutFilms = true;
            draft.order = draft.order == null ? "desc" : draft.order;
        }
        // "Warner Bros flicks that took over 500m": the films themselves (not when their average or number is asked).
        if (draft.aggregate == null && !"films".equals(draft.metric) && Pattern.compile("\\b(films|movies|flicks|pictures|titles)\\s+(that|which|with|grossing|earning|making|taking)\\b")
                .matcher(text.original().toLowerCase(Locale.ROOT)).find()) {
            draft.aboutFilms = true;
        }
        // "Top 3 genres by gross, 2005 releases": the films after a year only say which films count.
        if (draft.aboutFilms && draft.groupBy != null && draft.groupBy.stream().anyMatch(dimension -> !dimension.equals("film"))) {
            String question = text.original().toLowerCase(Locale.ROOT);
            var nouns = Pattern.compile("\\b(films|movies|flicks|pictures|titles|releases)\\b").matcher(question);
            boolean onlyAfterYears = true;
            int count = 0;
            while (nouns.find()) {
                count++;
                onlyAfterYears &= Pattern.compile("(?:(?:19|20)\\d{2}|\\d0'?s)\\s+$").matcher(question.substring(0, nouns.start())).find();
            }
            if (count > 0 && onlyAfterYears) {
                draft.aboutFilms = false;
            }
        }
        // "Tarantino rotten tomatoes scores": each of the films named, with its measure.
        boolean namedFilms = draft.filters.stream().anyMatch(filter -> Set.of("director", "title_contains", "distributor").contains(filter.field()));
        if (namedFilms && draft.groupBy == null && draft.aggregate == null
                && Pattern.compile("\\b(scores|ratings|budgets|running times|runtimes|grosses)\\b").matcher(text.original().toLowerCase(Locale.ROOT)).find()) {
            draft.aboutFilms = true;
        }
        // Films named by a plural genre noun count as films here: "List the Westerns ... with their budgets".
        boolean filmsNamed = Pattern.compile("\\b(films|movies|titles|filmography)\\b").matcher(lower).find()
                || draft.filmNoun != null && isPlural(draft.filmNoun);
        if (filmsNamed && Pattern.compile("\\b(with their|and their|along with)\\b").matcher(lower).find()
                || Pattern.compile("^\\s*(films|movies|titles)\\b").matcher(text.original().toLowerCase(Locale.ROOT)).find()
                || Pattern.compile("^\\s*(list|show|name)\\b").matcher(lower).find() && filmsNamed) {
            draft.aboutFilms = true;
        }
        if (Pattern.compile("\\b(compare|comparison|versus|vs\\.?|against|than|or)\\b").matcher(lower).find()) {
            draft.compares = true;
        }
        // "New Line's total takings from the films it released": one sum over those films, not a row each.
        String whole = text.original().toLowerCase(Locale.ROOT);
        draft.total = Pattern.compile("\\b(total|combined|overall|altogether|in all|sum of|aggregate|together)\\b").matcher(whole).find()
                && !Pattern.compile("\\b((each|every|per) (film|movie|title|picture|one)|each of (them|these|those)|with their|and their|list|by film)\\b")
                        .matcher(whole).find();
        // "What share of X came from Y": Y is the part; a region there, or something else named there.
        Matcher from = Pattern.compile("\\b(?:came|come|comes|coming|was|were|earned|made|taken) (?:from|in)\\b|\\baccounted for by\\b"
                + "|\\bcontributed by\\b|\\b(?:went|goes|go|going) to\\b|\\bwas taken by\\b").matcher(whole);
        if (from.find()) {
            String tail = whole.substring(from.end());
            // "What share of Avatar's US box office came in its opening week": the part is a week of the run.
            draft.sharePartIsWeek = Pattern.compile("^\\s*(?:its|their|the)?\\s*(?:opening|first|\\w+(?:st|nd|rd|th)|\\d+)\\s+weeks?\\b")
                    .matcher(tail).find();
            String originalTail = text.original().substring(from.end());
            draft.sharePartIsRegion = vocabulary.valuePhrases.getOrDefault("territory", Map.of()).keySet().stream()
                    .anyMatch(phrase -> Pattern.compile("\\b" + Pattern.quote(phrase) + "\\b").matcher(tail).find())
                    || vocabulary.regionPhrases.keySet().stream()
                    .anyMatch(phrase -> Pattern.compile("\\b" + Pattern.quote(phrase.toLowerCase(Locale.ROOT)) + "\\b").matcher(tail).find())
                    || vocabulary.regionNames.keySet().stream()
                            .anyMatch(code -> Pattern.compile("\\b" + Pattern.quote(code) + "\\b").matcher(originalTail).find());
            draft.sharePartNamed = true;
        }
        if (Pattern.compile("\\b(share|percentage|percent|proportion|fraction)\\b|%").matcher(text.original().toLowerCase(Locale.ROOT)).find()) {
            draft.aggregate = "share";
            // "Horror share of UK box office": the value named before "share" is the part.
            Matcher before = Pattern.compile("([\\p{L}0-9-]+)\\s+share\\b").matcher(whole);
            if (before.find() && text.remaining().substring(before.start(1), before.end(1)).isBlank()
                    && vocabulary.regionPhrases.keySet().stream().noneMatch(phrase -> phrase.equalsIgnoreCase(before.group(1)))) {
                draft.sharePartNamed = true;
            }
            // "What % of 2008 releases are rated PG-13": a share of the films counted, not of their box office.
            if (draft.metric == null && Pattern.compile("(?:%|\\bpercent|\\bpercentage|\\bproportion|\\bshare|\\bfraction)\\s+of\\s+"
                    + "(?:the\\s+|all\\s+)?(?:[\\w-]+\\s+){0,2}?(films|movies|releases|titles|pictures|flicks)\\b").matcher(whole).find()) {
                draft.metric = "films";
            }
        }
    }

    /**
     * Whether a value of the dimension, already read, stands right before its noun: "across the APAC
     * territory" names one territory, it does not ask for each. ("Which 1994 films" still asks for films.)
     */
    private static boolean namesOneOfItsValues(Phrases text, Draft draft, String dimension, int from, int to) {
        Set<String> related = Set.of("region", "territory").contains(dimension) ? Set.of("region", "territory") : Set.of(dimension);
        if (dimension.equals("film") || draft.filters.stream().noneMatch(filter -> related.contains(filter.field()))) {
            return false;
        }
        // "Each EMEA country": a territory group names where, and its countries are what is broken down.
        String noun = text.original().substring(to).toLowerCase(Locale.ROOT);
        if (dimension.equals("region") && noun.matches("^(countries|country|markets|market)\\b.*")
                && draft.filters.stream().filter(filter -> related.contains(filter.field())).allMatch(filter -> filter.field().equals("territory"))) {
            return false;
        }
        String original = text.original();
        String remaining = text.remaining();
        for (int at = from; at < to; at++) {
            if (Character.isLetter(original.charAt(at)) && remaining.charAt(at) == ' ') {
                return true;
            }
        }
        return false;
    }

    /** "Top 3 genres by gross 2005 releases": "by" names the measure there, and the films after it are no breakdown. */
    private boolean measureNamedBetween(String original, int from, int to) {
        return measureSynonym.matcher(original.substring(from, to).toLowerCase(Locale.ROOT)).find();
    }

    /** "The studio Fox Searchlight": the noun is followed by one of its values, already read. */
    private static boolean valueFollows(Phrases text, Draft draft, String dimension, int from) {
        Set<String> related = Set.of("region", "territory").contains(dimension) ? Set.of("region", "territory") : Set.of(dimension);
        if (dimension.equals("film") || draft.filters.stream().noneMatch(filter -> related.contains(filter.field()))) {
            return false;
        }
        String original = text.original();
        int at = from;
        while (at < original.length() && original.charAt(at) == ' ') {
            at++;
        }
        return at > from && at < original.length() && Character.isLetter(original.charAt(at)) && text.remaining().charAt(at) == ' ';
    }

    private static boolean hasSeveralValues(Draft draft) {
        return draft.filters.stream().anyMatch(filter -> "in".equals(filter.op()) && filter.values().size() > 1);
    }

    /** Two lists of one dimension's values ("Warner Bros., Universal and Paramount") are one list: either may hold. */
    private static void mergeValueLists(Draft draft) {
        var merged = new java.util.LinkedHashMap<String, QueryPlan.Filter>();
        var others = new ArrayList<QueryPlan.Filter>();
        for (QueryPlan.Filter filter : draft.filters) {
            if (!"in".equals(filter.op())) {
                others.add(filter);
                continue;
            }
            merged.merge(filter.field(), filter, (first, second) -> {
                var values = new ArrayList<Object>(first.values());
                second.values().stream().filter(value -> !values.contains(value)).forEach(values::add);
                return QueryPlan.Filter.in(first.field(), values);
            });
        }
        draft.filters.clear();
        draft.filters.addAll(merged.values());
        draft.filters.addAll(others);
    }

    private static Matcher weekly(String lower) {
        return Pattern.compile("\\b(weekly|week by week|week-by-week|weeks of|each week|per week|"
                + "(?:its|the|their|theatrical|cinema|whole|entire|full) run)\\b").matcher(lower);
    }

    private static boolean isPlural(String word) {
        String last = word.contains(" ") ? word.substring(word.lastIndexOf(' ') + 1) : word;
        return last.endsWith("s") && !last.endsWith("ss") && !last.equals("box");
    }

    /** The additive measure a word (or two) after "how many" names, such as "admissions"; null if none. */
    private String metricNamed(String words) {
        for (String name : List.of("admissions", "screens", "imdb_votes")) {
            for (String synonym : model.metric(name).synonyms()) {
                if (words.equals(synonym) || words.startsWith(synonym + " ")) {
                    return name;
                }
            }
        }
        return null;
    }

    /** The word of {@code words} that names a dimension: both words if together they do, else the first. */
    private String wordNaming(String words) {
        if (!words.contains(" ")) {
            return words;
        }
        boolean whole = model.dimensions().stream().anyMatch(dimension -> dimension.synonyms().contains(words));
        return whole ? words : words.substring(0, words.indexOf(' '));
    }

    /** The dimension a word (or two) names, such as "genres" or "mpaa rating"; null if none. */
    /**
     * "Count for each rating" after "G, PG, PG-13 and R": a word that names no dimension by itself but is
     * in the label of the one whose several values the question lists.
     */
    private String dimensionOfListedValues(String words, Draft draft) {
        String word = words.contains(" ") ? words.substring(0, words.indexOf(' ')) : words;
        String singular = word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
        return draft.filters.stream().filter(filter -> "in".equals(filter.op()) && filter.values().size() >= 2)
                .map(QueryPlan.Filter::field)
                .filter(field -> model.dimensions().stream().anyMatch(dimension -> dimension.name().equals(field)
                        && labelWords(dimension.label()).contains(singular)))
                .findFirst().orElse(null);
    }

    private String dimensionNamed(String words) {
        String first = words.contains(" ") ? words.substring(0, words.indexOf(' ')) : words;
        for (String candidate : List.of(words, first)) {
            for (SemanticModel.Dimension dimension : model.dimensions()) {
                if (dimension.synonyms().contains(candidate)) {
                    return dimension.name();
                }
            }
            if (Set.of("comedy", "comedies", "drama", "dramas", "thriller", "thrillers", "western", "westerns", "musical", "musicals",
                    "documentary", "documentaries", "one", "blockbuster", "blockbusters", "hit", "hits", "flop", "flops",
                    "horror", "remake", "remakes", "sequel", "sequels", "adventure", "action", "adaptation", "adaptations")
                    .contains(candidate)) {
                return "film";
            }
        }
        return null;
    }

    /** Films listed by when they came out: "in release order", "oldest first", "chronologically", "newest to oldest". */
    private static final Pattern RELEASE_ORDER = Pattern.compile(
            "\\b(?:in\\s+)?(?:(?:the\\s+)?order\\s+(?:of\\s+)?(?:their\\s+|its\\s+)?release|(?:their\\s+)?release\\s+order|chronological(?:ly|\\s+order)?"
                    + "|(?:order(?:ed)?|sort(?:ed)?|list(?:ed)?|arranged)\\s+by\\s+(?:their\\s+|the\\s+)?release(?:\\s+dates?|\\s+years?)?"
                    + "|(?:oldest|earliest)\\s+(?:first|to\\s+(?:the\\s+)?(?:newest|latest|most recent))"
                    + "|(?:newest|latest|most recent)\\s+(?:first|to\\s+(?:the\\s+)?(?:oldest|earliest)))\\b");
    /** A film's year asked beside it: "with the year each came out", "and their release years". */
    private static final Pattern WITH_YEAR = Pattern.compile(
            "\\b(?:with|and|plus|including)\\s+(?:the\\s+|their\\s+|its\\s+)?(?:release\\s+)?years?"
                    + "(?:\\s+(?:each|it|they)(?:\\s+(?:one|film|movie))?\\s+(?:came out|come out|was released|were released|opened))?\\b"
                    + "|\\b(?:with|and)\\s+when\\s+(?:each|it|they)(?:\\s+(?:one|film|movie))?\\s+(?:came out|was released|were released)\\b");

    /** An order of release for a list of films, and the year shown beside each film when asked. */
    private void readReleaseOrder(Phrases text, Draft draft) {
        Matcher order = RELEASE_ORDER.matcher(text.lower());
        if (order.find()) {
            draft.order = order.group().matches("(?:newest|latest|most recent).*") ? QueryPlan.RELEASED_NEWEST_FIRST : QueryPlan.RELEASED_OLDEST_FIRST;
            draft.addGroupBy("film");
            text.consume(order.start(), order.end());
        }
        Matcher year = WITH_YEAR.matcher(text.lower());
        if (year.find()) {
            draft.addGroupBy("film");
            draft.addGroupBy("year");
            text.consume(year.start(), year.end());
        }
    }

    private void readOrder(Phrases text, Draft draft) {
        String lower = text.lower();
        if (draft.order != null && draft.order.startsWith(QueryPlan.RELEASED_OLDEST_FIRST)) {
            return;
        }
        if (Pattern.compile("\\b(worst first|lowest first|ascending|smallest first|least first|bottom|lowest|(?<!at )least|worst|smallest|fewest|"
                + "lowest-grossing|least successful|poorest|cheapest|shortest)\\b").matcher(lower).find()) {
            draft.order = "asc";
        } else if (Pattern.compile("\\b(best first|highest first|descending|top|highest|most|best|biggest|largest|greatest|"
                + "highest-grossing|top-grossing|leading|best-selling|most successful|most popular|longest|priciest|"
                + "most expensive)\\b").matcher(lower).find()) {
            draft.order = draft.order == null ? "desc" : draft.order;
        }
    }
}
