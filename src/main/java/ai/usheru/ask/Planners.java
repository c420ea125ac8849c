package ai.usheru.ask;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import ai.usheru.DomainException;
import ai.usheru.ask.planner.OfflinePlanner;
import ai.usheru.ask.planner.Vocabulary;
import ai.usheru.semantic.SemanticModel;
import ai.usheru.semantic.SemanticModels;
import ai.usheru.warehouse.DuckDbWarehouse;

/** One offline planner per datamart, its vocabulary read from the warehouse once at start-up. */
@Component
public class Planners {

    private final Map<String, OfflinePlanner> planners = new LinkedHashMap<>();

    Planners(SemanticModels models, DuckDbWarehouse warehouse) throws SQLException {
        for (SemanticModel model : models.all()) {
            if (warehouse.serves(model.code())) {
                try (Connection connection = warehouse.connect(model.code())) {
                    planners.put(model.code(), new OfflinePlanner(Vocabulary.read(model, connection)));
                }
            }
        }
    }

    public OfflinePlanner forDatamart(String code) {
        OfflinePlanner planner = planners.get(code);
        if (planner == null) {
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "datamart_unavailable", "The datamart " + code + " is not available.");
        }
        return planner;
    }

    public String defaultDatamart() {
        return planners.keySet().iterator().next();
    }
}
