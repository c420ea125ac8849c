package ai.usheru.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

import ai.usheru.support.TestWarehouse;

/**
 * Embedding answered turns waits for a pause in the questions and never queues without bound: turns
 * beyond the limit are not embedded (and counted), waiting turns are embedded once no turn came for a
 * quarter of a second, and a flush embeds them at once.
 */
class RecallBacklogTest {

    @TempDir
    Path directory;

    /** The product's embedding model behind a gate: nothing is embedded until the gate opens. */
    private static final class GatedEmbeddings implements EmbeddingModel {
        final MiniLmEmbeddingModel model = new MiniLmEmbeddingModel();
        final CountDownLatch gate = new CountDownLatch(1);

        private void await() {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            await();
            return model.call(request);
        }

        @Override
        public float[] embed(Document document) {
            await();
            return model.embed(document);
        }

        @Override
        public int dimensions() {
            return model.dimensions();
        }
    }

    @Test
    void waitingTurnsAreEmbeddedOnceTheQuestionsPause() throws Exception {
        try (var store = LogVectorStore.open(new MiniLmEmbeddingModel(), directory)) {
            var recall = new Recall(store, TestWarehouse.properties(Path.of("unused")));
            UUID me = UUID.randomUUID();
            UUID thread = UUID.randomUUID();
            recall.rememberTurn(UUID.randomUUID(), me, thread, "Top 5 films by box office", "SELECT 1");
            recall.rememberTurn(UUID.randomUUID(), me, thread, "Top 5 films by admissions", "SELECT 2");
            assertThat(store.size()).as("nothing is embedded while questions come").isZero();

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (store.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(store.size()).as("both turns, embedded after the pause without a flush").isEqualTo(2);
            recall.destroy();
        }
    }

    @Test
    void turnsBeyondTheBacklogAreNotEmbeddedAndLaterOnesAreAgain() throws Exception {
        var embeddings = new GatedEmbeddings();
        try (var store = LogVectorStore.open(embeddings, directory)) {
            int limit = 64;
            var recall = new Recall(store, TestWarehouse.properties(Path.of("unused")), limit);
            UUID me = UUID.randomUUID();
            UUID thread = UUID.randomUUID();
            int asked = limit + 30;
            for (int turn = 0; turn < asked; turn++) {
                recall.rememberTurn(UUID.randomUUID(), me, thread, "Top " + turn + " films by box office", "SELECT " + turn);
            }
            assertThat(recall.skippedTurns()).isEqualTo(30);

            embeddings.gate.countDown();
            recall.flush();
            assertThat(store.size()).isEqualTo(limit);

            recall.rememberTurn(UUID.randomUUID(), me, thread, "Box office of Avatar", "SELECT 'later'");
            recall.flush();
            assertThat(store.size()).isEqualTo(limit + 1);
            assertThat(recall.turnsLike("Box office of Avatar", me, thread)).first().asString().contains("SELECT 'later'");
            assertThat(recall.skippedTurns()).isEqualTo(30);
            recall.destroy();
        }
    }
}
