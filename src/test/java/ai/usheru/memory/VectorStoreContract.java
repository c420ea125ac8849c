package ai.usheru.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

import ai.usheru.support.TestWarehouse;

/**
 * What the product needs of a vector store, run against each implementation: nearest first, metadata
 * filters, upsert by id, deletion by id and by filter, top-k and threshold, and {@link Recall} on top.
 */
abstract class VectorStoreContract {

    private static final MiniLmEmbeddingModel EMBEDDINGS = new MiniLmEmbeddingModel();
    private final FilterExpressionBuilder where = new FilterExpressionBuilder();
    private VectorStore store;

    /** An empty store. */
    abstract VectorStore emptyStore(MiniLmEmbeddingModel embeddings) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = emptyStore(EMBEDDINGS);
    }

    protected VectorStore store() {
        return store;
    }

    private static Document doc(String text, Map<String, Object> metadata) {
        return Document.builder().id(UUID.randomUUID().toString()).text(text).metadata(metadata).build();
    }

    private List<String> search(String query, int topK) {
        return store.similaritySearch(SearchRequest.builder().query(query).topK(topK).build()).stream().map(Document::getText).toList();
    }

    @Test
    void findsTheClosestFirst() {
        store.add(List.of(
                doc("Top grossing films in France", Map.of("kind", "example")),
                doc("Average IMDb rating of horror movies", Map.of("kind", "example")),
                doc("Weekly admissions in Germany during 2019", Map.of("kind", "example"))));

        assertThat(search("Which movies earned the most at the French box office?", 3)).first().isEqualTo("Top grossing films in France");
        assertThat(search("How do critics rate scary films?", 1)).containsExactly("Average IMDb rating of horror movies");
        List<Document> scored = store.similaritySearch(SearchRequest.builder().query("German ticket sales each week").topK(3).build());
        assertThat(scored).extracting(Document::getScore).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(scored.getFirst().getScore()).isBetween(0.3, 1.0);
    }

    @Test
    void filtersOnMetadata() {
        store.add(List.of(
                doc("Box office of Titanic", Map.of("kind", "turn", "thread", "a", "user", "u1")),
                doc("Box office of Avatar", Map.of("kind", "turn", "thread", "b", "user", "u1")),
                doc("Box office of Titanic in Spain", Map.of("kind", "turn", "thread", "a", "user", "u2"))));

        var onlyThreadA = store.similaritySearch(SearchRequest.builder().query("Titanic").topK(10)
                .filterExpression(where.and(where.eq("thread", "a"), where.eq("user", "u1")).build()).build());
        assertThat(onlyThreadA).extracting(Document::getText).containsExactly("Box office of Titanic");
        assertThat(onlyThreadA.getFirst().getMetadata()).containsEntry("kind", "turn").containsEntry("thread", "a");

        var viaText = store.similaritySearch(SearchRequest.builder().query("Titanic").topK(10)
                .filterExpression("user == 'u1' && thread in ['a', 'b']").build());
        assertThat(viaText).extracting(Document::getText).containsExactlyInAnyOrder("Box office of Titanic", "Box office of Avatar");

        var none = store.similaritySearch(SearchRequest.builder().query("Titanic").topK(10)
                .filterExpression(where.eq("user", "someone else").build()).build());
        assertThat(none).isEmpty();
    }

    @Test
    void addingTheSameIdReplacesTheDocument() {
        String id = UUID.randomUUID().toString();
        store.add(List.of(Document.builder().id(id).text("Budget of Jaws").metadata(Map.of("version", "1")).build()));
        store.add(List.of(Document.builder().id(id).text("Budget of Jaws and its sequels").metadata(Map.of("version", "2")).build()));

        var found = store.similaritySearch(SearchRequest.builder().query("Jaws budget").topK(10).build());
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().getText()).isEqualTo("Budget of Jaws and its sequels");
        assertThat(found.getFirst().getMetadata()).containsEntry("version", "2");
    }

    @Test
    void deletesByIdAndByFilter() {
        Document keep = doc("Films by Christopher Nolan", Map.of("kind", "example", "datamart", "films"));
        Document byId = doc("Films by Steven Spielberg", Map.of("kind", "example", "datamart", "films"));
        Document byFilter = doc("Films by Greta Gerwig", Map.of("kind", "turn", "datamart", "films"));
        store.add(List.of(keep, byId, byFilter));

        store.delete(List.of(byId.getId()));
        store.delete(where.eq("kind", "turn").build());

        assertThat(search("films by a director", 10)).containsExactly("Films by Christopher Nolan");
    }

    @Test
    void honoursTopKAndTheSimilarityThreshold() {
        store.add(List.of(
                doc("Box office of comedies by year", Map.of()),
                doc("Box office of dramas by year", Map.of()),
                doc("Box office of thrillers by year", Map.of()),
                doc("Opening weekend of animated films", Map.of())));

        assertThat(search("box office by genre and year", 2)).hasSize(2);
        var close = store.similaritySearch(SearchRequest.builder().query("Box office of comedies by year").topK(10)
                .similarityThreshold(0.99).build());
        assertThat(close).extracting(Document::getText).containsExactly("Box office of comedies by year");
    }

    @Test
    void recallKeepsExamplesTurnsAndSchemaApart() throws InterruptedException {
        var recall = new Recall(store, TestWarehouse.properties(java.nio.file.Path.of("unused")));
        try {
            var model = TestWarehouse.models().all().getFirst();
            recall.indexSchema(model);
            recall.indexSchema(model); // twice: replaces, never duplicates

            assertThat(recall.tablesFor("What do critics think of Inception? IMDb and Rotten Tomatoes", model))
                    .contains("ratings", "movies");
            assertThat(recall.tablesFor("weekly gross in each region", model)).contains("box_office", "regions", "movies");

            UUID me = UUID.randomUUID();
            UUID thread = UUID.randomUUID();
            recall.rememberExample(UUID.randomUUID(), "Top 5 films by box office in France",
                    "SELECT m.title FROM movies m JOIN box_office b ON b.movie_id = m.movie_id WHERE b.region_code = 'FR'",
                    model.code(), () -> { });
            recall.rememberExample(UUID.randomUUID(), "Top 5 films by box office in France", "SELECT 1", "another_datamart", () -> { });
            recall.rememberTurn(UUID.randomUUID(), me, thread, "Box office of Jurassic Park", "SELECT 2");
            recall.rememberTurn(UUID.randomUUID(), UUID.randomUUID(), thread, "Box office of Jurassic Park in my thread", "SELECT 3");
            recall.rememberTurn(UUID.randomUUID(), me, UUID.randomUUID(), "Box office of Jurassic Park elsewhere", "SELECT 4");
            recall.flush();

            assertThat(recall.examplesLike("Which five movies grossed most in France?", model.code()))
                    .extracting(Recall.Example::sql).singleElement().asString().contains("region_code = 'FR'");
            assertThat(recall.examplesLike("How do I bake bread?", model.code())).isEmpty();
            assertThat(recall.turnsLike("What about Jurassic Park's sequel?", me, thread))
                    .containsExactly("Q: Box office of Jurassic Park\nSQL: SELECT 2");

            recall.forgetThread(me, thread);
            recall.flush();
            assertThat(recall.turnsLike("Jurassic Park", me, thread)).isEmpty();
        } finally {
            recall.destroy();
        }
    }
}
