package ai.usheru.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/** The embedded mode's store: the shared contract, and what its log keeps across restarts, crashes and compaction. */
class LogVectorStoreTest extends VectorStoreContract {

    @TempDir
    Path directory;
    private MiniLmEmbeddingModel embeddings;
    private final List<LogVectorStore> opened = new ArrayList<>();
    private final FilterExpressionBuilder where = new FilterExpressionBuilder();

    @Override
    VectorStore emptyStore(MiniLmEmbeddingModel embeddings) {
        this.embeddings = embeddings;
        return reopen();
    }

    private LogVectorStore reopen() {
        return track(LogVectorStore.builder(embeddings, directory.resolve("vectors")).indexedKeys(Recall.FILTERED_KEYS).build());
    }

    private LogVectorStore track(LogVectorStore store) {
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(LogVectorStore::close);
    }

    private LogVectorStore store0() {
        return (LogVectorStore) store();
    }

    private Path log() {
        return directory.resolve("vectors").resolve(LogVectorStore.FILE_NAME);
    }

    private static Document doc(String id, String text, Map<String, Object> metadata) {
        return Document.builder().id(id).text(text).metadata(metadata).build();
    }

    private static List<String> texts(VectorStore store, String query) {
        return store.similaritySearch(SearchRequest.builder().query(query).topK(100).build()).stream().map(Document::getText).toList();
    }

    /** The records in the log, as the next start reads them. */
    private List<VectorLog.Record> records() throws IOException {
        var records = new ArrayList<VectorLog.Record>();
        try (var ignored = VectorLog.open(log(), MiniLmEmbeddingModel.DIMENSIONS, records::add)) {
            return records;
        }
    }

    @Test
    void aSearchDuringABackgroundOpeningWaitsForTheWholeLog() throws Exception {
        store().add(List.of(doc("0b9f4a5e-8a43-4d3c-9b61-6a0f4f6f2a11", "Top films in Japan", Map.of())));
        store0().close();
        var mayOpen = new CountDownLatch(1);
        var opening = new BackgroundOpenedVectorStore(() -> {
            try {
                mayOpen.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return reopen();
        });
        ExecutorService searcher = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> found = searcher.submit(() -> texts(opening, "Japan"));
            Thread.sleep(200);
            assertThat(found).as("a search must not answer before the log is read").isNotDone();
            mayOpen.countDown();
            assertThat(found.get()).containsExactly("Top films in Japan");
        } finally {
            searcher.shutdownNow();
        }
    }

    @Test
    void keepsItsDocumentsAcrossARestart() {
        store().add(List.of(doc("0b9f4a5e-8a43-4d3c-9b61-6a0f4f6f2a11", "Top films in Japan", Map.of("kind", "example", "sql", "SELECT 1"))));
        store().add(List.of(doc("7d1c9a0e-2b6f-4f63-8d51-1c7f3e9a5b22", "To be deleted", Map.of())));
        store().add(List.of(doc("c3f1d7a2-5b7e-4d0a-9e2f-3a4b5c6d7e88", "Budget of Jaws", Map.of("version", 1))));
        store().add(List.of(doc("c3f1d7a2-5b7e-4d0a-9e2f-3a4b5c6d7e88", "Budget of Jaws and its sequels", Map.of("version", 2))));
        store().delete(List.of("7d1c9a0e-2b6f-4f63-8d51-1c7f3e9a5b22"));
        store0().close(); // as at shutdown

        var reopened = reopen();
        assertThat(reopened.size()).isEqualTo(2);
        var found = reopened.similaritySearch(SearchRequest.builder().query("Japanese box office leaders").topK(1).build());
        assertThat(found).extracting(Document::getText).containsExactly("Top films in Japan");
        assertThat(found.getFirst().getMetadata()).containsEntry("sql", "SELECT 1").containsEntry("kind", "example");
        assertThat(texts(reopened, "Jaws")).containsExactly("Budget of Jaws and its sequels", "Top films in Japan");
        assertThat(reopened.similaritySearch(SearchRequest.builder().query("Jaws").topK(1)
                .filterExpression(where.eq("version", 2).build()).build())).hasSize(1);
    }

    @Test
    void aChangeIsInTheLogWhenAddReturnsEvenWithoutAShutdown() {
        store().add(List.of(doc(UUID.randomUUID().toString(), "Opening weekends in Korea", Map.of())));

        var secondProcess = reopen(); // the first was never closed, as after a crash
        assertThat(secondProcess.similaritySearch(SearchRequest.builder().query("Korean openings").topK(1).build()))
                .extracting(Document::getText).containsExactly("Opening weekends in Korea");
    }

    @Test
    void startsEmptyWithoutAFile() {
        var fresh = track(LogVectorStore.open(embeddings, directory.resolve("fresh")));
        assertThat(fresh.similaritySearch(SearchRequest.builder().query("anything").build())).isEmpty();
        assertThat(fresh.size()).isZero();
    }

    @Test
    void theProductsFiltersSelectTheSameDocumentsAfterARestart() throws InterruptedException {
        UUID me = UUID.randomUUID();
        UUID thread = UUID.randomUUID();
        store().add(List.of(
                doc(UUID.randomUUID().toString(), "Box office of Titanic", Map.of("kind", "turn", "user", me.toString(), "thread", thread.toString(), "sql", "SELECT 1")),
                doc(UUID.randomUUID().toString(), "Box office of Titanic in Spain", Map.of("kind", "turn", "user", me.toString(), "thread", "other", "sql", "SELECT 2")),
                doc(UUID.randomUUID().toString(), "Box office of Titanic by week", Map.of("kind", "example", "datamart", "usheru_data_mart", "sql", "SELECT 3")),
                doc(UUID.randomUUID().toString(), "Box office of Titanic by year", Map.of("kind", "example", "datamart", "elsewhere", "sql", "SELECT 4"))));
        store0().close();

        var reopened = reopen();
        var recall = new Recall(reopened, ai.usheru.support.TestWarehouse.properties(Path.of("unused")));
        try {
            assertThat(recall.turnsLike("Titanic", me, thread)).containsExactly("Q: Box office of Titanic\nSQL: SELECT 1");
            assertThat(recall.examplesLike("Box office of Titanic by week", "usheru_data_mart"))
                    .extracting(Recall.Example::sql).containsExactly("SELECT 3");
            assertThat(reopened.similaritySearch(SearchRequest.builder().query("Titanic").topK(10)
                    .filterExpression("kind == 'turn' && thread != 'other'").build()))
                    .extracting(Document::getText).containsExactly("Box office of Titanic");
            assertThat(reopened.similaritySearch(SearchRequest.builder().query("Titanic").topK(10)
                    .filterExpression("kind == 'example' && NOT (datamart in ['elsewhere'])").build()))
                    .extracting(Document::getText).containsExactly("Box office of Titanic by week");

            recall.forgetThread(me, thread);
            recall.flush();
        } finally {
            recall.destroy();
        }
        reopened.close();
        assertThat(texts(reopen(), "Titanic")).hasSize(3).doesNotContain("Box office of Titanic");
    }

    @Test
    void anIndexedSearchFindsWhatAFullScanFinds() {
        String moved = UUID.randomUUID().toString();
        store().add(List.of(
                doc(moved, "Box office of Titanic", Map.of("kind", "turn", "user", "u1", "thread", "a")),
                doc(UUID.randomUUID().toString(), "Box office of Avatar", Map.of("kind", "turn", "user", "u1", "thread", "b")),
                doc(UUID.randomUUID().toString(), "Box office of Titanic in Spain", Map.of("kind", "turn", "user", "u2", "thread", "a"))));
        store().add(List.of(doc(moved, "Box office of Titanic, revised", Map.of("kind", "turn", "user", "u1", "thread", "b"))));
        var unindexed = track(LogVectorStore.open(embeddings, directory.resolve("vectors")));

        for (String filter : List.of("thread == 'a'", "thread == 'b' && user == 'u1'", "thread == 'a' || user == 'u1'",
                "kind == 'turn' && (thread == 'b')", "thread == 'c'", "NOT (thread == 'a')", "user == 'u1' && thread in ['a']")) {
            var request = SearchRequest.builder().query("Titanic").topK(10).filterExpression(filter).build();
            assertThat(store().similaritySearch(request)).as(filter).extracting(Document::getText)
                    .containsExactlyElementsOf(unindexed.similaritySearch(request).stream().map(Document::getText).toList());
        }
        assertThat(store().similaritySearch(SearchRequest.builder().query("Titanic").topK(10).filterExpression("thread == 'a'").build()))
                .extracting(Document::getText).containsExactly("Box office of Titanic in Spain");
    }

    @Test
    void aTornLastRecordIsIgnoredAndTheLogGoesOnAfterIt() throws IOException {
        store().add(List.of(doc(UUID.randomUUID().toString(), "Films by Christopher Nolan", Map.of())));
        store().add(List.of(doc(UUID.randomUUID().toString(), "Films by Greta Gerwig", Map.of())));
        long beforeThird = Files.size(log());
        store().add(List.of(doc(UUID.randomUUID().toString(), "Films by Steven Spielberg", Map.of())));
        store0().close();
        try (FileChannel file = FileChannel.open(log(), StandardOpenOption.WRITE)) {
            file.truncate(Files.size(log()) - 100); // the crash came in the middle of the third record
        }

        var afterCrash = reopen();
        assertThat(texts(afterCrash, "films")).containsExactlyInAnyOrder("Films by Christopher Nolan", "Films by Greta Gerwig");
        assertThat(Files.size(log())).as("the torn record is cut off").isEqualTo(beforeThird);
        afterCrash.add(List.of(doc(UUID.randomUUID().toString(), "Films by Sofia Coppola", Map.of())));
        afterCrash.close();

        assertThat(texts(reopen(), "films"))
                .containsExactlyInAnyOrder("Films by Christopher Nolan", "Films by Greta Gerwig", "Films by Sofia Coppola");
    }

    @Test
    void aDamagedLastRecordIsIgnored() throws IOException {
        store().add(List.of(doc(UUID.randomUUID().toString(), "Films by Christopher Nolan", Map.of())));
        store().add(List.of(doc(UUID.randomUUID().toString(), "Films by Greta Gerwig", Map.of())));
        store0().close();
        try (FileChannel file = FileChannel.open(log(), StandardOpenOption.WRITE)) {
            file.write(java.nio.ByteBuffer.wrap(new byte[] {42}), Files.size(log()) - 10); // a flipped byte in the last vector
        }

        assertThat(texts(reopen(), "films")).containsExactly("Films by Christopher Nolan");
    }

    @Test
    void compactionKeepsExactlyTheLiveDocuments() throws IOException {
        var live = new java.util.HashMap<String, String>();
        for (int i = 0; i < 12; i++) {
            String id = UUID.randomUUID().toString();
            store().add(List.of(doc(id, "Weekly admissions number " + i, Map.of("n", i))));
            live.put(id, "Weekly admissions number " + i);
        }
        var ids = new ArrayList<>(live.keySet());
        for (String id : ids.subList(0, 4)) {
            store().add(List.of(doc(id, live.get(id) + " revised", Map.of("revised", true))));
            live.put(id, live.get(id) + " revised");
        }
        store().delete(ids.subList(8, 12));
        ids.subList(8, 12).forEach(live::remove);
        long before = Files.size(log());

        store0().compact();

        assertThat(Files.size(log())).isLessThan(before);
        var records = records();
        assertThat(records).allMatch(record -> record instanceof VectorLog.Put);
        assertThat(records.stream().map(record -> (VectorLog.Put) record).collect(Collectors.toMap(VectorLog.Put::id, VectorLog.Put::text)))
                .isEqualTo(live);
        assertThat(directory.resolve("vectors").resolve(LogVectorStore.FILE_NAME + ".next")).doesNotExist();

        store().add(List.of(doc(UUID.randomUUID().toString(), "Written after the compaction", Map.of())));
        store0().close();
        var reopened = reopen();
        assertThat(reopened.size()).isEqualTo(live.size() + 1);
        assertThat(texts(reopened, "admissions")).contains("Written after the compaction").containsAll(live.values());
    }

    @Test
    void compactsByItselfOnceMostOfTheLogIsGarbage() throws IOException {
        store0().close();
        var store = track(LogVectorStore.builder(embeddings, directory.resolve("vectors")).compactAfterGarbage(10).build());
        var ids = new ArrayList<String>();
        for (int i = 0; i < 8; i++) {
            ids.add(UUID.randomUUID().toString());
            store.add(List.of(doc(ids.getLast(), "Gross of film " + i, Map.of())));
        }
        store.delete(ids.subList(0, 4)); // 8 garbage records against 4 live documents, but fewer than 10
        assertThat(records()).hasSize(12);

        store.delete(ids.subList(4, 6)); // 12 garbage records against 2 live documents

        assertThat(records()).as("only the two live documents are left in the log").hasSize(2)
                .extracting(record -> ((VectorLog.Put) record).id()).containsExactlyInAnyOrderElementsOf(ids.subList(6, 8));
    }

    @Test
    void concurrentAddsFromSeveralThreadsAreAllKept() throws Exception {
        int threads = 4;
        int each = 40;
        var ids = Collections.synchronizedSet(new java.util.HashSet<String>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            var done = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        String id = UUID.randomUUID().toString();
                        store().add(List.of(doc(id, "Question " + i + " of thread " + thread, Map.of("thread", "t" + thread))));
                        ids.add(id);
                        store().similaritySearch(SearchRequest.builder().query("Question " + i).topK(3).build());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(store0().size()).isEqualTo(threads * each);
        store0().close();
        var records = records();
        assertThat(records).hasSize(threads * each);
        assertThat(records.stream().map(record -> ((VectorLog.Put) record).id()).collect(Collectors.toSet())).isEqualTo(Set.copyOf(ids));
        var reopened = reopen();
        assertThat(reopened.similaritySearch(SearchRequest.builder().query("Question").topK(1000)
                .filterExpression(where.eq("thread", "t2").build()).build())).hasSize(each);
    }

    @Test
    void importsTheJsonFileOfEarlierVersionsOnce() throws IOException {
        store0().close();
        Files.delete(log());
        // The file exactly as the earlier store wrote it: Spring AI's SimpleVectorStore.save.
        var earlier = SimpleVectorStore.builder(embeddings).build();
        earlier.add(List.of(
                doc("0b9f4a5e-8a43-4d3c-9b61-6a0f4f6f2a11", "Top films in Japan", Map.of("kind", "example", "datamart", "usheru_data_mart", "sql", "SELECT 1")),
                doc("5a0c3c8e-3f1b-4b7e-9a2d-8e6f0b1c2d33", "Opening weekends in Korea", Map.of("kind", "turn", "user", "u1", "thread", "t1", "sql", "SELECT 2")),
                doc("7d1c9a0e-2b6f-4f63-8d51-1c7f3e9a5b22", "Table movies: every film", Map.of("kind", "schema", "datamart", "usheru_data_mart"))));
        Path json = directory.resolve("vectors").resolve("memory.json");
        earlier.save(json.toFile());

        var imported = reopen();

        assertThat(json).doesNotExist();
        assertThat(directory.resolve("vectors").resolve("memory.json.imported")).exists();
        assertThat(imported.size()).isEqualTo(3);
        var found = imported.similaritySearch(SearchRequest.builder().query("Japanese box office leaders").topK(1)
                .filterExpression(where.eq("kind", "example").build()).build());
        assertThat(found).extracting(Document::getId).containsExactly("0b9f4a5e-8a43-4d3c-9b61-6a0f4f6f2a11");
        assertThat(found.getFirst().getMetadata()).containsEntry("sql", "SELECT 1").containsEntry("datamart", "usheru_data_mart");
        assertThat(found.getFirst().getScore()).as("the imported vector is the one MiniLM gives").isGreaterThan(0.3);
        var exact = imported.similaritySearch(SearchRequest.builder().query("Opening weekends in Korea").topK(1).build());
        assertThat(exact.getFirst().getScore()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        imported.close();

        assertThat(reopen().size()).as("a second start imports nothing").isEqualTo(3);
        assertThat(records()).hasSize(3);
    }
}
