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
 * Embedding answered turns never queues without bound: while the writer is busy, turns beyond
 * {@link Recall#MAX_PENDING_TURNS} are not embedded (and counted), and once it catches up turns are
 * kept again.
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
    void turnsBeyondTheBacklogAreNotEmbeddedAndLaterOnesAreAgain() throws Exception {
        var embeddings = new GatedEmbeddings();
        try (var store = LogVectorStore.open(embeddings, directory)) {
            var recall = new Recall(store, TestWarehouse.properties(Path.of("unused")));
            UUID me = UUID.randomUUID();
            UUID thread = UUID.randomUUID();
            int asked = Recall.MAX_PENDING_TURNS + 30;
            for (int turn = 0; turn < asked; turn++) {
                recall.rememberTurn(UUID.randomUUID(), me, thread, "Top " + turn + " films by box office", "SELECT " + turn);
            }
            assertThat(recall.skippedTurns()).isEqualTo(30);

            embeddings.gate.countDown();
            recall.flush();
            assertThat(store.size()).isEqualTo(Recall.MAX_PENDING_TURNS);

            recall.rememberTurn(UUID.randomUUID(), me, thread, "Box office of Avatar", "SELECT 'later'");
            recall.flush();
            assertThat(store.size()).isEqualTo(Recall.MAX_PENDING_TURNS + 1);
            assertThat(recall.turnsLike("Box office of Avatar", me, thread)).first().asString().contains("SELECT 'later'");
            assertThat(recall.skippedTurns()).isEqualTo(30);
            recall.destroy();
        }
    }
}
