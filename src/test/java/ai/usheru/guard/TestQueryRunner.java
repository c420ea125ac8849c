package ai.usheru.guard;

import java.nio.file.Path;
import java.util.List;

import ai.usheru.support.TestWarehouse;
import ai.usheru.warehouse.DuckDbWarehouse;

/** The production {@link ScopedQueryRunner} (guard, scope, row cap) over a {@link TestWarehouse}, without Spring. */
public final class TestQueryRunner {

    private TestQueryRunner() {}

    public static ScopedQueryRunner over(DuckDbWarehouse warehouse, Path dataDir) {
        return new ScopedQueryRunner(TestWarehouse.models(), List.of(warehouse), TestWarehouse.properties(dataDir));
    }
}
