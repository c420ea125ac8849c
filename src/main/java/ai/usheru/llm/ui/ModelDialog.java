package ai.usheru.llm.ui;

import java.util.function.Consumer;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;

import ai.usheru.DomainException;
import ai.usheru.llm.LlmModel;
import ai.usheru.llm.ModelAdministration;

/**
 * Adds a language model or edits one: name (fixed once created), endpoint, the environment variable
 * holding its key, prices per million tokens, enabled. Enter saves, Escape closes; the service's
 * messages appear beside the field they concern.
 */
class ModelDialog extends Dialog {

    final TextField name = new TextField("Model name");
    final TextField baseUrl = new TextField("Endpoint (OpenAI-compatible base URL)");
    final TextField apiKeyEnv = new TextField("API key environment variable");
    final BigDecimalField inputPrice = new BigDecimalField("Input, USD per million tokens");
    final BigDecimalField outputPrice = new BigDecimalField("Output, USD per million tokens");
    final Checkbox enabled = new Checkbox("Enabled: users may be granted it and use it");
    final Button save = new Button("Save model");
    private final Paragraph error = new Paragraph();

    private final ModelAdministration administration;
    private final Consumer<LlmModel> onSaved;

    ModelDialog(ModelAdministration administration, ModelAdministration.ModelRow existing, Consumer<LlmModel> onSaved) {
        this.administration = administration;
        this.onSaved = onSaved;
        setHeaderTitle(existing == null ? "New language model" : "Edit " + existing.model().name());
        setWidth("min(40rem, 100vw)");

        name.setRequiredIndicatorVisible(true);
        name.setPlaceholder("gpt-4o-mini");
        name.setHelperText("As the provider spells it; it is sent with every call.");
        baseUrl.setRequiredIndicatorVisible(true);
        baseUrl.setPlaceholder("https://api.openai.com/v1");
        baseUrl.setHelperText("OpenAI, Azure OpenAI, Ollama (http://localhost:11434/v1), vLLM, LM Studio ...");
        apiKeyEnv.setPlaceholder("OPENAI_API_KEY");
        apiKeyEnv.setHelperText("The key is read from this variable when the model is called and never stored. Empty: no key.");
        for (BigDecimalField price : new BigDecimalField[] {inputPrice, outputPrice}) {
            price.setPrefixComponent(new Span("$"));
            price.setPlaceholder("0");
        }
        enabled.setValue(true);
        if (existing != null) {
            LlmModel model = existing.model();
            name.setValue(model.name());
            name.setReadOnly(true);
            baseUrl.setValue(model.baseUrl());
            apiKeyEnv.setValue(existing.apiKeyEnv());
            inputPrice.setValue(model.inputUsdPerMillion().stripTrailingZeros());
            outputPrice.setValue(model.outputUsdPerMillion().stripTrailingZeros());
            enabled.setValue(model.enabled());
        }

        var form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2));
        form.add(name, baseUrl, apiKeyEnv, inputPrice, outputPrice, enabled);
        form.setColspan(baseUrl, 2);
        form.setColspan(apiKeyEnv, 2);
        form.setColspan(enabled, 2);
        error.addClassName("form-error");
        // Announced by screen readers as soon as its text is set.
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        add(form, error);

        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        save.addClickShortcut(Key.ENTER);
        save.setId("save-model");
        getFooter().add(new Button("Cancel", click -> close()), save);
        // Only on opening: on closing, the dialog gives the focus back to the button that opened it.
        addOpenedChangeListener(opened -> {
            if (opened.isOpened()) {
                (existing == null ? name : baseUrl).focus();
            }
        });
    }

    void save() {
        error.setVisible(false);
        for (var field : new com.vaadin.flow.component.HasValidation[] {name, baseUrl, apiKeyEnv, inputPrice, outputPrice}) {
            field.setInvalid(false);
        }
        try {
            LlmModel saved = administration.save(new ModelAdministration.ModelSettings(name.getValue(), baseUrl.getValue(),
                    apiKeyEnv.getValue(), inputPrice.getValue(), outputPrice.getValue(), enabled.getValue()));
            close();
            onSaved.accept(saved);
        } catch (DomainException e) {
            switch (e.code()) {
                case "invalid_model_name" -> invalid(name, e);
                case "invalid_base_url" -> invalid(baseUrl, e);
                case "invalid_key_source" -> invalid(apiKeyEnv, e);
                case "invalid_price" -> invalid(e.getMessage().contains("input") ? inputPrice : outputPrice, e);
                default -> {
                    error.setText(e.getMessage());
                    error.setVisible(true);
                }
            }
        }
    }

    private static <F extends com.vaadin.flow.component.HasValidation & com.vaadin.flow.component.Focusable<?>> void invalid(F field,
            DomainException e) {
        field.setErrorMessage(e.getMessage());
        field.setInvalid(true);
        field.focus();
    }
}
