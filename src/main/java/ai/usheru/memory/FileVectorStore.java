package ai.usheru.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * The in-process vector store of the embedded mode: Spring AI's {@link SimpleVectorStore} (exact
 * cosine search over every vector), written to one JSON file after each change and read back at
 * start-up. The file is replaced atomically, so a crash leaves the previous version, never half of one.
 */
public final class FileVectorStore extends SimpleVectorStore {

    private final Path file;
    private final Object writes = new Object();

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
            persist();
        }
    }

    @Override
    public void doDelete(List<String> ids) {
        synchronized (writes) {
            super.doDelete(ids);
            persist();
        }
    }

    @Override
    public void doDelete(Filter.Expression filter) {
        synchronized (writes) {
            super.doDelete(filter);
            persist();
        }
    }

    private void persist() {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            save(next.toFile());
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the vector store to " + file, e);
        }
    }
}
