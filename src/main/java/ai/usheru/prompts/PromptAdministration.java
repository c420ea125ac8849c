package ai.usheru.prompts;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ai.usheru.DomainException;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.AuditTrail;
import ai.usheru.accounts.Catalogue;

/**
 * What an admin does with the prompts, from the console or the API: list them, read one with its
 * history, and save a new text (or an old one again). Every save is a new version, written with its
 * audit entry in one transaction; a save that names the version it started from is refused when
 * someone saved another since, so nobody overwrites a change they have not seen.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class PromptAdministration {

    /** Long enough for a page of guidance, short enough to leave the model room for the question. */
    public static final int MAX_LENGTH = 4_000;
    /** The versions a prompt's history shows. */
    static final int HISTORY = 100;

    private final PromptVersions versions;
    private final PromptInstructions instructions;
    private final Catalogue catalogue;
    private final AccountService accounts;
    private final AuditTrail audit;

    PromptAdministration(PromptVersions versions, PromptInstructions instructions, Catalogue catalogue, AccountService accounts,
            AuditTrail audit) {
        this.versions = versions;
        this.instructions = instructions;
        this.catalogue = catalogue;
        this.accounts = accounts;
        this.audit = audit;
    }

    /** A prompt as listed: version 0 (and no author) while it was never saved. */
    public record PromptSummary(String name, String appliesTo, int version, String changedBy, OffsetDateTime changedAt) {}

    /** A prompt's current text and its versions, newest first. */
    public record PromptDetail(String name, String appliesTo, String body, int version, String changedBy, OffsetDateTime changedAt,
            List<PromptVersions.PromptVersion> history) {}

    /** The system prompt, then one per datamart in the catalogue. */
    @Transactional(readOnly = true)
    public List<PromptSummary> all() {
        var names = new LinkedHashMap<String, PromptName>();
        names.put(PromptName.SYSTEM, PromptName.system());
        for (String code : catalogue.datamartCodes()) {
            PromptName name = PromptName.ofDatamart(code);
            names.put(name.value(), name);
        }
        Map<String, PromptVersions.PromptVersion> current = versions.current(names.keySet());
        var summaries = new ArrayList<PromptSummary>();
        for (PromptName name : names.values()) {
            var version = current.get(name.value());
            summaries.add(version == null ? new PromptSummary(name.value(), name.appliesTo(), 0, null, null)
                    : new PromptSummary(name.value(), name.appliesTo(), version.version(), version.changedBy(), version.changedAt()));
        }
        return summaries;
    }

    @Transactional(readOnly = true)
    public PromptDetail get(String name) {
        return detail(known(name));
    }

    /**
     * Saves {@code body} (stripped; empty means no extra instructions) as the next version of the prompt.
     * With {@code expectedVersion}, refused with {@code prompt_changed} unless that is still the current version.
     */
    @Transactional
    public PromptDetail save(String name, String body, Integer expectedVersion) {
        PromptName prompt = known(name);
        String text = checked(body);
        UUID actor = me();
        int version = append(prompt, text, expectedVersion, actor);
        audit.record(actor, "prompt.changed", prompt.value(), Map.of("version", version, "characters", text.length()));
        return detail(prompt);
    }

    /** Saves an earlier version's text again, as a new version; the history keeps both. */
    @Transactional
    public PromptDetail restore(String name, int oldVersion, Integer expectedVersion) {
        PromptName prompt = known(name);
        String text = versions.find(prompt.value(), oldVersion).map(PromptVersions.PromptVersion::body)
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "prompt_version_not_found",
                        "The prompt " + prompt.value() + " has no version " + oldVersion + "."));
        UUID actor = me();
        int version = append(prompt, text, expectedVersion, actor);
        audit.record(actor, "prompt.restored", prompt.value(), Map.of("version", version, "restoredFrom", oldVersion));
        return detail(prompt);
    }

    private int append(PromptName prompt, String text, Integer expectedVersion, UUID actor) {
        if (expectedVersion != null && expectedVersion < 0) {
            throw DomainException.badInput("invalid_version", "The version is the number of the prompt's current version, 0 or more.");
        }
        var current = versions.current(List.of(prompt.value())).get(prompt.value());
        int currentVersion = current == null ? 0 : current.version();
        if (expectedVersion != null && expectedVersion != currentVersion) {
            throw changed(prompt, current);
        }
        if (!versions.insert(prompt.value(), currentVersion + 1, text, actor)) {
            throw changed(prompt, versions.current(List.of(prompt.value())).get(prompt.value()));
        }
        forgetAfterCommit();
        return currentVersion + 1;
    }

    private static DomainException changed(PromptName prompt, PromptVersions.PromptVersion current) {
        String by = current == null || current.changedBy() == null ? "" : " by " + current.changedBy();
        return new DomainException(DomainException.Kind.CONFLICT, "prompt_changed",
                "Someone saved " + prompt.value() + " meanwhile" + (current == null ? "" : " (now version " + current.version() + by + ")")
                        + ". Read it again before saving.");
    }

    private void forgetAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    instructions.forget();
                }
            });
        } else {
            instructions.forget();
        }
    }

    private PromptName known(String name) {
        PromptName prompt = PromptName.parse(name == null ? null : name.strip());
        if (prompt == null || !prompt.isSystem() && !catalogue.datamartCodes().contains(prompt.datamart())) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "prompt_not_found",
                    "There is no prompt '" + name + "'. Prompts are 'system' and 'datamart:<code>' for each datamart.");
        }
        return prompt;
    }

    private static String checked(String body) {
        if (body == null) {
            throw DomainException.badInput("bad_request", "Send the prompt's text as \"body\" (an empty text means no extra instructions).");
        }
        String text = body.strip();
        if (text.length() > MAX_LENGTH) {
            throw DomainException.badInput("prompt_too_long",
                    "A prompt is at most " + MAX_LENGTH + " characters; this one has " + text.length() + ".");
        }
        return text;
    }

    private PromptDetail detail(PromptName prompt) {
        var history = versions.history(prompt.value(), HISTORY);
        if (history.isEmpty()) {
            return new PromptDetail(prompt.value(), prompt.appliesTo(), "", 0, null, null, List.of());
        }
        var current = history.getFirst();
        return new PromptDetail(prompt.value(), prompt.appliesTo(), current.body(), current.version(), current.changedBy(),
                current.changedAt(), history);
    }

    private UUID me() {
        return accounts.current().id();
    }
}
