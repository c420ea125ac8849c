package ai.usheru.memory;

import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * BERT's uncased WordPiece tokenizer, as a Hugging Face {@code tokenizer.json} describes it: clean the
 * text, space out CJK characters, lower-case and strip accents, split on whitespace and punctuation,
 * then cut each word into the longest pieces the vocabulary knows ({@code ##} marks a continuation).
 * The ids are wrapped in {@code [CLS] … [SEP]} and cut to {@code maxTokens}.
 *
 * <p>Why ours and not a library: Hugging Face's own tokenizer does run offline here (DJL's binding,
 * {@code ai.djl.huggingface:tokenizers} 0.38.0, bundles its native library), but it would add an 18 MB
 * jar holding 55 MB of native code for four platforms to a jar we are cutting down, and it unpacks that
 * library into the home directory at start-up. For this one model the algorithm is small, and
 * {@code WordPieceTokenizerTest} checks that these ids are exactly the library's on every question of
 * every question set and on text that trips tokenizers up; the library is a test dependency only.
 */
final class WordPieceTokenizer {

    private static final int MAX_CHARS_PER_WORD = 100;

    private final Map<String, Integer> vocabulary;
    private final int unknown;
    private final int classify;
    private final int separate;
    private final int maxTokens;

    WordPieceTokenizer(Map<String, Integer> vocabulary, int maxTokens) {
        this.vocabulary = Map.copyOf(vocabulary);
        this.unknown = id("[UNK]");
        this.classify = id("[CLS]");
        this.separate = id("[SEP]");
        this.maxTokens = maxTokens;
    }

    /** Reads the vocabulary of a Hugging Face {@code tokenizer.json} with a WordPiece model. */
    static WordPieceTokenizer fromTokenizerJson(InputStream json, int maxTokens) throws IOException {
        JsonNode model = JsonMapper.shared().readTree(json).path("model");
        if (!"WordPiece".equals(model.path("type").asString())) {
            throw new IOException("Not a WordPiece tokenizer: " + model.path("type").asString());
        }
        var vocabulary = new HashMap<String, Integer>();
        model.path("vocab").properties().forEach(entry -> vocabulary.put(entry.getKey(), entry.getValue().asInt()));
        return new WordPieceTokenizer(vocabulary, maxTokens);
    }

    private int id(String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalArgumentException("The vocabulary has no " + token);
        }
        return id;
    }

    /** The model's input ids: {@code [CLS]}, the word pieces (cut to fit), {@code [SEP]}. */
    long[] encode(String text) {
        List<String> pieces = tokenize(text);
        int kept = Math.min(pieces.size(), maxTokens - 2);
        long[] ids = new long[kept + 2];
        ids[0] = classify;
        for (int i = 0; i < kept; i++) {
            ids[i + 1] = vocabulary.getOrDefault(pieces.get(i), unknown);
        }
        ids[kept + 1] = separate;
        return ids;
    }

    /** The word pieces of {@code text}, without the special tokens. */
    List<String> tokenize(String text) {
        var pieces = new ArrayList<String>();
        for (String word : basicTokens(text)) {
            wordPieces(word, pieces);
        }
        return pieces;
    }

    /** Normalisation and pre-tokenisation: words and single punctuation marks. */
    private static List<String> basicTokens(String text) {
        String normalized = Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
        var words = new ArrayList<String>();
        var word = new StringBuilder();
        normalized.codePoints().forEach(c -> {
            if (c == 0 || c == 0xFFFD || Character.getType(c) == Character.NON_SPACING_MARK || isControl(c)) {
                return;
            }
            if (isWhitespace(c)) {
                flush(word, words);
            } else if (isPunctuation(c) || isCjk(c)) {
                flush(word, words);
                words.add(new String(Character.toChars(c)));
            } else {
                word.appendCodePoint(c);
            }
        });
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /** Greedy longest-match-first; a word with no complete cover becomes {@code [UNK]}. */
    private void wordPieces(String word, List<String> pieces) {
        if (word.codePointCount(0, word.length()) > MAX_CHARS_PER_WORD) {
            pieces.add("[UNK]");
            return;
        }
        var found = new ArrayList<String>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            String match = null;
            while (start < end) {
                String candidate = (start > 0 ? "##" : "") + word.substring(start, end);
                if (vocabulary.containsKey(candidate)) {
                    match = candidate;
                    break;
                }
                end = Character.isLowSurrogate(word.charAt(end - 1)) && end - 2 > start ? end - 2 : end - 1;
            }
            if (match == null) {
                pieces.add("[UNK]");
                return;
            }
            found.add(match);
            start = end;
        }
        pieces.addAll(found);
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT;
    }

    /** ASCII symbols count as punctuation, as in BERT, besides Unicode's punctuation classes. */
    private static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isCjk(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
