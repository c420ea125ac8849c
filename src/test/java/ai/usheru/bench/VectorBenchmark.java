package ai.usheru.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

import ai.usheru.memory.LogVectorStore;
import ai.usheru.memory.MiniLmEmbeddingModel;

/**
 * The embedded vector store at the sizes the product may reach, run on demand (not in CI):
 * {@code ./mvnw test -Dtest=VectorBenchmark -Dtests.excluded=none}. It measures adding one document
 * at a time, searching all documents and searching one thread's turns (as {@code Recall} does), at
 * 10,000 and 100,000 documents of 384 dimensions; re-opening and compacting at 100,000; and, for
 * comparison at 10,000, the JSON store it replaced (Spring AI's {@link SimpleVectorStore}, whose whole
 * file was rewritten about a second after any change). Vectors are random unit vectors from a
 * stand-in embedding model, so what is timed is the store, not MiniLM (about 1.3 ms per text, see
 * {@code AskBenchmark}). Results go to target/vector-benchmark.txt.
 */
@Tag("benchmark")
class VectorBenchmark {

    private static final int DIMENSIONS = MiniLmEmbeddingModel.DIMENSIONS;
    private static final int TURNS_PER_THREAD = 100;
    private static final int SEARCHES = 300;
    private final FilterExpressionBuilder where = new FilterExpressionBuilder();

    @Test
    void measureTheVectorStores() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(SimpleVectorStore.class)).setLevel(ch.qos.logback.classic.Level.WARN);
        var report = new StringBuilder("Vector store benchmark, ").append(java.time.LocalDate.now())
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append('\n');
        var embeddings = new RandomEmbeddings();
        for (int size : new int[] {10_000, 100_000}) {
            report.append(logStore(embeddings, size));
        }
        report.append(jsonStore(embeddings, 10_000));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "vector-benchmark.txt"), report.toString());
        System.out.println("\n" + report);
        assertThat(report).contains("search");
    }

    private String logStore(EmbeddingModel embeddings, int size) throws Exception {
        Path directory = Files.createTempDirectory("vector-bench");
        var report = new StringBuilder();
        String label = String.format("LogVectorStore, %,d documents", size);
        try {
            var store = LogVectorStore.builder(embeddings, directory).indexedKeys(Set.of("datamart", "user", "thread")).build();
            long[] adds = addTurns(store, size);
            report.append(line(label + ": add one turn (log append + memory)", adds, 1_000, "µs"));
            report.append(String.format("%s: adds per second, one at a time: %,.0f%n", label,
                    size / (Arrays.stream(adds).sum() / 1e9)));
            report.append(line(label + ": search all documents, top 4", search(store, null), 1_000_000, "ms"));
            var oneThread = where.and(where.and(where.eq("kind", "turn"), where.eq("user", "user-7")), where.eq("thread", "thread-7")).build();
            report.append(line(label + ": search one thread's " + TURNS_PER_THREAD + " turns (indexed keys)",
                    search(store, oneThread), 1_000_000, "ms"));
            report.append(line(label + ": search with a filter on an unindexed key (every document tested)",
                    search(store, where.eq("kind", "turn").build()), 1_000_000, "ms"));
            long bytes = Files.size(directory.resolve("memory.vlog"));
            store.close();
            report.append(String.format("%s: log %,.1f MB%n", label, bytes / 1e6));
            if (size >= 100_000) {
                long started = System.nanoTime();
                var reopened = LogVectorStore.open(embeddings, directory);
                report.append(String.format("%s: open (read the log back): %,d ms%n", label, (System.nanoTime() - started) / 1_000_000));
                started = System.nanoTime();
                reopened.compact();
                report.append(String.format("%s: compact (rewrite every live document): %,d ms%n", label, (System.nanoTime() - started) / 1_000_000));
                reopened.close();
            }
        } finally {
            deleteAll(directory);
        }
        return report.toString();
    }

    private String jsonStore(EmbeddingModel embeddings, int size) throws Exception {
        Path directory = Files.createTempDirectory("vector-bench-json");
        var report = new StringBuilder();
        String label = String.format("old JSON store (SimpleVectorStore), %,d documents", size);
        try {
            var store = SimpleVectorStore.builder(embeddings).build();
            long[] adds = addTurns(store, size);
            report.append(line(label + ": add one turn (memory only)", adds, 1_000, "µs"));
            long[] saves = new long[5];
            Path file = directory.resolve("memory.json");
            for (int i = 0; i < saves.length; i++) {
                Files.deleteIfExists(file);
                long started = System.nanoTime();
                store.save(file.toFile());
                saves[i] = System.nanoTime() - started;
            }
            report.append(line(label + ": rewrite the whole JSON file (once a second while turns were added)", saves, 1_000_000, "ms"));
            report.append(String.format("%s: file %,.1f MB%n", label, Files.size(file) / 1e6));
            report.append(line(label + ": search all documents, top 4", search(store, null), 1_000_000, "ms"));
            var oneThread = where.and(where.and(where.eq("kind", "turn"), where.eq("user", "user-7")), where.eq("thread", "thread-7")).build();
            report.append(line(label + ": search one thread's " + TURNS_PER_THREAD + " turns", search(store, oneThread), 1_000_000, "ms"));
        } finally {
            deleteAll(directory);
        }
        return report.toString();
    }

    /** Turns as Recall stores them, one add each; a thread every hundred turns. */
    private static long[] addTurns(VectorStore store, int size) {
        long[] nanos = new long[size];
        for (int i = 0; i < size; i++) {
            int thread = i / TURNS_PER_THREAD;
            var document = Document.builder().id(UUID.randomUUID().toString())
                    .text("How much did film " + i + " gross in region " + (i % 40) + "?")
                    .metadata(Map.of("kind", "turn", "user", "user-" + thread, "thread", "thread-" + thread,
                            "sql", "SELECT sum(gross) FROM box_office WHERE movie_id = " + i))
                    .build();
            long started = System.nanoTime();
            store.add(List.of(document));
            nanos[i] = System.nanoTime() - started;
        }
        return nanos;
    }

    private static long[] search(VectorStore store, org.springframework.ai.vectorstore.filter.Filter.Expression filter) {
        long[] nanos = new long[SEARCHES];
        for (int round = -50; round < SEARCHES; round++) {
            var request = SearchRequest.builder().query("Which films grossed most in region " + round + "?").topK(4);
            if (filter != null) {
                request.filterExpression(filter);
            }
            long started = System.nanoTime();
            List<Document> found = store.similaritySearch(request.build());
            long took = System.nanoTime() - started;
            assertThat(found).hasSize(4);
            if (round >= 0) {
                nanos[round] = took;
            }
        }
        return nanos;
    }

    private static String line(String what, long[] nanos, double divisor, String unit) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / divisor;
        return String.format("%s: mean %.2f %s, p50 %.2f %s, p99 %.2f %s (n=%d)%n", what, mean, unit,
                sorted[sorted.length / 2] / divisor, unit, sorted[(int) (sorted.length * 0.99)] / divisor, unit, sorted.length);
    }

    private static void deleteAll(Path directory) throws Exception {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A stand-in for MiniLM: a random unit vector per text, the same for the same text, in microseconds. */
    private static final class RandomEmbeddings implements EmbeddingModel {

        @Override
        public float[] embed(String text) {
            var random = new SplittableRandom(text.hashCode());
            float[] vector = new float[DIMENSIONS];
            double sum = 0;
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) random.nextGaussian();
                sum += vector[i] * vector[i];
            }
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
            return vector;
        }

        @Override
        public float[] embed(Document document) {
            return embed(document.getText());
        }

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            var embeddings = new ArrayList<Embedding>();
            for (String text : request.getInstructions()) {
                embeddings.add(new Embedding(embed(text), embeddings.size()));
            }
            return new EmbeddingResponse(embeddings);
        }

        @Override
        public int dimensions() {
            return DIMENSIONS;
        }
    }
}
