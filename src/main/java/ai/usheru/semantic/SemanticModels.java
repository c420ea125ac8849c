package ai.usheru.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Every datamart's semantic model, read once from {@code classpath:semantic/*.json}. */
@Component
public class SemanticModels {

    private final List<SemanticModel> models;

    public SemanticModels(JsonMapper jsonMapper) {
        this.models = List.copyOf(readAll(jsonMapper));
    }

    public List<SemanticModel> all() {
        return models;
    }

    public Optional<SemanticModel> find(String code) {
        return models.stream().filter(model -> model.code().equals(code)).findFirst();
    }

    private static List<SemanticModel> readAll(JsonMapper jsonMapper) {
        try {
            var found = new ArrayList<SemanticModel>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:semantic/*.json")) {
                try (InputStream in = resource.getInputStream()) {
                    found.add(jsonMapper.readValue(in, SemanticModel.class));
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the semantic models", e);
        }
    }
}
