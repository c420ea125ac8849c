package ai.usheru.prompts;

import static ai.usheru.db.Tables.PROMPT_VERSIONS;
import static ai.usheru.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** The prompt_versions table: every text a prompt has had, the highest version being the current one. */
@Repository
public class PromptVersions {

    private final DSLContext db;

    PromptVersions(DSLContext db) {
        this.db = db;
    }

    /** One version of a prompt; {@code changedBy} is the e-mail of who saved it (null once that account is gone). */
    public record PromptVersion(String name, int version, String body, String changedBy, OffsetDateTime changedAt) {}

    /** The current version of each of {@code names} that has one, by name: one read over the primary key. */
    public Map<String, PromptVersion> current(Collection<String> names) {
        return db.selectDistinct(PROMPT_VERSIONS.NAME, PROMPT_VERSIONS.VERSION, PROMPT_VERSIONS.BODY, USERS.EMAIL,
                        PROMPT_VERSIONS.CHANGED_AT)
                .on(PROMPT_VERSIONS.NAME)
                .from(PROMPT_VERSIONS)
                .leftJoin(USERS).on(USERS.ID.eq(PROMPT_VERSIONS.CHANGED_BY))
                .where(PROMPT_VERSIONS.NAME.in(names))
                .orderBy(PROMPT_VERSIONS.NAME, PROMPT_VERSIONS.VERSION.desc())
                .fetch(PromptVersions::toVersion).stream()
                .collect(Collectors.toMap(PromptVersion::name, Function.identity()));
    }

    /** The latest {@code limit} versions of {@code name}, newest first. */
    public List<PromptVersion> history(String name, int limit) {
        return db.select(PROMPT_VERSIONS.NAME, PROMPT_VERSIONS.VERSION, PROMPT_VERSIONS.BODY, USERS.EMAIL, PROMPT_VERSIONS.CHANGED_AT)
                .from(PROMPT_VERSIONS)
                .leftJoin(USERS).on(USERS.ID.eq(PROMPT_VERSIONS.CHANGED_BY))
                .where(PROMPT_VERSIONS.NAME.eq(name))
                .orderBy(PROMPT_VERSIONS.VERSION.desc())
                .limit(limit)
                .fetch(PromptVersions::toVersion);
    }

    public Optional<PromptVersion> find(String name, int version) {
        return db.select(PROMPT_VERSIONS.NAME, PROMPT_VERSIONS.VERSION, PROMPT_VERSIONS.BODY, USERS.EMAIL, PROMPT_VERSIONS.CHANGED_AT)
                .from(PROMPT_VERSIONS)
                .leftJoin(USERS).on(USERS.ID.eq(PROMPT_VERSIONS.CHANGED_BY))
                .where(PROMPT_VERSIONS.NAME.eq(name).and(PROMPT_VERSIONS.VERSION.eq(version)))
                .fetchOptional(PromptVersions::toVersion);
    }

    /**
     * Writes {@code version} of {@code name}; false when that version exists already, that is when
     * someone else saved the prompt since its current version was read.
     */
    public boolean insert(String name, int version, String body, UUID changedBy) {
        return db.insertInto(PROMPT_VERSIONS)
                .set(PROMPT_VERSIONS.NAME, name)
                .set(PROMPT_VERSIONS.VERSION, version)
                .set(PROMPT_VERSIONS.BODY, body)
                .set(PROMPT_VERSIONS.CHANGED_BY, changedBy)
                .onConflictDoNothing()
                .execute() == 1;
    }

    private static PromptVersion toVersion(Record row) {
        return new PromptVersion(row.get(PROMPT_VERSIONS.NAME), row.get(PROMPT_VERSIONS.VERSION), row.get(PROMPT_VERSIONS.BODY),
                row.get(USERS.EMAIL), row.get(PROMPT_VERSIONS.CHANGED_AT));
    }
}
