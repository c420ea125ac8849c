package ai.usheru.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import ai.usheru.AppProperties;
import ai.usheru.semantic.SemanticModels;
import ai.usheru.warehouse.DuckDbWarehouse;

/** A real DuckDB warehouse for tests that need no Spring context, and a way to read rows from it. */
public final class TestWarehouse {

    public static final String MART = "usheru_data_mart";

    private TestWarehouse() {}

    /** Loads the demo datamart into {@code dataDir} (about a second) and opens it read-only. */
    public static DuckDbWarehouse start(Path dataDir) {
        return new DuckDbWarehouse(properties(dataDir), models(), event -> { });
    }

    public static SemanticModels models() {
        return new SemanticModels(JsonMapper.builder().build());
    }

    public static AppProperties properties(Path dataDir) {
        return new AppProperties(dataDir, "http://localhost", new AppProperties.Admin("admin@usheru.test", null),
                new AppProperties.Mail("usheru <test@usheru.test>"), new AppProperties.Api(Duration.ofHours(1)),
                new AppProperties.Query(1000, Duration.ofSeconds(30), Duration.ofSeconds(60), 2, 0, Duration.ofSeconds(5)),
                new AppProperties.Llm(2, Duration.ofSeconds(30), false, "json_schema", 1000), new AppProperties.Memory("file", 4, 6, 2),
                new AppProperties.Insights(false, Duration.ofMinutes(15), 8, 20, 5, 8));
    }

    /** Every row of {@code sql}, with DuckDB's big integers and decimals as longs. */
    public static List<List<Object>> rows(DuckDbWarehouse warehouse, String sql) throws SQLException {
        var rows = new ArrayList<List<Object>>();
        try (Connection connection = warehouse.connect(MART);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                var row = new ArrayList<Object>();
                for (int column = 1; column <= columns; column++) {
                    Object value = result.getObject(column);
                    row.add(value instanceof BigInteger big ? big.longValue()
                            : value instanceof BigDecimal decimal && decimal.scale() <= 0 ? decimal.longValue() : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
