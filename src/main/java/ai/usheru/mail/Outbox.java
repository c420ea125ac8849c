package ai.usheru.mail;

import static ai.usheru.db.Tables.MAIL_OUTBOX;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The mail_outbox table: every mail the product writes, as sent, with whether it left by SMTP. */
@Repository
class Outbox {

    private final DSLContext db;

    Outbox(DSLContext db) {
        this.db = db;
    }

    UUID add(String recipient, String subject, String body, String html, byte[] mime) {
        UUID id = UUID.randomUUID();
        db.insertInto(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.ID, id)
                .set(MAIL_OUTBOX.RECIPIENT, recipient)
                .set(MAIL_OUTBOX.SUBJECT, subject)
                .set(MAIL_OUTBOX.BODY, body)
                .set(MAIL_OUTBOX.HTML, html)
                .set(MAIL_OUTBOX.MIME, mime)
                .set(MAIL_OUTBOX.STATUS, "OUTBOX")
                .execute();
        return id;
    }

    record Stored(String recipient, byte[] mime) {}

    Optional<Stored> find(UUID id) {
        return db.select(MAIL_OUTBOX.RECIPIENT, MAIL_OUTBOX.MIME).from(MAIL_OUTBOX).where(MAIL_OUTBOX.ID.eq(id))
                .fetchOptional(row -> new Stored(row.value1(), row.value2()));
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
        return db.select(MAIL_OUTBOX.ID, MAIL_OUTBOX.RECIPIENT, MAIL_OUTBOX.SUBJECT, MAIL_OUTBOX.BODY, MAIL_OUTBOX.HTML,
                        MAIL_OUTBOX.STATUS, MAIL_OUTBOX.ERROR, MAIL_OUTBOX.CREATED_AT, MAIL_OUTBOX.SENT_AT)
                .from(MAIL_OUTBOX)
                .orderBy(MAIL_OUTBOX.CREATED_AT.desc())
                .limit(limit)
                .fetch(row -> new OutboxMail(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(),
                        row.value6(), row.value7(), row.value8(), row.value9()));
    }
}
