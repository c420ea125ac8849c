package ai.usheru.memory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON file that earlier versions kept the embedded vector memory in (Spring AI's
 * {@code SimpleVectorStore.save}: an object of documents by id, each with its text, metadata and
 * embedding), read once so {@link LogVectorStore} can import it.
 */
final class LegacyVectorFile {

    static final String NAME = "memory.json";

    private LegacyVectorFile() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String id, @JsonAlias("content") String text, Map<String, Object> metadata, float[] embedding) {}

    static List<Entry> read(Path file) {
        Map<String, Entry> documents = JsonMapper.builder().build()
                .readValue(file.toFile(), new TypeReference<Map<String, Entry>>() {});
        var entries = new ArrayList<Entry>(documents.size());
        documents.forEach((id, entry) -> entries.add(new Entry(entry.id() == null ? id : entry.id(),
                entry.text() == null ? "" : entry.text(), entry.metadata() == null ? Map.of() : entry.metadata(), entry.embedding())));
        return entries;
    }
}
