package ai.usheru.api;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.DomainException;
import ai.usheru.llm.ModelAdministration;

/** Language models over the API: list them, create or update one by name. Admins only. */
@RestController
@RequestMapping("/api/v1/admin/models")
class AdminModelsController {

    private final ModelAdministration administration;

    AdminModelsController(ModelAdministration administration) {
        this.administration = administration;
    }

    record ModelBody(String baseUrl, String apiKeyEnv, BigDecimal inputUsdPerMTok, BigDecimal outputUsdPerMTok, Boolean enabled) {}

    record ModelView(String name, String baseUrl, String apiKeyEnv, boolean keyPresent, BigDecimal inputUsdPerMTok,
            BigDecimal outputUsdPerMTok, boolean enabled, boolean isDefault, int grantedUsers) {

        static ModelView of(ModelAdministration.ModelRow row) {
            var model = row.model();
            return new ModelView(model.name(), model.baseUrl(), row.apiKeyEnv(), row.keyPresent(),
                    model.inputUsdPerMillion().stripTrailingZeros(), model.outputUsdPerMillion().stripTrailingZeros(),
                    model.enabled(), row.isDefault(), row.grantedUsers());
        }
    }

    @Operation(summary = "Every language model")
    @GetMapping
    List<ModelView> list() {
        return administration.all().stream().map(ModelView::of).toList();
    }

    /** Creates the model or replaces its settings; a missing {@code enabled} means enabled. */
    @Operation(summary = "Create or update a language model")
    @Refusals({"invalid_model_name", "invalid_base_url", "invalid_key_source", "invalid_price"})
    @PutMapping("/{name}")
    ModelView save(@PathVariable String name, @RequestBody ModelBody body) {
        if (body == null) {
            throw DomainException.badInput("bad_request", "Send baseUrl, apiKeyEnv, inputUsdPerMTok, outputUsdPerMTok and enabled.");
        }
        administration.save(new ModelAdministration.ModelSettings(name, body.baseUrl(), body.apiKeyEnv(), body.inputUsdPerMTok(),
                body.outputUsdPerMTok(), body.enabled() == null || body.enabled()));
        return administration.all().stream().filter(row -> row.model().name().equals(name.strip())).findFirst().map(ModelView::of)
                .orElseThrow();
    }
}
