package ai.usheru.memory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * The embedded vector store, read back from its log on a thread of its own while the rest of the
 * application starts (about 2.5 s at 100,000 documents). Every call waits until the store is open,
 * so a search never answers from a half-read memory; it is only the start that no longer waits.
 */
final class BackgroundOpenedVectorStore implements VectorStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundOpenedVectorStore.class);

    private final CompletableFuture<LogVectorStore> opening;

    BackgroundOpenedVectorStore(Supplier<LogVectorStore> open) {
        this.opening = CompletableFuture.supplyAsync(open,
                task -> Thread.ofPlatform().name("vector-memory-open").daemon().start(task));
        opening.exceptionally(failure -> {
            log.error("The vector memory could not be opened; every search and change will fail", failure);
            return null;
        });
    }

    /** The open store, once it is; its opening's failure otherwise. */
    private LogVectorStore store() {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public String getName() {
        return LogVectorStore.class.getSimpleName();
    }

    @Override
    public void add(List<Document> documents) {
        store().add(documents);
    }

    @Override
    public void delete(List<String> ids) {
        store().delete(ids);
    }

    @Override
    public void delete(Filter.Expression filter) {
        store().delete(filter);
    }

    @Override
    public List<Document> similaritySearch(SearchRequest request) {
        return store().similaritySearch(request);
    }

    @Override
    public void close() {
        if (!opening.isCompletedExceptionally()) {
            store().close();
        }
    }
}
