package ai.usheru.settings;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ai.usheru.DomainException;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.AuditTrail;

/**
 * What an admin does with the settings, from the console or the API: list them with their defaults,
 * override one, or reset it to the environment's value. Each change is written with its audit entry
 * (who, old and new value) in one transaction, and this instance reads the settings afresh once it commits.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class SettingsAdministration {

    private final SettingsStore store;
    private final Settings settings;
    private final AccountService accounts;
    private final AuditTrail audit;

    SettingsAdministration(SettingsStore store, Settings settings, AccountService accounts, AuditTrail audit) {
        this.store = store;
        this.settings = settings;
        this.accounts = accounts;
        this.audit = audit;
    }

    /**
     * A setting as shown: the value in force and the environment's default (canonical text, null for
     * unlimited), whether an admin overrode it, and what it does and takes.
     */
    public record SettingValue(String name, Setting.Group group, String value, String defaultValue, boolean overridden,
            String description, String allowed) {}

    /** What is stored now: an admin sees a change made on another instance at once, not up to 5 seconds later. */
    @Transactional(readOnly = true)
    public List<SettingValue> all() {
        settings.forget();
        return Arrays.stream(Setting.values()).map(this::valueOf).toList();
    }

    /** Overrides {@code name} with {@code value} ({@code invalid_setting} naming the range when it is not allowed). */
    @Transactional
    public SettingValue change(String name, String value) {
        Setting setting = known(name);
        String canonical = setting.canonical(value);
        String before = current(setting);
        store.put(setting.key(), canonical == null ? "" : canonical);
        record(setting, "setting.changed", before, canonical);
        return after(setting, canonical, true);
    }

    /** Removes the override of {@code name}, so the environment's value applies again; without one nothing changes. */
    @Transactional
    public SettingValue reset(String name) {
        Setting setting = known(name);
        if (store.lock(setting.key()).isEmpty()) {
            return valueOf(setting);
        }
        String before = current(setting);
        store.delete(setting.key());
        record(setting, "setting.reset", before, settings.defaultOf(setting));
        return after(setting, settings.defaultOf(setting), false);
    }

    private String current(Setting setting) {
        return store.lock(setting.key()).map(stored -> stored.isEmpty() ? null : stored).orElseGet(() -> settings.defaultOf(setting));
    }

    private void record(Setting setting, String action, String before, String after) {
        var details = new LinkedHashMap<String, Object>();
        details.put("from", before == null ? "unlimited" : before);
        details.put("to", after == null ? "unlimited" : after);
        audit.record(accounts.current().id(), action, setting.key(), details);
        forgetAfterCommit();
    }

    private SettingValue after(Setting setting, String value, boolean overridden) {
        return new SettingValue(setting.key(), setting.group(), value, settings.defaultOf(setting), overridden, setting.description(),
                setting.range());
    }

    private SettingValue valueOf(Setting setting) {
        return new SettingValue(setting.key(), setting.group(), settings.value(setting), settings.defaultOf(setting),
                settings.isOverridden(setting), setting.description(), setting.range());
    }

    private void forgetAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    settings.forget();
                }
            });
        } else {
            settings.forget();
        }
    }

    private static Setting known(String name) {
        return Setting.named(name == null ? null : name.strip())
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "setting_not_found",
                        "There is no setting '" + name + "'. Settings are " + Arrays.stream(Setting.values()).map(Setting::key).toList() + "."));
    }
}
