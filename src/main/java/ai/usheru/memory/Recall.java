package ai.usheru.memory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import ai.usheru.AppProperties;
import ai.usheru.semantic.SemanticModel;

/**
 * The product's vector memory, one {@link VectorStore} holding three kinds of documents, each found by
 * the meaning of a question:
 * <ul>
 * <li><b>schema</b>: the tables, measures and dimensions of each datamart's semantic model, so a
 * prompt carries the tables a question needs rather than all of them;</li>
 * <li><b>example</b>: verified question-to-SQL pairs (a thumbs-up), shared within a datamart; the SQL
 * is the one written before scoping, and every use of it is scoped again by the guard;</li>
 * <li><b>turn</b>: earlier questions of a thread with their SQL, found only within that thread of
 * that user.</li>
 * </ul>
 * Examples and turns are written in the background, in order, so an answer never waits for them.
 */
@Component
public class Recall implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Recall.class);
    /** The metadata keys whose text values the searches below require; a store may index them. */
    static final Set<String> FILTERED_KEYS = Set.of("datamart", "user", "thread");

    private final VectorStore store;
    private final AppProperties.Memory settings;
    private final java.util.concurrent.ScheduledExecutorService writer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("recall-writer").daemon().factory());
    private final FilterExpressionBuilder where = new FilterExpressionBuilder();
    /** Turns waiting to be embedded at most; more are not embedded (see {@link #rememberTurn}). */
    static final int MAX_PENDING_TURNS = 2_000;
    /** How long no turn must arrive before waiting turns are embedded: answers come first. */
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private final int maxPendingTurns;
    private final java.util.concurrent.ConcurrentLinkedQueue<Document> waitingTurns = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger pendingTurns = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong skippedTurns = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean embeddingScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long lastTurnAt = System.nanoTime();

    @org.springframework.beans.factory.annotation.Autowired
    public Recall(VectorStore store, AppProperties properties) {
        this(store, properties, MAX_PENDING_TURNS);
    }

    Recall(VectorStore store, AppProperties properties, int maxPendingTurns) {
        this.store = store;
        this.settings = properties.memory();
        this.maxPendingTurns = maxPendingTurns;
    }

    /** A verified example: a question and the SQL that answered it. */
    public record Example(String question, String sql) {}

    // --- schema -------------------------------------------------------------------------------------

    /** Replaces the datamart's schema documents with the current semantic model's. */
    public void indexSchema(SemanticModel model) {
        store.delete(where.and(where.eq("kind", "schema"), where.eq("datamart", model.code())).build());
        var documents = new ArrayList<Document>();
        for (SemanticModel.Table table : model.tables()) {
            var text = new StringBuilder("Table ").append(table.name()).append(": ").append(table.description()).append(" Columns:");
            table.columns().forEach(column -> text.append(' ').append(column.name()).append(" (").append(column.description()).append(')'));
            documents.add(schemaDocument(model.code(), "table", table.name(), text.toString(), Set.of(table.name())));
        }
        for (SemanticModel.Metric metric : model.metrics()) {
            String text = "Measure " + metric.label() + ", also called " + String.join(", ", metric.synonyms());
            documents.add(schemaDocument(model.code(), "measure", metric.name(), text, SemanticModel.tablesIn(metric.expression())));
        }
        for (SemanticModel.Dimension dimension : model.dimensions()) {
            String text = "Breakdown by " + dimension.label() + ", also called " + String.join(", ", dimension.synonyms());
            documents.add(schemaDocument(model.code(), "dimension", dimension.name(), text, SemanticModel.tablesIn(dimension.select())));
        }
        store.add(documents);
    }

    /**
     * The tables a question needs, by similarity to the schema's parts: the tables of the closest
     * parts, with {@code movies} (every table joins through it) and, with box office, the regions.
     * All tables when nothing matches.
     */
    public Set<String> tablesFor(String question, SemanticModel model) {
        List<Document> parts = store.similaritySearch(SearchRequest.builder()
                .query(question)
                .topK(settings.schemaParts())
                .filterExpression(where.and(where.eq("kind", "schema"), where.eq("datamart", model.code())).build())
                .build());
        var chosen = new LinkedHashSet<String>();
        for (Document part : parts) {
            for (String table : String.valueOf(part.getMetadata().get("tables")).split(",")) {
                if (!table.isBlank()) {
                    chosen.add(table);
                }
            }
        }
        if (chosen.isEmpty()) {
            return model.tables().stream().map(SemanticModel.Table::name).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
        }
        chosen.add("movies");
        if (chosen.contains("box_office")) {
            chosen.add("regions");
        }
        var ordered = new LinkedHashSet<String>();
        model.tables().stream().map(SemanticModel.Table::name).filter(chosen::contains).forEach(ordered::add);
        return ordered;
    }

    private static Document schemaDocument(String datamart, String part, String name, String text, Set<String> tables) {
        return Document.builder()
                .id(uuid("schema/" + datamart + "/" + part + "/" + name))
                .text(text)
                .metadata(Map.of("kind", "schema", "datamart", datamart, "part", part, "name", name, "tables", String.join(",", tables)))
                .build();
    }

    // --- verified examples --------------------------------------------------------------------------

    /** Keeps a verified example, in the background; {@code then} runs once it is stored. */
    public void rememberExample(UUID id, String question, String sql, String datamart, Runnable then) {
        writer.execute(() -> {
            if (add(Document.builder().id(id.toString()).text(question)
                    .metadata(Map.of("kind", "example", "datamart", datamart, "sql", sql)).build())) {
                then.run();
            }
        });
    }

    /** Keeps a verified example now; for start-up, when examples kept earlier are indexed. */
    public void rememberExampleNow(UUID id, String question, String sql, String datamart) {
        store.add(List.of(Document.builder().id(id.toString()).text(question)
                .metadata(Map.of("kind", "example", "datamart", datamart, "sql", sql)).build()));
    }

    /** Forgets a removed verified example, in the background. */
    public void forgetExample(UUID id) {
        writer.execute(() -> {
            try {
                store.delete(List.of(id.toString()));
            } catch (RuntimeException e) {
                log.warn("Could not forget verified example {}: {}", id, e.getMessage());
            }
        });
    }

    /** The verified examples of the datamart closest to the question, closest first. */
    public List<Example> examplesLike(String question, String datamart) {
        return store.similaritySearch(SearchRequest.builder()
                        .query(question)
                        .topK(settings.examples())
                        .similarityThreshold(0.5)
                        .filterExpression(where.and(where.eq("kind", "example"), where.eq("datamart", datamart)).build())
                        .build())
                .stream()
                .map(document -> new Example(document.getText(), String.valueOf(document.getMetadata().get("sql"))))
                .toList();
    }

    // --- thread memory ------------------------------------------------------------------------------

    /**
     * Keeps a turn of a thread (its question and SQL), in the background, once no turn has arrived for
     * a quarter of a second: embedding costs CPU the answers need, so under a stream of questions turns
     * wait ("embed later") and are embedded when it pauses. At most {@link #MAX_PENDING_TURNS} wait; beyond
     * that a turn is not embedded (it stays in its thread; only later model prompts will not recall it).
     */
    public void rememberTurn(UUID messageId, UUID userId, UUID threadId, String question, String sql) {
        lastTurnAt = System.nanoTime();
        if (pendingTurns.incrementAndGet() > maxPendingTurns) {
            pendingTurns.decrementAndGet();
            long skipped = skippedTurns.incrementAndGet();
            if (Long.bitCount(skipped) == 1) {
                log.warn("The vector memory is behind: {} turn(s) not embedded so far, to keep answers fast", skipped);
            }
            return;
        }
        waitingTurns.add(Document.builder()
                .id(messageId.toString())
                .text(question)
                .metadata(Map.of("kind", "turn", "user", userId.toString(), "thread", threadId.toString(), "sql", sql))
                .build());
        if (embeddingScheduled.compareAndSet(false, true)) {
            writer.schedule(this::embedWhenQuiet, QUIET_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    /** On the writer: one waiting turn if no turn came for {@link #QUIET_NANOS}, then again; else later. */
    private void embedWhenQuiet() {
        long quietFor = System.nanoTime() - lastTurnAt;
        if (quietFor < QUIET_NANOS) {
            writer.schedule(this::embedWhenQuiet, QUIET_NANOS - quietFor, TimeUnit.NANOSECONDS);
            return;
        }
        if (!embedWaitingTurn()) {
            embeddingScheduled.set(false);
            // A turn added between the empty poll and the flag's reset still gets its run.
            if (!waitingTurns.isEmpty() && embeddingScheduled.compareAndSet(false, true)) {
                writer.execute(this::embedWhenQuiet);
            }
            return;
        }
        writer.execute(this::embedWhenQuiet);
    }

    private boolean embedWaitingTurn() {
        Document turn = waitingTurns.poll();
        if (turn == null) {
            return false;
        }
        try {
            add(turn);
        } finally {
            pendingTurns.decrementAndGet();
        }
        return true;
    }

    /** Turns not embedded because too many waited (since start-up). */
    public long skippedTurns() {
        return skippedTurns.get();
    }

    /** Earlier turns of this user's thread closest to the question, as "Q: … SQL: …", closest first. */
    public List<String> turnsLike(String question, UUID userId, UUID threadId) {
        return store.similaritySearch(SearchRequest.builder()
                        .query(question)
                        .topK(settings.earlierTurns())
                        .filterExpression(threadFilter(userId, threadId))
                        .build())
                .stream()
                .map(document -> "Q: " + document.getText() + "\nSQL: " + document.getMetadata().get("sql"))
                .toList();
    }

    /** Forgets a deleted thread's turns, in the background. */
    public void forgetThread(UUID userId, UUID threadId) {
        writer.execute(() -> {
            try {
                store.delete(threadFilter(userId, threadId));
            } catch (RuntimeException e) {
                log.warn("Could not forget the turns of thread {}: {}", threadId, e.getMessage());
            }
        });
    }

    private Filter.Expression threadFilter(UUID userId, UUID threadId) {
        return where.and(where.and(where.eq("kind", "turn"), where.eq("user", userId.toString())),
                where.eq("thread", threadId.toString())).build();
    }

    /** Waits until everything handed to the background writer so far is stored, waiting turns included. */
    public void flush() throws InterruptedException {
        var done = new java.util.concurrent.CountDownLatch(1);
        writer.execute(() -> {
            while (embedWaitingTurn()) {
                // every turn waiting now
            }
        });
        writer.execute(done::countDown);
        done.await(30, TimeUnit.SECONDS);
    }

    private boolean add(Document document) {
        try {
            store.add(List.of(document));
            return true;
        } catch (RuntimeException e) {
            // Memory makes answers better; losing one entry must not fail anything.
            log.warn("Could not store a {} in the vector memory: {}", document.getMetadata().get("kind"), e.getMessage());
            return false;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
