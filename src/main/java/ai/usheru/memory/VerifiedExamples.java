package ai.usheru.memory;

import static ai.usheru.db.Tables.USERS;
import static ai.usheru.db.Tables.VERIFIED_EXAMPLES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.usheru.DomainException;

/**
 * Admins review the question-to-SQL pairs users confirmed with a thumbs-up, and remove a wrong one
 * from the database and from the vector memory, so it is never offered to the model again.
 */
@Service
public class VerifiedExamples {

    private final DSLContext db;
    private final Recall recall;

    VerifiedExamples(DSLContext db, Recall recall) {
        this.db = db;
        this.recall = recall;
    }

    /** An example as admins see it: who confirmed it and when. */
    public record Example(UUID id, String question, String sql, String datamart, String confirmedBy, OffsetDateTime confirmedAt) {}

    @PreAuthorize("hasRole('ADMIN')")
    public List<Example> all() {
        return db.select(VERIFIED_EXAMPLES.ID, VERIFIED_EXAMPLES.QUESTION, VERIFIED_EXAMPLES.SQL_TEXT, VERIFIED_EXAMPLES.DATAMART_CODE,
                        USERS.EMAIL, VERIFIED_EXAMPLES.CREATED_AT)
                .from(VERIFIED_EXAMPLES).leftJoin(USERS).on(USERS.ID.eq(VERIFIED_EXAMPLES.CREATED_BY))
                .orderBy(VERIFIED_EXAMPLES.CREATED_AT.desc())
                .fetch(row -> new Example(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(), row.value6()));
    }

    /** Removes an example; the vector memory forgets it in the background. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void remove(UUID id) {
        if (db.deleteFrom(VERIFIED_EXAMPLES).where(VERIFIED_EXAMPLES.ID.eq(id)).execute() == 0) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "example_not_found", "There is no such example.");
        }
        recall.forgetExample(id);
    }
}
