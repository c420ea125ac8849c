package ai.usheru.insights;

import static ai.usheru.db.Tables.DIGESTS;
import static ai.usheru.db.Tables.INSIGHTS;
import static ai.usheru.db.Tables.INSIGHT_COMPUTATIONS;
import static ai.usheru.db.Tables.INSIGHT_RUNS;
import static ai.usheru.db.Tables.INSIGHT_WEEKS;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The insights, the scopes and weeks computed, the job's runs and the digests sent. Every insert that
 * could be repeated (a re-run, a second instance) does nothing the second time, by the tables' keys.
 */
@Repository
class InsightStore {

    private final DSLContext db;
    private final JsonMapper json;

    InsightStore(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    boolean computed(String scopeKey, LocalDate week) {
        return db.fetchExists(INSIGHT_COMPUTATIONS,
                INSIGHT_COMPUTATIONS.SCOPE_KEY.eq(scopeKey).and(INSIGHT_COMPUTATIONS.WEEK_START.eq(week)));
    }

    /** Stores a scope's insights of a week and marks it computed; a second save of the same adds nothing. */
    void save(String scopeKey, LocalDate week, List<Insight> insights) {
        for (Insight insight : insights) {
            db.insertInto(INSIGHTS)
                    .set(INSIGHTS.ID, UUID.randomUUID())
                    .set(INSIGHTS.SCOPE_KEY, scopeKey)
                    .set(INSIGHTS.WEEK_START, week)
                    .set(INSIGHTS.KIND, insight.kind())
                    .set(INSIGHTS.SUBJECT, insight.subject())
                    .set(INSIGHTS.TITLE, insight.title())
                    .set(INSIGHTS.BODY, insight.body())
                    .set(INSIGHTS.DATA, JSONB.valueOf(json.writeValueAsString(insight.data())))
                    .set(INSIGHTS.QUESTION, insight.question())
                    .set(INSIGHTS.SQL_TEXT, insight.sql())
                    .set(INSIGHTS.SCORE, insight.score())
                    .onConflictDoNothing()
                    .execute();
        }
        db.insertInto(INSIGHT_COMPUTATIONS)
                .set(INSIGHT_COMPUTATIONS.SCOPE_KEY, scopeKey)
                .set(INSIGHT_COMPUTATIONS.WEEK_START, week)
                .set(INSIGHT_COMPUTATIONS.INSIGHTS, insights.size())
                .onConflictDoNothing()
                .execute();
    }

    /** A scope's insights of a week, the strongest first. */
    List<Insight> find(String scopeKey, LocalDate week) {
        return db.selectFrom(INSIGHTS)
                .where(INSIGHTS.SCOPE_KEY.eq(scopeKey).and(INSIGHTS.WEEK_START.eq(week)))
                .orderBy(INSIGHTS.SCORE.desc(), INSIGHTS.KIND, INSIGHTS.SUBJECT)
                .fetch(row -> new Insight(row.getId(), row.getKind(), row.getSubject(), row.getTitle(), row.getBody(),
                        row.getData() == null ? Map.of() : json.readValue(row.getData().data(), new TypeReference<Map<String, Object>>() {}),
                        row.getQuestion(), row.getSqlText(), row.getScore()));
    }

    Optional<LocalDate> lastProcessedWeek() {
        return Optional.ofNullable(db.select(org.jooq.impl.DSL.max(INSIGHT_WEEKS.WEEK_START)).from(INSIGHT_WEEKS).fetchOne().value1());
    }

    void markProcessed(LocalDate week) {
        db.insertInto(INSIGHT_WEEKS).set(INSIGHT_WEEKS.WEEK_START, week).onConflictDoNothing().execute();
    }

    /** Weeks processed since {@code since}, oldest first: the weeks whose digests may still be due. */
    List<LocalDate> processedSince(OffsetDateTime since) {
        return db.select(INSIGHT_WEEKS.WEEK_START).from(INSIGHT_WEEKS).where(INSIGHT_WEEKS.COMPUTED_AT.ge(since))
                .orderBy(INSIGHT_WEEKS.WEEK_START).fetch(INSIGHT_WEEKS.WEEK_START);
    }

    boolean processed(LocalDate week) {
        return db.fetchExists(INSIGHT_WEEKS, INSIGHT_WEEKS.WEEK_START.eq(week));
    }

    // The job's runs

    UUID startRun(LocalDate week, String trigger, String instance) {
        UUID id = UUID.randomUUID();
        db.insertInto(INSIGHT_RUNS).set(INSIGHT_RUNS.ID, id).set(INSIGHT_RUNS.WEEK_START, week)
                .set(INSIGHT_RUNS.TRIGGER, trigger).set(INSIGHT_RUNS.INSTANCE, instance).execute();
        return id;
    }

    void finishRun(UUID id, int scopes, int insights, int digests, int failures, String error) {
        db.update(INSIGHT_RUNS).set(INSIGHT_RUNS.FINISHED_AT, OffsetDateTime.now()).set(INSIGHT_RUNS.SCOPES, scopes)
                .set(INSIGHT_RUNS.INSIGHTS, insights).set(INSIGHT_RUNS.DIGESTS, digests).set(INSIGHT_RUNS.FAILURES, failures)
                .set(INSIGHT_RUNS.ERROR, error).where(INSIGHT_RUNS.ID.eq(id)).execute();
    }

    List<InsightRun> runs(int limit) {
        return db.selectFrom(INSIGHT_RUNS).orderBy(INSIGHT_RUNS.STARTED_AT.desc()).limit(limit)
                .fetch(row -> new InsightRun(row.getId(), row.getWeekStart(), row.getTrigger(), row.getInstance(),
                        row.getStartedAt(), row.getFinishedAt(), row.getScopes(), row.getInsights(), row.getDigests(),
                        row.getFailures(), row.getError()));
    }

    // Digests

    boolean digestSent(UUID userId, LocalDate week) {
        return db.fetchExists(DIGESTS, DIGESTS.USER_ID.eq(userId).and(DIGESTS.WEEK_START.eq(week)));
    }

    /**
     * Records the digest of a user and week, unless one is recorded already (by another instance, or
     * before a restart): true if this call recorded it and so may send it.
     */
    boolean claimDigest(UUID userId, LocalDate week, String status, int insights) {
        return db.insertInto(DIGESTS).set(DIGESTS.USER_ID, userId).set(DIGESTS.WEEK_START, week)
                .set(DIGESTS.STATUS, status).set(DIGESTS.INSIGHTS, insights)
                .onConflictDoNothing().execute() == 1;
    }

    void attachMail(UUID userId, LocalDate week, UUID mailId) {
        db.update(DIGESTS).set(DIGESTS.MAIL_ID, mailId)
                .where(DIGESTS.USER_ID.eq(userId).and(DIGESTS.WEEK_START.eq(week))).execute();
    }
}
