package ai.usheru.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.usheru.support.EvalCases;

/**
 * Our WordPiece tokenizer gives exactly the ids of Hugging Face's own (the Rust {@code tokenizers}
 * library, through DJL's binding with its bundled native library) on every question of every question
 * set and on text that trips tokenizers up: accents, CJK, punctuation runs, emoji, control characters,
 * words longer than the vocabulary's longest, and text past the model's 256 tokens.
 */
class WordPieceTokenizerTest {

    private static final int MAX_TOKENS = 256;

    @TempDir
    Path dir;

    @Test
    void givesTheIdsOfHuggingFacesOwnTokenizer() throws Exception {
        Path json = dir.resolve("tokenizer.json");
        try (InputStream in = new ClassPathResource("all-minilm-l6-v2-q-tokenizer.json").getInputStream()) {
            Files.copy(in, json);
        }
        WordPieceTokenizer ours;
        try (InputStream in = Files.newInputStream(json)) {
            ours = WordPieceTokenizer.fromTokenizerJson(in, MAX_TOKENS);
        }
        var texts = new ArrayList<String>(List.of(
                "Top 5 films by box office in Germany in 2009",
                "Amélie, Léon and Pokémon: a café's naïve résumé",
                "千と千尋の神隠し 興行収入 (2001) — 東京", "영화 흥행 순위", "¿Qué películas?!... ¡Sí!!!",
                "Box office 🎬🍿 this week 👍", "tabs\tand\nnew lines\u0000and\u200b zero width",
                "Supercalifragilisticexpialidocious".repeat(4), "don't won't it's O'Brien's \"quoted\" [brackets] {braces}",
                "$1,234,567.89 vs €2.5M — 12.5% up; 3/4 of US$",
                "word ".repeat(400)));
        for (int set = 1; set <= 16; set++) {
            for (var testCase : EvalCases.load("own-" + set + ".jsonl")) {
                texts.addAll(EvalCases.questionsOf(testCase));
            }
        }
        try (var reference = HuggingFaceTokenizer.newInstance(json, Map.of("maxLength", String.valueOf(MAX_TOKENS), "truncation", "true"))) {
            for (String text : texts) {
                assertThat(ours.encode(text)).as(text).containsExactly(reference.encode(text).getIds());
            }
        }
        assertThat(texts).hasSizeGreaterThan(600);
    }
}
