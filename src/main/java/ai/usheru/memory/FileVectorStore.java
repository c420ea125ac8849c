package ai.usheru.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * The in-process vector store of the embedded mode: Spring AI's {@link SimpleVectorStore} (exact
 * cosine search over every vector), read from one JSON file at start-up and written back shortly
 * after changes (at most once per {@link #WRITE_DELAY}, and on close), so a burst of answers costs
 * one write, not one each. The file is replaced atomically: a crash leaves the previous version,
 * never half of one, and loses at most the last second of changes.
 */
public final class FileVectorStore extends SimpleVectorStore implements AutoCloseable {

    static final Duration WRITE_DELAY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(FileVectorStore.class);

    private final Path file;
    private final Object writes = new Object();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("vector-file-writer").daemon().factory());
    private boolean writeScheduled;
    private boolean dirty;

    public FileVectorStore(EmbeddingModel embeddingModel, Path file) {
        super(SimpleVectorStore.builder(embeddingModel));
        this.file = file.toAbsolutePath();
        if (Files.isRegularFile(this.file)) {
            load(this.file.toFile());
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void doAdd(List<Document> documents) {
        synchronized (writes) {
            super.doAdd(documents);
            changed();
        }
    }

    @Override
    public void doDelete(List<String> ids) {
        synchronized (writes) {
            super.doDelete(ids);
            changed();
        }
    }

    @Override
    public void doDelete(Filter.Expression filter) {
        synchronized (writes) {
            super.doDelete(filter);
            changed();
        }
    }

    /** Writes pending changes now. */
    public void flush() {
        synchronized (writes) {
            writeScheduled = false;
            if (!dirty) {
                return;
            }
            try {
                Files.createDirectories(file.getParent());
                Path next = file.resolveSibling(file.getFileName() + ".next");
                save(next.toFile());
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                dirty = false;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the vector store to " + file, e);
            }
        }
    }

    private void changed() {
        dirty = true;
        if (!writeScheduled) {
            writeScheduled = true;
            writer.schedule(this::flushLogged, WRITE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void flushLogged() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("The vector store could not be written; it is kept in memory and tried again on the next change", e);
        }
    }

    /** Writes what is pending and stops the writer. */
    @Override
    public void close() {
        writer.shutdownNow();
        flush();
    }
}
