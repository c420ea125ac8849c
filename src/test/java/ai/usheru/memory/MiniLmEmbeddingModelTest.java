package ai.usheru.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tokenizer against BERT's known ids, and the model's vectors against what they should mean. */
class MiniLmEmbeddingModelTest {

    private static MiniLmEmbeddingModel model;
    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() throws IOException {
        model = new MiniLmEmbeddingModel();
        try (InputStream json = MiniLmEmbeddingModel.TOKENIZER.getInputStream()) {
            tokenizer = WordPieceTokenizer.fromTokenizerJson(json, 256);
        }
    }

    @AfterAll
    static void close() throws Exception {
        model.close();
    }

    @Test
    void encodesLikeBertUncased() {
        assertThat(tokenizer.encode("Hello, world!")).containsExactly(101, 7592, 1010, 2088, 999, 102);
        // The Hugging Face course's example for bert-base-uncased, whose vocabulary MiniLM shares.
        assertThat(tokenizer.tokenize("I have a new GPU!")).containsExactly("i", "have", "a", "new", "gp", "##u", "!");
        assertThat(tokenizer.tokenize("Amélie's BOX-OFFICE")).containsExactly("amelie", "'", "s", "box", "-", "office");
        assertThat(tokenizer.tokenize("千と千尋")).hasSize(4);
        assertThat(tokenizer.tokenize("  \t\n ")).isEmpty();
    }

    @Test
    void cutsLongTextsToTheModelsWindow() {
        long[] ids = tokenizer.encode("box office ".repeat(500));
        assertThat(ids).hasSize(256);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[255]).isEqualTo(102);
        assertThat(model.embed("box office ".repeat(500))).hasSize(384);
    }

    @Test
    void vectorsHaveUnitLengthAndAreRepeatable() {
        float[] first = model.embed("Top 10 films by worldwide box office");
        assertThat(first).hasSize(MiniLmEmbeddingModel.DIMENSIONS);
        assertThat(dot(first, first)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        var fresh = new MiniLmEmbeddingModel();
        try {
            assertThat(fresh.embed("Top 10 films by worldwide box office")).containsExactly(first);
        } finally {
            fresh.close();
        }
        assertThat(model.embed(List.of("a", "b"))).hasSize(2);
    }

    @Test
    void agreesWithTheSentenceTransformersReference() {
        // sentence-transformers' quick-start for all-MiniLM-L6-v2 prints 0.6660, 0.1046 and 0.1411;
        // the int8-quantised model stays within a few hundredths of them.
        float[] lovely = model.embed("The weather is lovely today.");
        float[] sunny = model.embed("It's so sunny outside!");
        float[] stadium = model.embed("He drove to the stadium.");
        assertThat(dot(lovely, sunny)).isCloseTo(0.6660, org.assertj.core.data.Offset.offset(0.03));
        assertThat(dot(lovely, stadium)).isCloseTo(0.1046, org.assertj.core.data.Offset.offset(0.04));
        assertThat(dot(sunny, stadium)).isCloseTo(0.1411, org.assertj.core.data.Offset.offset(0.04));
    }

    @Test
    void embedsADocumentByItsTextAlone() {
        var document = org.springframework.ai.document.Document.builder().text("Top films in Japan")
                .metadata(java.util.Map.of("sql", "SELECT 1", "kind", "example")).build();
        assertThat(model.embed(document)).containsExactly(model.embed("Top films in Japan"));
    }

    @Test
    void similarQuestionsAreCloserThanUnrelatedOnes() {
        float[] question = model.embed("Which films made the most money in France?");
        float[] paraphrase = model.embed("highest grossing movies in the French box office");
        float[] unrelated = model.embed("How do I bake sourdough bread at home?");
        assertThat(dot(question, paraphrase)).isGreaterThan(dot(question, unrelated) + 0.2);

        float[] ratings = model.embed("IMDb rating and Rotten Tomatoes score of each film");
        float[] critics = model.embed("What do critics think of Inception?");
        float[] weekly = model.embed("Weekly gross of each film in each region");
        assertThat(dot(critics, ratings)).isGreaterThan(dot(critics, weekly));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
