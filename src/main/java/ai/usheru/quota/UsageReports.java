package ai.usheru.quota;

import static ai.usheru.db.Tables.CLIENTS;
import static ai.usheru.db.Tables.USAGE_RECORDS;
import static ai.usheru.db.Tables.USERS;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

/** Sums of the settled usage ledger over a period, grouped as a report asks. */
@Repository
class UsageReports {

    static final String NO_CLIENT = "no client";

    private final DSLContext db;

    UsageReports(DSLContext db) {
        this.db = db;
    }

    /** One row per group with settled usage in {@code [from, to]} (UTC days), biggest cost first (days in order). */
    List<UsageReport.Row> rows(LocalDate from, LocalDate to, UsageReport.Grouping grouping) {
        Field<String> key = switch (grouping) {
            case USER -> USERS.EMAIL;
            case CLIENT -> DSL.coalesce(CLIENTS.NAME, DSL.inline(NO_CLIENT));
            case MODEL -> DSL.coalesce(USAGE_RECORDS.MODEL_NAME, DSL.inline("offline-planner"));
            case DAY -> DSL.field("({0} AT TIME ZONE 'UTC')::date", SQLDataType.LOCALDATE, USAGE_RECORDS.CREATED_AT)
                    .cast(SQLDataType.VARCHAR);
        };
        var questions = DSL.count();
        var modelQuestions = DSL.count().filterWhere(USAGE_RECORDS.PROMPT_TOKENS.plus(USAGE_RECORDS.COMPLETION_TOKENS).gt(0L));
        var prompt = DSL.coalesce(DSL.sum(USAGE_RECORDS.PROMPT_TOKENS), BigDecimal.ZERO);
        var completion = DSL.coalesce(DSL.sum(USAGE_RECORDS.COMPLETION_TOKENS), BigDecimal.ZERO);
        var cost = DSL.coalesce(DSL.sum(USAGE_RECORDS.COST_USD), BigDecimal.ZERO);
        return db.select(key, questions, modelQuestions, prompt, completion, cost)
                .from(USAGE_RECORDS)
                .join(USERS).on(USERS.ID.eq(USAGE_RECORDS.USER_ID))
                .leftJoin(CLIENTS).on(CLIENTS.ID.eq(USAGE_RECORDS.CLIENT_ID))
                .where(USAGE_RECORDS.STATE.eq("SETTLED"))
                .and(USAGE_RECORDS.CREATED_AT.ge(startOf(from)))
                .and(USAGE_RECORDS.CREATED_AT.lt(startOf(to.plusDays(1))))
                .groupBy(key)
                .orderBy(grouping == UsageReport.Grouping.DAY ? key.asc() : cost.desc(), questions.desc(), key.asc())
                .fetch(row -> new UsageReport.Row(row.value1(), row.value2(), row.value3(), row.value4().longValue(),
                        row.value5().longValue(), row.value6()));
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
