package ai.usheru.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import ai.usheru.DomainException;
import ai.usheru.settings.SettingsAdministration;
import ai.usheru.settings.SettingsAdministration.SettingValue;

/**
 * The settings admins may change at run time (the row cap, the query timeout, the default quotas for
 * new users) over the API: list them, override one, reset one to the environment's value. Admins only.
 */
@RestController
@RequestMapping("/api/v1/admin/settings")
class AdminSettingsController {

    private final SettingsAdministration administration;

    AdminSettingsController(SettingsAdministration administration) {
        this.administration = administration;
    }

    /** The new value: a number or a text such as {@code "45s"}; {@code null} or {@code ""} is unlimited for a quota. */
    record SettingBody(JsonNode value) {}

    /** A setting as listed; values are canonical text, null meaning unlimited. */
    record SettingView(String name, String group, String value, @JsonProperty("default") String defaultValue, boolean overridden,
            String description, String allowed) {

        static SettingView of(SettingValue setting) {
            return new SettingView(setting.name(), setting.group().name(), setting.value(), setting.defaultValue(), setting.overridden(),
                    setting.description(), setting.allowed());
        }
    }

    @Operation(summary = "Every setting admins may change, with its value, default and whether it is overridden")
    @GetMapping
    List<SettingView> list() {
        return administration.all().stream().map(SettingView::of).toList();
    }

    @Operation(summary = "Override a setting")
    @Refusals({"invalid_setting", "setting_not_found"})
    @PutMapping("/{name}")
    SettingView change(@PathVariable String name, @RequestBody SettingBody body) {
        if (body == null || body.value() == null || !(body.value().isValueNode() || body.value().isNull())) {
            throw DomainException.badInput("bad_request", "Send {\"value\": ...}: a number, a text such as \"45s\", or null for unlimited.");
        }
        return SettingView.of(administration.change(name, body.value().isNull() ? "" : body.value().asString()));
    }

    @Operation(summary = "Reset a setting to the environment's value")
    @Refusals({"setting_not_found"})
    @DeleteMapping("/{name}")
    SettingView reset(@PathVariable String name) {
        return SettingView.of(administration.reset(name));
    }
}
