package ai.usheru.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;

/** The embedded mode's store: the shared contract, and what it keeps across a restart. */
class FileVectorStoreTest extends VectorStoreContract {

    @TempDir
    Path directory;
    private MiniLmEmbeddingModel embeddings;

    @Override
    VectorStore emptyStore(MiniLmEmbeddingModel embeddings) {
        this.embeddings = embeddings;
        return new FileVectorStore(embeddings, directory.resolve("vectors/memory.json"));
    }

    @Test
    void keepsItsDocumentsAcrossARestart() {
        store().add(List.of(Document.builder().id("0b9f4a5e-8a43-4d3c-9b61-6a0f4f6f2a11").text("Top films in Japan")
                .metadata(Map.of("kind", "example", "sql", "SELECT 1")).build()));
        store().add(List.of(Document.builder().id("7d1c9a0e-2b6f-4f63-8d51-1c7f3e9a5b22").text("To be deleted").build()));
        store().delete(List.of("7d1c9a0e-2b6f-4f63-8d51-1c7f3e9a5b22"));
        Path file = directory.resolve("vectors/memory.json");
        ((FileVectorStore) store()).close(); // as at shutdown
        assertThat(file).exists();
        assertThat(directory.resolve("vectors/memory.json.next")).doesNotExist();

        var reopened = new FileVectorStore(embeddings, file);
        var found = reopened.similaritySearch(SearchRequest.builder().query("Japanese box office leaders").topK(5).build());
        assertThat(found).extracting(Document::getText).containsExactly("Top films in Japan");
        assertThat(found.getFirst().getMetadata()).containsEntry("sql", "SELECT 1");
    }

    @Test
    void writesChangesShortlyAfterThemEvenWithoutAShutdown() throws Exception {
        Path file = directory.resolve("vectors/memory.json");
        store().add(List.of(Document.builder().id("5a0c3c8e-3f1b-4b7e-9a2d-8e6f0b1c2d33").text("Opening weekends in Korea").build()));

        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(file).exists();
        var reopened = new FileVectorStore(embeddings, file);
        assertThat(reopened.similaritySearch(SearchRequest.builder().query("Korean openings").topK(1).build()))
                .extracting(Document::getText).containsExactly("Opening weekends in Korea");
    }

    @Test
    void startsEmptyWithoutAFile() throws Exception {
        Path file = directory.resolve("fresh/memory.json");
        var fresh = new FileVectorStore(embeddings, file);
        assertThat(fresh.similaritySearch(SearchRequest.builder().query("anything").build())).isEmpty();
        assertThat(Files.exists(file)).isFalse();
    }
}
