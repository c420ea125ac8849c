package ai.usheru.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.ai.document.Document;

import ai.usheru.ask.Planners;
import ai.usheru.memory.LogVectorStore;
import ai.usheru.memory.MiniLmEmbeddingModel;
import ai.usheru.memory.Recall;
import ai.usheru.guard.SqlGuard;
import ai.usheru.ask.planner.OfflinePlanner;
import ai.usheru.semantic.SemanticModels;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestHttp;
import ai.usheru.warehouse.DuckDbWarehouse;
import ai.usheru.warehouse.QueryLimits;

/**
 * A load harness for the question pipeline, run on demand (not in CI):
 * {@code ./mvnw test -Dtest=AskBenchmark -Dtests.excluded=none}. It measures the pipeline's own
 * cost per ask (planning, compiling, guarding; no warehouse), the warehouse's time for the same
 * SQL, and asks per second over HTTP with two client threads. Results go to target/benchmark.txt.
 */
@Tag("benchmark")
class AskBenchmark extends IntegrationTest {

    private static final List<String> QUESTIONS = List.of(
            "Top 10 films in Ireland by box office",
            "Total box office in Germany by genre for films released in 2008",
            "How many films did Steven Spielberg direct in the 1990s?",
            "What is the average IMDb rating of horror films?",
            "Which distributor had the highest US box office for films released in 2005?",
            "Weekly box office of Inception in Germany",
            "Compare total box office in France and Spain for films released in 2009",
            "Which films made more than $1 billion worldwide?");

    @Autowired
    Planners planners;

    @Autowired
    SemanticModels models;

    @Autowired
    DuckDbWarehouse warehouse;

    @Test
    void measureThePipeline() throws Exception {
        var report = new StringBuilder();
        OfflinePlanner planner = planners.forDatamart("usheru_data_mart");
        SqlGuard guard = new SqlGuard(models.find("usheru_data_mart").orElseThrow());

        for (int warmup = 0; warmup < 2_000; warmup++) {
            String question = QUESTIONS.get(warmup % QUESTIONS.size());
            guard.guard(planner.plan(question, null).sql(), Set.of("IE"));
        }
        int rounds = 5_000;
        long[] overhead = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            String question = QUESTIONS.get(round % QUESTIONS.size());
            long started = System.nanoTime();
            guard.guard(planner.plan(question, null).sql(), Set.of("IE"));
            overhead[round] = System.nanoTime() - started;
        }
        report.append(line("pipeline overhead per ask (plan + compile + guard, no warehouse)", overhead, 1_000, "µs"));

        long[] warehouseTimes = new long[QUESTIONS.size() * 10];
        for (int round = 0; round < warehouseTimes.length; round++) {
            String sql = guard.guard(planner.plan(QUESTIONS.get(round % QUESTIONS.size()), null).sql(), Set.of()).sql();
            long started = System.nanoTime();
            warehouse.execute("usheru_data_mart", sql, new QueryLimits(1_000, Duration.ofSeconds(30)));
            warehouseTimes[round] = System.nanoTime() - started;
        }
        report.append(line("warehouse time per query (DuckDB, global scope, uncached)", warehouseTimes, 1_000_000, "ms"));

        report.append(vectorMemory());
        report.append(httpLoad());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "benchmark.txt"), report.toString());
        System.out.println("\n" + report);
        assertThat(report).contains("asks/second");
    }

    /**
     * What the vector memory adds to a model-bound ask: one embedding (all-MiniLM-L6-v2 on ONNX, fresh
     * text each time) and the three searches of a prompt (schema parts, examples, thread turns) over
     * the in-process store holding 2,000 examples.
     */
    private String vectorMemory() throws Exception {
        var embeddings = new MiniLmEmbeddingModel();
        try {
            long[] embed = new long[400];
            for (int round = -50; round < embed.length; round++) {
                String text = QUESTIONS.get(Math.floorMod(round, QUESTIONS.size())) + " #" + round;
                long started = System.nanoTime();
                embeddings.embed(text);
                if (round >= 0) {
                    embed[round] = System.nanoTime() - started;
                }
            }
            var store = LogVectorStore.open(embeddings, Files.createTempDirectory("bench-vectors"));
            var documents = new ArrayList<Document>();
            for (int example = 0; example < 2_000; example++) {
                documents.add(Document.builder().id(java.util.UUID.randomUUID().toString())
                        .text(QUESTIONS.get(example % QUESTIONS.size()) + " variant " + example)
                        .metadata(Map.of("kind", "example", "datamart", "usheru_data_mart", "sql", "SELECT " + example)).build());
            }
            store.add(documents);
            var semantic = models.find("usheru_data_mart").orElseThrow();
            var recall = new Recall(store, properties);
            recall.indexSchema(semantic);
            long[] prompt = new long[200];
            java.util.UUID user = java.util.UUID.randomUUID();
            java.util.UUID thread = java.util.UUID.randomUUID();
            for (int round = -20; round < prompt.length; round++) {
                String question = QUESTIONS.get(Math.floorMod(round, QUESTIONS.size())) + " ?" + round;
                long started = System.nanoTime();
                recall.tablesFor(question, semantic);
                recall.examplesLike(question, "usheru_data_mart");
                recall.turnsLike(question, user, thread);
                if (round >= 0) {
                    prompt[round] = System.nanoTime() - started;
                }
            }
            recall.destroy();
            store.close();
            return line("embedding one new question (all-MiniLM-L6-v2, ONNX, 1 thread)", embed, 1_000_000, "ms")
                    + line("prompt context: embed + schema, example and turn searches (log store, 2,000 examples)", prompt, 1_000_000, "ms");
        } finally {
            embeddings.close();
        }
    }

    @Autowired
    ai.usheru.AppProperties properties;

    private String httpLoad() throws Exception {
        TestHttp http = http();
        var token = http.postJson("/api/v1/auth/token", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD), null).text("token");
        HttpClient client = HttpClient.newHttpClient();
        int threads = 2;
        int perThread = 400;
        var failures = new AtomicInteger();
        long[] latencies = new long[threads * perThread];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        var futures = new ArrayList<Future<?>>();
        for (int thread = 0; thread < threads; thread++) {
            int offset = thread * perThread;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    String body = "{\"question\": \"" + QUESTIONS.get((offset + i) % QUESTIONS.size()).replace("\"", "\\\"") + "\"}";
                    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ask"))
                            .header("Content-Type", "application/json").header("Accept", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long begin = System.nanoTime();
                    try {
                        if (client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies[offset + i] = System.nanoTime() - begin;
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return String.format("HTTP /api/v1/ask, %d client threads, %d asks (results cached per scoped SQL after the first): %.1f asks/second, %d failed%n",
                threads, latencies.length, latencies.length / seconds, failures.get())
                + line("  latency per ask over HTTP", latencies, 1_000_000, "ms");
    }

    private static String line(String what, long[] nanos, double divisor, String unit) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / divisor;
        return String.format("%s: mean %.2f %s, p50 %.2f %s, p99 %.2f %s (n=%d)%n", what, mean, unit,
                sorted[sorted.length / 2] / divisor, unit, sorted[(int) (sorted.length * 0.99)] / divisor, unit, sorted.length);
    }
}
