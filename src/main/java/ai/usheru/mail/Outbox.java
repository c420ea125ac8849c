package ai.usheru.mail;

import static ai.usheru.db.Tables.MAIL_OUTBOX;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The mail_outbox table: every mail the product writes, with whether it left by SMTP. */
@Repository
class Outbox {

    private final DSLContext db;

    Outbox(DSLContext db) {
        this.db = db;
    }

    UUID add(String recipient, String subject, String body) {
        UUID id = UUID.randomUUID();
        db.insertInto(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.ID, id)
                .set(MAIL_OUTBOX.RECIPIENT, recipient)
                .set(MAIL_OUTBOX.SUBJECT, subject)
                .set(MAIL_OUTBOX.BODY, body)
                .set(MAIL_OUTBOX.STATUS, "OUTBOX")
                .execute();
        return id;
    }

    void markSent(UUID id) {
        db.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.STATUS, "SENT")
                .set(MAIL_OUTBOX.SENT_AT, OffsetDateTime.now())
                .where(MAIL_OUTBOX.ID.eq(id))
                .execute();
    }

    void markFailed(UUID id, String error) {
        db.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.STATUS, "FAILED")
                .set(MAIL_OUTBOX.ERROR, error)
                .where(MAIL_OUTBOX.ID.eq(id))
                .execute();
    }

    List<OutboxMail> latest(int limit) {
        return db.selectFrom(MAIL_OUTBOX)
                .orderBy(MAIL_OUTBOX.CREATED_AT.desc())
                .limit(limit)
                .fetch(row -> new OutboxMail(row.getId(), row.getRecipient(), row.getSubject(), row.getBody(),
                        row.getStatus(), row.getError(), row.getCreatedAt(), row.getSentAt()));
    }
}
