package ai.usheru.memory;

import static ai.usheru.db.Tables.MESSAGES;
import static ai.usheru.db.Tables.THREADS;
import static ai.usheru.db.Tables.VERIFIED_EXAMPLES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import ai.usheru.db.tables.records.MessagesRecord;

/** Threads and their messages. Every read is by owner, so no one reads another user's thread. */
@Repository
public class Threads {

    private final DSLContext db;

    Threads(DSLContext db) {
        this.db = db;
    }

    public ConversationThread create(UUID userId, String title) {
        return db.insertInto(THREADS)
                .set(THREADS.ID, UUID.randomUUID())
                .set(THREADS.USER_ID, userId)
                .set(THREADS.TITLE, title)
                .returning()
                .fetchSingle(row -> new ConversationThread(row.getId(), row.getUserId(), row.getTitle(), row.getCreatedAt(),
                        row.getUpdatedAt()));
    }

    public Optional<ConversationThread> find(UUID userId, UUID threadId) {
        return db.selectFrom(THREADS)
                .where(THREADS.ID.eq(threadId).and(THREADS.USER_ID.eq(userId)))
                .fetchOptional(row -> new ConversationThread(row.getId(), row.getUserId(), row.getTitle(), row.getCreatedAt(),
                        row.getUpdatedAt()));
    }

    public List<ConversationThread> list(UUID userId) {
        return db.selectFrom(THREADS)
                .where(THREADS.USER_ID.eq(userId))
                .orderBy(THREADS.UPDATED_AT.desc())
                .fetch(row -> new ConversationThread(row.getId(), row.getUserId(), row.getTitle(), row.getCreatedAt(),
                        row.getUpdatedAt()));
    }

    /** Appends a user's message at the end of the thread. */
    public StoredMessage append(UUID threadId, String role, String content, String intent) {
        return append(threadId, role, content, intent, null, null, null, null);
    }

    /**
     * Appends a message at the end of the thread; the unique (thread, position) key keeps concurrent
     * appends in order. {@code sql} is what ran, {@code sourceSql} the same before the guard scoped it.
     */
    public StoredMessage append(UUID threadId, String role, String content, String intent, String planJson, String sql,
            String sourceSql, String resultSummaryJson) {
        // One statement takes the next position and inserts (two round trips in all, with the thread's touch).
        var next = DSL.select(DSL.val(UUID.randomUUID()), DSL.val(threadId), DSL.coalesce(DSL.max(MESSAGES.POSITION), -1).plus(1),
                        DSL.val(role), DSL.val(content), DSL.val(intent, MESSAGES.INTENT),
                        DSL.val(planJson == null ? null : JSONB.valueOf(planJson), MESSAGES.PLAN), DSL.val(sql, MESSAGES.SQL_TEXT),
                        DSL.val(sourceSql, MESSAGES.SOURCE_SQL),
                        DSL.val(resultSummaryJson == null ? null : JSONB.valueOf(resultSummaryJson), MESSAGES.RESULT_SUMMARY))
                .from(MESSAGES).where(MESSAGES.THREAD_ID.eq(threadId));
        MessagesRecord stored = db.insertInto(MESSAGES, MESSAGES.ID, MESSAGES.THREAD_ID, MESSAGES.POSITION, MESSAGES.ROLE, MESSAGES.CONTENT,
                        MESSAGES.INTENT, MESSAGES.PLAN, MESSAGES.SQL_TEXT, MESSAGES.SOURCE_SQL, MESSAGES.RESULT_SUMMARY)
                .select(next)
                .returning()
                .fetchSingle();
        db.update(THREADS).set(THREADS.UPDATED_AT, OffsetDateTime.now()).where(THREADS.ID.eq(threadId)).execute();
        return toMessage(stored);
    }

    public boolean rename(UUID userId, UUID threadId, String title) {
        return db.update(THREADS).set(THREADS.TITLE, title)
                .where(THREADS.ID.eq(threadId).and(THREADS.USER_ID.eq(userId))).execute() == 1;
    }

    /** Deletes a thread with its messages (they cascade). */
    public boolean delete(UUID userId, UUID threadId) {
        return db.deleteFrom(THREADS).where(THREADS.ID.eq(threadId).and(THREADS.USER_ID.eq(userId))).execute() == 1;
    }

    /** An assistant message in one of the user's threads. */
    public Optional<StoredMessage> ownedAnswer(UUID userId, UUID messageId) {
        return db.select(MESSAGES.fields()).from(MESSAGES).join(THREADS).on(THREADS.ID.eq(MESSAGES.THREAD_ID))
                .where(MESSAGES.ID.eq(messageId).and(THREADS.USER_ID.eq(userId)).and(MESSAGES.ROLE.eq("assistant")))
                .fetchOptional(row -> toMessage(row.into(MESSAGES)));
    }

    public void setFeedback(UUID messageId, short rating) {
        db.update(MESSAGES).set(MESSAGES.FEEDBACK, rating).where(MESSAGES.ID.eq(messageId)).execute();
    }

    /** The user's question that an answer replied to. */
    public Optional<String> questionBefore(StoredMessage answer) {
        return db.select(MESSAGES.CONTENT).from(MESSAGES)
                .where(MESSAGES.THREAD_ID.eq(answer.threadId()).and(MESSAGES.POSITION.lt(answer.position())).and(MESSAGES.ROLE.eq("user")))
                .orderBy(MESSAGES.POSITION.desc()).limit(1)
                .fetchOptional(MESSAGES.CONTENT);
    }

    /** Keeps a question and the SQL that answered it as confirmed correct; returns the example's id. */
    public UUID addVerifiedExample(String question, String sql, String datamart, UUID userId) {
        UUID id = UUID.randomUUID();
        db.insertInto(VERIFIED_EXAMPLES)
                .set(VERIFIED_EXAMPLES.ID, id)
                .set(VERIFIED_EXAMPLES.QUESTION, question)
                .set(VERIFIED_EXAMPLES.SQL_TEXT, sql)
                .set(VERIFIED_EXAMPLES.DATAMART_CODE, datamart)
                .set(VERIFIED_EXAMPLES.CREATED_BY, userId)
                .execute();
        return id;
    }

    /** A verified example as stored. */
    public record VerifiedExample(UUID id, String question, String sql, String datamart) {}

    /** Verified examples not yet put in the vector memory. */
    public List<VerifiedExample> unindexedExamples() {
        return db.selectFrom(VERIFIED_EXAMPLES).where(VERIFIED_EXAMPLES.INDEXED_AT.isNull()).orderBy(VERIFIED_EXAMPLES.CREATED_AT)
                .fetch(row -> new VerifiedExample(row.getId(), row.getQuestion(), row.getSqlText(), row.getDatamartCode()));
    }

    public void markIndexed(UUID exampleId) {
        db.update(VERIFIED_EXAMPLES).set(VERIFIED_EXAMPLES.INDEXED_AT, OffsetDateTime.now())
                .where(VERIFIED_EXAMPLES.ID.eq(exampleId)).execute();
    }

    public List<StoredMessage> messages(UUID threadId) {
        return db.selectFrom(MESSAGES).where(MESSAGES.THREAD_ID.eq(threadId)).orderBy(MESSAGES.POSITION).fetch(Threads::toMessage);
    }

    /**
     * The plan of the latest answer in the thread that had one: what a follow-up changes. A reading
     * only offered in a clarification is not one: nobody has seen its figure.
     */
    public Optional<String> latestPlanJson(UUID threadId) {
        return db.select(MESSAGES.PLAN).from(MESSAGES)
                .where(MESSAGES.THREAD_ID.eq(threadId).and(MESSAGES.PLAN.isNotNull())
                        .and(MESSAGES.INTENT.isNull().or(MESSAGES.INTENT.ne("clarify"))))
                .orderBy(MESSAGES.POSITION.desc())
                .limit(1)
                .fetchOptional(row -> row.value1().data());
    }

    /** The thread's latest assistant message. */
    public Optional<StoredMessage> lastAnswer(UUID threadId) {
        return db.selectFrom(MESSAGES).where(MESSAGES.THREAD_ID.eq(threadId).and(MESSAGES.ROLE.eq("assistant")))
                .orderBy(MESSAGES.POSITION.desc()).limit(1).fetchOptional(Threads::toMessage);
    }

    private static StoredMessage toMessage(MessagesRecord row) {
        return new StoredMessage(row.getId(), row.getThreadId(), row.getPosition(), row.getRole(), row.getContent(), row.getIntent(),
                row.getPlan() == null ? null : row.getPlan().data(), row.getSqlText(), row.getSourceSql(),
                row.getResultSummary() == null ? null : row.getResultSummary().data(), row.getCreatedAt());
    }
}
