package ai.usheru.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.DomainException;
import ai.usheru.prompts.PromptAdministration;

/**
 * The prompts over the API: list them, read one with its history, save a new text. Names are
 * {@code system} and {@code datamart:<code>}. Admins only.
 */
@RestController
@RequestMapping("/api/v1/admin/prompts")
class AdminPromptsController {

    private final PromptAdministration administration;

    AdminPromptsController(PromptAdministration administration) {
        this.administration = administration;
    }

    /** The new text, and the version it was written from when the caller wants a change made meanwhile refused. */
    record PromptBody(String body, Integer version) {}

    @Operation(summary = "The system prompt and one per datamart")
    @GetMapping
    List<PromptAdministration.PromptSummary> list() {
        return administration.all();
    }

    @Operation(summary = "A prompt with its history")
    @Refusals({"prompt_not_found"})
    @GetMapping("/{name}")
    PromptAdministration.PromptDetail get(@PathVariable String name) {
        return administration.get(name);
    }

    @Operation(summary = "Save a new version of a prompt")
    @Refusals({"prompt_changed", "prompt_too_long", "invalid_version", "prompt_not_found"})
    @PutMapping("/{name}")
    PromptAdministration.PromptDetail save(@PathVariable String name, @RequestBody PromptBody body) {
        if (body == null) {
            throw DomainException.badInput("bad_request", "Send {\"body\": \"...\"}, with \"version\" to refuse a change made meanwhile.");
        }
        return administration.save(name, body.body(), body.version());
    }
}
