package ai.usheru.predict;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import ai.usheru.guard.ScopedQueryRunner;
import ai.usheru.guard.TestQueryRunner;
import ai.usheru.support.TestWarehouse;
import ai.usheru.warehouse.DuckDbWarehouse;

/**
 * The demo warehouse and its film datasets, loaded once for all film-model tests (the datasets are
 * immutable), rather than once per test class.
 */
final class FilmData {

    private static final Path DATA_DIR = Path.of("target", "test-data", "films-" + UUID.randomUUID());
    private static DuckDbWarehouse warehouse;
    private static ScopedQueryRunner queries;
    private static final Map<Set<String>, FilmDataset> DATASETS = new ConcurrentHashMap<>();

    private FilmData() {}

    static synchronized DuckDbWarehouse warehouse() {
        if (warehouse == null) {
            warehouse = TestWarehouse.start(DATA_DIR);
            queries = TestQueryRunner.over(warehouse, DATA_DIR);
            DuckDbWarehouse started = warehouse;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.destroy();
                } catch (Exception e) {
                    // The JVM is ending; the files stay under target/.
                }
            }));
        }
        return warehouse;
    }

    /** The films of a scope: every region for an empty set. */
    static FilmDataset of(Set<String> regions) {
        warehouse();
        return DATASETS.computeIfAbsent(Set.copyOf(regions), scope -> FilmDataset.load(queries, scope));
    }
}
