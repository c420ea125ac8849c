package ai.usheru.ask;

import static ai.usheru.db.Tables.SUGGESTED_QUESTIONS;

import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.usheru.DomainException;

/** Questions admins suggest to everyone on an empty chat. */
@Service
public class SuggestedQuestions {

    private final DSLContext db;

    SuggestedQuestions(DSLContext db) {
        this.db = db;
    }

    /** A suggested question as admins manage it. */
    public record Suggestion(UUID id, String question, int position) {}

    @Transactional(readOnly = true)
    public List<String> enabled() {
        return db.select(SUGGESTED_QUESTIONS.QUESTION).from(SUGGESTED_QUESTIONS)
                .where(SUGGESTED_QUESTIONS.ENABLED.isTrue())
                .orderBy(SUGGESTED_QUESTIONS.POSITION, SUGGESTED_QUESTIONS.CREATED_AT)
                .fetch(SUGGESTED_QUESTIONS.QUESTION);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<Suggestion> all() {
        return db.selectFrom(SUGGESTED_QUESTIONS)
                .orderBy(SUGGESTED_QUESTIONS.POSITION, SUGGESTED_QUESTIONS.CREATED_AT)
                .fetch(row -> new Suggestion(row.getId(), row.getQuestion(), row.getPosition()));
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void add(String question) {
        String text = question == null ? "" : question.strip();
        if (text.isEmpty() || text.length() > 500) {
            throw DomainException.badInput("invalid_question", "A suggested question needs 1 to 500 characters.");
        }
        int next = db.select(DSL.coalesce(DSL.max(SUGGESTED_QUESTIONS.POSITION), 0).plus(1)).from(SUGGESTED_QUESTIONS).fetchSingle().value1();
        db.insertInto(SUGGESTED_QUESTIONS)
                .set(SUGGESTED_QUESTIONS.ID, UUID.randomUUID())
                .set(SUGGESTED_QUESTIONS.QUESTION, text)
                .set(SUGGESTED_QUESTIONS.POSITION, next)
                .execute();
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void remove(UUID id) {
        db.deleteFrom(SUGGESTED_QUESTIONS).where(SUGGESTED_QUESTIONS.ID.eq(id)).execute();
    }
}
