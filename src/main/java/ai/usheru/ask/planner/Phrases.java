package ai.usheru.ask.planner;

import java.util.Locale;

/**
 * A question's text with the parts already understood blanked out, so that each word is read once:
 * the "Drama" inside a title is not also a genre, the "2012" of a title not also a year.
 */
final class Phrases {

    private final String original;
    private final char[] masked;

    Phrases(String question) {
        this.original = question;
        this.masked = question.toCharArray();
    }

    String original() {
        return original;
    }

    /** The text not yet understood, in its original case. */
    String remaining() {
        return new String(masked);
    }

    /** The text not yet understood, lower case. */
    String lower() {
        return new String(masked).toLowerCase(Locale.ROOT);
    }

    void consume(int start, int end) {
        for (int i = Math.max(0, start); i < Math.min(end, masked.length); i++) {
            masked[i] = ' ';
        }
    }

    /**
     * Finds {@code phrase} as whole words in the remaining text, from {@code from}; -1 if absent.
     * With {@code ignoreCase} false the case must match exactly.
     */
    int find(String phrase, int from, boolean ignoreCase) {
        if (phrase.isEmpty()) {
            return -1;
        }
        String text = remaining();
        for (int at = from; at <= text.length() - phrase.length(); at++) {
            if (text.regionMatches(ignoreCase, at, phrase, 0, phrase.length())
                    && isBoundary(text, at - 1) && isBoundary(text, at + phrase.length())) {
                return at;
            }
        }
        return -1;
    }

    /** True if the character at {@code index} ends a word (outside the text, or not a letter or digit). */
    static boolean isBoundary(String text, int index) {
        return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
    }

    /** The word before {@code index} in the original text, lower case, or "" at the start. */
    String wordBefore(int index) {
        int end = index;
        while (end > 0 && !Character.isLetterOrDigit(original.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isLetterOrDigit(original.charAt(start - 1))) {
            start--;
        }
        return original.substring(start, end).toLowerCase(Locale.ROOT);
    }
}
