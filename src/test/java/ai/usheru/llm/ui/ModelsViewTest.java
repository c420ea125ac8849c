package ai.usheru.llm.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.llm.LlmModels;
import ai.usheru.support.KaribuTest;

class ModelsViewTest extends KaribuTest {

    @Autowired
    LlmModels models;

    @Test
    void anAdminAddsAModelWithItsPricesFromTheForm() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/models");
        var grid = _get(ModelsView.class).grid();
        int before = GridKt._size(grid);
        String name = "form-model-" + UUID.randomUUID().toString().substring(0, 6);

        ButtonKt._click(_get(Button.class, spec -> spec.withId("new-model")));
        _get(TextField.class, spec -> spec.withLabel("Model name")).setValue(name);
        _get(TextField.class, spec -> spec.withLabel("Endpoint (OpenAI-compatible base URL)")).setValue("http://localhost:11434/v1");
        _get(BigDecimalField.class, spec -> spec.withLabel("Input, USD per million tokens")).setValue(new BigDecimal("0.15"));
        _get(BigDecimalField.class, spec -> spec.withLabel("Output, USD per million tokens")).setValue(new BigDecimal("0.60"));
        ButtonKt._click(_get(Button.class, spec -> spec.withId("save-model")));

        assertThat(GridKt._size(grid)).isEqualTo(before + 1);
        var saved = models.find(name).orElseThrow();
        assertThat(saved.outputUsdPerMillion()).isEqualByComparingTo("0.60");
        assertThat(saved.apiKeySource()).isNull();
    }

    @Test
    void aBadEndpointIsExplainedBesideTheField() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/models");

        ButtonKt._click(_get(Button.class, spec -> spec.withId("new-model")));
        _get(TextField.class, spec -> spec.withLabel("Model name")).setValue("no-endpoint");
        _get(TextField.class, spec -> spec.withLabel("Endpoint (OpenAI-compatible base URL)")).setValue("not a url");
        ButtonKt._click(_get(Button.class, spec -> spec.withId("save-model")));

        var endpoint = _get(TextField.class, spec -> spec.withLabel("Endpoint (OpenAI-compatible base URL)"));
        assertThat(endpoint.isInvalid()).isTrue();
        assertThat(endpoint.getErrorMessage()).contains("http(s) address");
        assertThat(models.find("no-endpoint")).isEmpty();
    }
}
