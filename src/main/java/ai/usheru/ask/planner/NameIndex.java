package ai.usheru.ask.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Names (titles, people) indexed by their words, built once per vocabulary, so a question is compared
 * only with the names that could occur in it instead of with every name the warehouse holds.
 *
 * <p>A name found in a question as whole words, ignoring case ({@link Phrases#find}), has each of its
 * words — its runs of letters and digits — as a whole word of the question too. {@link #candidates}
 * therefore returns, in the names' own order, every name whose rarest word the question contains: all
 * the names the question can mention, and usually a handful. Words are compared with each character
 * folded as {@link String#regionMatches(boolean, int, String, int, int)} compares them, so the index
 * never misses what a case-insensitive scan would find.
 */
final class NameIndex {

    private final List<String> names;
    /** Folded word to the positions (ascending) of the names it is the key word of. */
    private final Map<String, int[]> byWord;
    /** Names without a letter or digit: never excluded. */
    private final int[] wordless;

    /**
     * Indexes each name under its rarest word, for {@link #candidates}: a name found as whole words has
     * every one of its words as a whole word of the text, so any one of them may stand for it, and the
     * rarest ("knight", not "the") keeps the candidates few.
     */
    static NameIndex byRarestWord(List<String> names) {
        var frequency = new HashMap<String, Integer>();
        for (String name : names) {
            new java.util.HashSet<>(words(name, false)).forEach(word -> frequency.merge(word, 1, Integer::sum));
        }
        return new NameIndex(names, name -> words(name, false).stream()
                .min(java.util.Comparator.comparingInt(frequency::get)).map(List::of).orElse(List.of()));
    }

    /** Indexes each name under every run of letters it contains (digits split words here), for {@link #mayContain}. */
    static NameIndex byEveryLetterRun(List<String> names) {
        return new NameIndex(names, name -> words(name, true));
    }

    private NameIndex(List<String> names, Function<String, List<String>> keys) {
        this.names = List.copyOf(names);
        var positions = new HashMap<String, List<Integer>>();
        var none = new ArrayList<Integer>();
        for (int i = 0; i < this.names.size(); i++) {
            List<String> words = keys.apply(this.names.get(i));
            if (words.isEmpty()) {
                none.add(i);
            }
            for (String word : words) {
                List<Integer> at = positions.computeIfAbsent(word, key -> new ArrayList<>());
                if (at.isEmpty() || at.getLast() != i) {
                    at.add(i);
                }
            }
        }
        var index = new HashMap<String, int[]>();
        positions.forEach((word, at) -> index.put(word, at.stream().mapToInt(Integer::intValue).toArray()));
        this.byWord = Map.copyOf(index);
        this.wordless = none.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The names that may occur in {@code text} as whole words, in the names' order (a superset of those that do). */
    List<String> candidates(String text) {
        var hits = new ArrayList<int[]>();
        hits.add(wordless);
        for (String word : words(text, false)) {
            int[] at = byWord.get(word);
            if (at != null) {
                hits.add(at);
            }
        }
        return namesAt(hits);
    }

    /**
     * With an index {@link #byEveryLetterRun}: the names that may contain {@code phrase} between
     * non-letters — those holding its first run of letters (a superset; all names if it has none).
     */
    List<String> mayContain(String phrase) {
        List<String> words = words(phrase, true);
        return words.isEmpty() ? names : namesAt(List.of(byWord.getOrDefault(words.getFirst(), new int[0])));
    }

    private List<String> namesAt(List<int[]> hits) {
        int[] all = hits.stream().flatMapToInt(Arrays::stream).sorted().distinct().toArray();
        var found = new ArrayList<String>(all.length);
        for (int i : all) {
            found.add(names.get(i));
        }
        return found;
    }

    /** The runs of letters and digits (or of letters only) of {@code text}, each folded. */
    static List<String> words(String text, boolean lettersOnly) {
        var words = new ArrayList<String>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean inWord = i < text.length() && (lettersOnly ? Character.isLetter(c) : Character.isLetterOrDigit(c));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(fold(text.substring(start, i)));
                start = -1;
            }
        }
        return words;
    }

    /** Each character as a case-insensitive comparison sees it (upper case, then lower case). */
    static String fold(String text) {
        var folded = new char[text.length()];
        for (int i = 0; i < folded.length; i++) {
            folded[i] = Character.toLowerCase(Character.toUpperCase(text.charAt(i)));
        }
        return new String(folded);
    }
}
