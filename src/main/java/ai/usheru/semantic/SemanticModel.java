package ai.usheru.semantic;

import java.util.List;
import java.util.Optional;

/**
 * The declarative description of one datamart: its tables and columns, and which column carries the
 * region scope. It is the single source the warehouse loader, the planner, the guard and the UI read.
 *
 * @param code the datamart's code, also the warehouse dataset name
 * @param scopeColumn the column of every {@linkplain Table#scoped() scoped} table that holds a region code
 */
public record SemanticModel(
        String code,
        String name,
        String description,
        String warehouse,
        String scopeColumn,
        List<Table> tables) {

    public SemanticModel {
        tables = List.copyOf(tables);
    }

    public Optional<Table> table(String tableName) {
        return tables.stream().filter(table -> table.name().equalsIgnoreCase(tableName)).findFirst();
    }

    /** A table of the datamart. {@code rowCount} is what a complete load holds. */
    public record Table(String name, String description, long rowCount, boolean scoped, List<Column> columns) {

        public Table {
            columns = List.copyOf(columns);
        }
    }

    /** A column with its warehouse type; {@code nullable} defaults to true. */
    public record Column(String name, String type, Boolean nullable, String description) {

        public boolean isNullable() {
            return nullable == null || nullable;
        }
    }
}
