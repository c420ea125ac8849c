package ai.usheru.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.observation.conventions.VectorStoreProvider;
import org.springframework.ai.observation.conventions.VectorStoreSimilarityMetric;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/**
 * The vector store of the embedded mode: every document in memory, every change appended to a
 * {@link VectorLog} in the data directory, so adding or deleting a document costs one small write
 * however many the store holds. The log is read back at start-up; when more than half of it
 * describes documents since replaced or deleted (and at least {@code compactAfterGarbage} records
 * do), it is rewritten with the live documents only, which keeps the work per change constant on
 * average. A JSON file left by earlier versions ({@code memory.json}) is imported once, then renamed
 * {@code memory.json.imported}.
 *
 * <p>Search is exact: the query's cosine similarity (a dot product, as every vector is stored at
 * unit length) with every document that passes the filter, in one contiguous {@code float[]}. The
 * metadata keys named by {@link Builder#indexedKeys} are indexed: a filter requiring
 * {@code key == 'text'} for one of them looks only at the documents with that value (the smallest
 * such set), so the product's searches (a datamart's schema and examples, a thread's turns) cost
 * the same whatever else the store holds. Other searches test every document; their cost is linear
 * in the documents held: see the README for what 100,000 cost on the development machine.
 *
 * <p>Searches run in parallel with each other and with the disk work of changes; changes (and
 * compaction) run one at a time. A change reaches the operating system before {@code add} or
 * {@code delete} returns, so it survives the process dying; it is forced to disk within a second
 * (and on close), so a power cut loses at most the last second.
 */
public final class LogVectorStore extends AbstractObservationVectorStore implements AutoCloseable {

    static final String FILE_NAME = "memory.vlog";
    static final Duration SYNC_DELAY = Duration.ofSeconds(1);
    private static final int DEFAULT_COMPACT_AFTER_GARBAGE = 10_000;
    private static final Logger log = LoggerFactory.getLogger(LogVectorStore.class);

    private record Entry(String id, String text, Map<String, Object> metadata) {}

    private final int dimensions;
    private final int compactAfterGarbage;
    private final VectorLog file;
    private final ScheduledExecutorService syncer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("vector-log-sync").daemon().factory());
    private final AtomicBoolean syncScheduled = new AtomicBoolean();

    /** Held by whoever changes the store or rewrites its log: changes happen one at a time, in log order. */
    private final ReentrantLock changes = new ReentrantLock();
    /** Guards the memory below against searches while a change updates it. */
    private final ReentrantReadWriteLock memory = new ReentrantReadWriteLock();
    private float[] vectors = new float[0];
    private Entry[] entries = new Entry[0];
    private int slots;
    private int[] freeSlots = new int[16];
    private int freeSlotCount;
    private final Map<String, Integer> slotById = new HashMap<>();
    /** For each indexed key, the slots of the documents holding each text value. */
    private final Map<String, Map<String, Set<Integer>>> index = new HashMap<>();
    /** Records in the log that no longer describe a live document (replaced puts, deleted puts, tombstones). */
    private long garbage;

    public static Builder builder(EmbeddingModel embeddingModel, Path directory) {
        return new Builder(embeddingModel, directory);
    }

    /**
     * Opens (or creates) the store kept in {@code directory}, without indexed keys, importing an
     * earlier version's JSON file found there.
     */
    public static LogVectorStore open(EmbeddingModel embeddingModel, Path directory) {
        return builder(embeddingModel, directory).build();
    }

    private LogVectorStore(Builder builder) {
        super(builder);
        this.dimensions = embeddingModel.dimensions();
        this.compactAfterGarbage = builder.compactAfterGarbage;
        builder.indexedKeys.forEach(key -> index.put(key, new HashMap<>()));
        Path directory = builder.directory.toAbsolutePath();
        long started = System.nanoTime();
        this.file = openLog(directory.resolve(FILE_NAME));
        log.info("Vector memory: {} document(s) read from {} in {} ms", slotById.size(), file.file(),
                (System.nanoTime() - started) / 1_000_000);
        importLegacy(directory.resolve(LegacyVectorFile.NAME));
        changes.lock();
        try {
            compactIfWorthIt();
        } finally {
            changes.unlock();
        }
    }

    private VectorLog openLog(Path path) {
        try {
            try {
                return VectorLog.open(path, dimensions, this::replay);
            } catch (VectorLog.WrongDimensions e) {
                Path aside = path.resolveSibling(path.getFileName() + ".other-model");
                log.warn("{}; it is kept as {} and the vector memory starts empty", e.getMessage(), aside);
                Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
                return VectorLog.open(path, dimensions, this::replay);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the vector log " + path, e);
        }
    }

    private void replay(VectorLog.Record record) {
        switch (record) {
            case VectorLog.Put put -> garbage += remember(put) ? 1 : 0;
            case VectorLog.Delete delete -> garbage += forget(delete.id()) ? 2 : 1;
        }
    }

    private void importLegacy(Path legacy) {
        if (!Files.isRegularFile(legacy)) {
            return;
        }
        long started = System.nanoTime();
        List<LegacyVectorFile.Entry> documents;
        try {
            documents = LegacyVectorFile.read(legacy);
        } catch (RuntimeException e) {
            log.warn("The earlier vector memory {} cannot be read ({}); it is left where it is and not imported", legacy, e.getMessage());
            return;
        }
        var puts = new ArrayList<VectorLog.Put>(documents.size());
        int embedded = 0;
        for (LegacyVectorFile.Entry document : documents) {
            float[] vector = document.embedding();
            if (vector == null || vector.length != dimensions) { // written by another embedding model: embed the text again
                vector = embeddingModel.embed(document.text());
                embedded++;
            }
            puts.add(new VectorLog.Put(document.id(), document.text(), frozen(document.metadata()), unit(vector)));
        }
        // Puts replace by id, so a crash before the rename below only means the next start imports the same documents again.
        store(puts);
        try {
            file.force();
            Files.move(legacy, legacy.resolveSibling(legacy.getFileName() + ".imported"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish importing " + legacy, e);
        }
        log.info("Vector memory: {} document(s) imported from {} ({} embedded again) in {} ms; the file is kept as {}.imported",
                puts.size(), legacy, embedded, (System.nanoTime() - started) / 1_000_000, legacy.getFileName());
    }

    // --- changes ------------------------------------------------------------------------------------

    @Override
    public void doAdd(List<Document> documents) {
        var puts = new ArrayList<VectorLog.Put>(documents.size());
        for (Document document : documents) {
            // Embedding is the slow part and needs no lock.
            puts.add(new VectorLog.Put(document.getId(), Objects.requireNonNullElse(document.getText(), ""),
                    frozen(document.getMetadata()), unit(embeddingModel.embed(document))));
        }
        store(puts);
    }

    @Override
    public void doDelete(List<String> ids) {
        changes.lock();
        try {
            var deletes = new ArrayList<VectorLog.Delete>();
            for (String id : new LinkedHashSet<>(ids)) {
                if (slotById.containsKey(id)) {
                    deletes.add(new VectorLog.Delete(id));
                }
            }
            if (deletes.isEmpty()) {
                return;
            }
            file.append(deletes);
            memory.writeLock().lock();
            try {
                deletes.forEach(delete -> forget(delete.id()));
            } finally {
                memory.writeLock().unlock();
            }
            garbage += 2L * deletes.size();
            changed();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the vector log " + file.file(), e);
        } finally {
            changes.unlock();
        }
    }

    @Override
    public void doDelete(Filter.Expression expression) {
        Predicate<Map<String, Object>> matches = MetadataFilter.of(expression);
        changes.lock(); // no change between choosing the documents and deleting them
        try {
            var ids = new ArrayList<String>();
            Set<Integer> candidates = candidates(expression);
            if (candidates == null) {
                for (int slot = 0; slot < slots; slot++) {
                    Entry entry = entries[slot];
                    if (entry != null && matches.test(entry.metadata())) {
                        ids.add(entry.id());
                    }
                }
            } else {
                for (int slot : candidates) {
                    if (matches.test(entries[slot].metadata())) {
                        ids.add(entries[slot].id());
                    }
                }
            }
            doDelete(ids);
        } finally {
            changes.unlock();
        }
    }

    private void store(List<VectorLog.Put> puts) {
        if (puts.isEmpty()) {
            return;
        }
        changes.lock();
        try {
            file.append(puts); // the log first: what searches see is always in the log
            memory.writeLock().lock();
            try {
                for (VectorLog.Put put : puts) {
                    garbage += remember(put) ? 1 : 0;
                }
            } finally {
                memory.writeLock().unlock();
            }
            changed();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the vector log " + file.file(), e);
        } finally {
            changes.unlock();
        }
    }

    /** Puts the document in memory; true when it replaced one with the same id. */
    private boolean remember(VectorLog.Put put) {
        Integer existing = slotById.get(put.id());
        int slot = existing != null ? existing : freeSlot();
        if (existing != null) {
            unindex(slot);
        }
        System.arraycopy(put.vector(), 0, vectors, slot * dimensions, dimensions);
        entries[slot] = new Entry(put.id(), put.text(), put.metadata());
        slotById.put(put.id(), slot);
        index.forEach((key, slotsByValue) -> {
            if (put.metadata().get(key) instanceof String value) {
                slotsByValue.computeIfAbsent(value, any -> new HashSet<>()).add(slot);
            }
        });
        return existing != null;
    }

    /** Takes the document out of memory; true when it was there. */
    private boolean forget(String id) {
        Integer slot = slotById.remove(id);
        if (slot == null) {
            return false;
        }
        unindex(slot);
        entries[slot] = null;
        if (freeSlotCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
        }
        freeSlots[freeSlotCount++] = slot;
        return true;
    }

    private void unindex(int slot) {
        Map<String, Object> metadata = entries[slot].metadata();
        index.forEach((key, slotsByValue) -> {
            if (metadata.get(key) instanceof String value) {
                Set<Integer> holding = slotsByValue.get(value);
                holding.remove(slot);
                if (holding.isEmpty()) {
                    slotsByValue.remove(value);
                }
            }
        });
    }

    /**
     * The only slots that can pass the filter, from the index: the fewest of those holding a value the
     * filter requires. {@code null} when the index cannot narrow the search.
     */
    private Set<Integer> candidates(Filter.Expression filter) {
        Set<Integer> fewest = null;
        for (Map.Entry<String, String> required : MetadataFilter.requiredEqualities(filter).entrySet()) {
            Map<String, Set<Integer>> slotsByValue = index.get(required.getKey());
            if (slotsByValue != null) {
                Set<Integer> holding = slotsByValue.getOrDefault(required.getValue(), Set.of());
                if (fewest == null || holding.size() < fewest.size()) {
                    fewest = holding;
                }
            }
        }
        return fewest;
    }

    private int freeSlot() {
        if (freeSlotCount > 0) {
            return freeSlots[--freeSlotCount];
        }
        if (slots == entries.length) {
            int capacity = Math.max(64, entries.length * 2);
            entries = Arrays.copyOf(entries, capacity);
            vectors = Arrays.copyOf(vectors, capacity * dimensions);
        }
        return slots++;
    }

    private void changed() {
        compactIfWorthIt();
        if (syncScheduled.compareAndSet(false, true)) {
            syncer.schedule(this::sync, SYNC_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void sync() {
        syncScheduled.set(false);
        try {
            file.force();
        } catch (IOException | RuntimeException e) {
            log.warn("The vector log could not be forced to disk ({}); it is tried again after the next change", e.getMessage());
        }
    }

    private void compactIfWorthIt() {
        if (garbage >= compactAfterGarbage && garbage > slotById.size()) {
            compact();
        }
    }

    /**
     * Rewrites the log with the live documents only. Searches go on meanwhile; changes wait. Runs by
     * itself when more than half of the log is garbage.
     */
    public void compact() {
        changes.lock();
        try {
            long started = System.nanoTime();
            long before = file.size();
            // No lock on memory: only holders of `changes` modify it, and searches only read.
            file.rewrite(liveDocuments());
            long dropped = garbage;
            garbage = 0;
            log.info("Vector log compacted: {} document(s) kept, {} obsolete record(s) dropped, {} MB to {} MB, in {} ms",
                    slotById.size(), dropped, before >> 20, file.size() >> 20, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compact the vector log " + file.file(), e);
        } finally {
            changes.unlock();
        }
    }

    private Iterator<VectorLog.Put> liveDocuments() {
        return new Iterator<>() {
            private int slot = next(0);

            private int next(int from) {
                while (from < slots && entries[from] == null) {
                    from++;
                }
                return from;
            }

            @Override
            public boolean hasNext() {
                return slot < slots;
            }

            @Override
            public VectorLog.Put next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Entry entry = entries[slot];
                float[] vector = Arrays.copyOfRange(vectors, slot * dimensions, (slot + 1) * dimensions);
                slot = next(slot + 1);
                return new VectorLog.Put(entry.id(), entry.text(), entry.metadata(), vector);
            }
        };
    }

    // --- search -------------------------------------------------------------------------------------

    @Override
    public List<Document> doSimilaritySearch(SearchRequest request) {
        float[] query = unit(embeddingModel.embed(request.getQuery()));
        Predicate<Map<String, Object>> filter = request.hasFilterExpression() ? MetadataFilter.of(request.getFilterExpression()) : null;
        double threshold = request.getSimilarityThreshold();
        memory.readLock().lock();
        try {
            var nearest = new Nearest(Math.min(request.getTopK(), slotById.size()));
            Set<Integer> candidates = filter == null ? null : candidates(request.getFilterExpression());
            if (candidates != null) {
                for (int slot : candidates) {
                    if (filter.test(entries[slot].metadata())) {
                        offer(nearest, slot, query, threshold);
                    }
                }
            } else {
                for (int slot = 0; slot < slots; slot++) {
                    Entry entry = entries[slot];
                    if (entry != null && (filter == null || filter.test(entry.metadata()))) {
                        offer(nearest, slot, query, threshold);
                    }
                }
            }
            return nearest.documents(entries);
        } finally {
            memory.readLock().unlock();
        }
    }

    private void offer(Nearest nearest, int slot, float[] query, double threshold) {
        float score = dot(vectors, slot * dimensions, query);
        if (score >= threshold) {
            nearest.offer(slot, score);
        }
    }

    /** The dot product of {@code query} with the vector at {@code offset}; four sums let the CPU overlap the additions. */
    static float dot(float[] vectors, int offset, float[] query) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (int n = query.length - 3; i < n; i += 4) {
            s0 += vectors[offset + i] * query[i];
            s1 += vectors[offset + i + 1] * query[i + 1];
            s2 += vectors[offset + i + 2] * query[i + 2];
            s3 += vectors[offset + i + 3] * query[i + 3];
        }
        for (; i < query.length; i++) {
            s0 += vectors[offset + i] * query[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The best {@code k} slots seen so far: a min-heap on score, so a worse slot is refused in one comparison. */
    private static final class Nearest {
        private final int[] slots;
        private final float[] scores;
        private int size;

        Nearest(int k) {
            slots = new int[Math.max(0, k)];
            scores = new float[slots.length];
        }

        void offer(int slot, float score) {
            if (size < slots.length) {
                slots[size] = slot;
                scores[size] = score;
                up(size++);
            } else if (size > 0 && score > scores[0]) {
                slots[0] = slot;
                scores[0] = score;
                down(0);
            }
        }

        private void up(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (scores[parent] <= scores[i]) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void down(int i) {
            while (true) {
                int smallest = i;
                int left = 2 * i + 1;
                int right = left + 1;
                if (left < size && scores[left] < scores[smallest]) {
                    smallest = left;
                }
                if (right < size && scores[right] < scores[smallest]) {
                    smallest = right;
                }
                if (smallest == i) {
                    return;
                }
                swap(i, smallest);
                i = smallest;
            }
        }

        private void swap(int a, int b) {
            int slot = slots[a];
            slots[a] = slots[b];
            slots[b] = slot;
            float score = scores[a];
            scores[a] = scores[b];
            scores[b] = score;
        }

        /** The documents, closest first, with their score and cosine distance as Spring AI's stores give them. */
        List<Document> documents(Entry[] entries) {
            var documents = new ArrayList<Document>(size);
            while (size > 0) {
                Entry entry = entries[slots[0]];
                double score = scores[0];
                var metadata = new HashMap<String, Object>(entry.metadata());
                metadata.put(DocumentMetadata.DISTANCE.value(), 1 - score);
                documents.add(Document.builder().id(entry.id()).text(entry.text()).metadata(metadata).score(score).build());
                slots[0] = slots[--size];
                scores[0] = scores[size];
                down(0);
            }
            Collections.reverse(documents);
            return documents;
        }
    }

    // --- the rest -----------------------------------------------------------------------------------

    /** Documents held. */
    public int size() {
        memory.readLock().lock();
        try {
            return slotById.size();
        } finally {
            memory.readLock().unlock();
        }
    }

    Path file() {
        return file.file();
    }

    @Override
    public VectorStoreObservationContext.Builder createObservationContextBuilder(String operationName) {
        return VectorStoreObservationContext.builder(VectorStoreProvider.SIMPLE.value(), operationName)
                .dimensions(dimensions)
                .collectionName(FILE_NAME)
                .similarityMetric(VectorStoreSimilarityMetric.COSINE.value());
    }

    /** Forces what was written to disk and closes the log; the store cannot be changed afterwards. */
    @Override
    public void close() {
        syncer.shutdown(); // not shutdownNow: interrupting a thread in FileChannel.force would close the channel
        changes.lock();
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the vector log " + file.file(), e);
        } finally {
            changes.unlock();
        }
    }

    private static Map<String, Object> frozen(Map<String, Object> metadata) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The vector scaled to length 1 (a copy), so a dot product is the cosine similarity. */
    static float[] unit(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        float[] unit = vector.clone();
        if (sum > 0) {
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < unit.length; i++) {
                unit[i] *= scale;
            }
        }
        return unit;
    }

    /** Settings of a {@link LogVectorStore}: where it keeps its log, and when the log is compacted. */
    public static final class Builder extends AbstractVectorStoreBuilder<Builder> {

        private final Path directory;
        private int compactAfterGarbage = DEFAULT_COMPACT_AFTER_GARBAGE;
        private Set<String> indexedKeys = Set.of();

        private Builder(EmbeddingModel embeddingModel, Path directory) {
            super(embeddingModel);
            this.directory = directory;
        }

        /** Compact only once at least this many records are garbage (and more than half of the log is). */
        public Builder compactAfterGarbage(int records) {
            this.compactAfterGarbage = records;
            return this;
        }

        /** Metadata keys that filters compare with text by equality, to be indexed (a few hundred bytes per document each). */
        public Builder indexedKeys(Set<String> keys) {
            this.indexedKeys = Set.copyOf(keys);
            return this;
        }

        @Override
        public LogVectorStore build() {
            return new LogVectorStore(this);
        }
    }
}
