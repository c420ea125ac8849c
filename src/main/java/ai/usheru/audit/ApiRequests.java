package ai.usheru.audit;

import static ai.usheru.db.Tables.API_REQUEST_LOG;
import static ai.usheru.db.Tables.USERS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import ai.usheru.db.tables.records.ApiRequestLogRecord;

/** The {@code api_request_log} table: batches written, pages and summaries read, old rows deleted. */
@Repository
class ApiRequests {

    /** The column's width; a template is never longer in practice, but a cut one is better than a lost batch. */
    private static final int PATH_WIDTH = 400;

    private final DSLContext db;

    ApiRequests(DSLContext db) {
        this.db = db;
    }

    /** One JDBC batch for all the calls. */
    void insert(List<ApiCall> calls) {
        db.batchInsert(calls.stream().map(call -> {
            var row = new ApiRequestLogRecord();
            row.setUserId(call.userId());
            row.setMethod(call.method().length() > 10 ? call.method().substring(0, 10) : call.method());
            row.setPath(call.path().length() > PATH_WIDTH ? call.path().substring(0, PATH_WIDTH) : call.path());
            row.setStatus(call.status());
            row.setDurationMs(call.durationMs());
            row.setCreatedAt(call.at().atOffset(ZoneOffset.UTC));
            return row;
        }).toList()).execute();
    }

    /** Newest first by id. */
    List<ApiRequest> page(ApiRequestFilter filter) {
        Condition where = matching(filter);
        if (filter.paging().before() != null) {
            where = where.and(API_REQUEST_LOG.ID.lt(filter.paging().before()));
        }
        return db.select(API_REQUEST_LOG.ID, USERS.EMAIL, API_REQUEST_LOG.METHOD, API_REQUEST_LOG.PATH, API_REQUEST_LOG.STATUS,
                        API_REQUEST_LOG.DURATION_MS, API_REQUEST_LOG.CREATED_AT)
                .from(API_REQUEST_LOG)
                .leftJoin(USERS).on(USERS.ID.eq(API_REQUEST_LOG.USER_ID))
                .where(where)
                .orderBy(API_REQUEST_LOG.ID.desc())
                .limit(filter.paging().limit())
                .fetch(row -> new ApiRequest(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(), row.value6(),
                        AuditLog.utc(row.value7())));
    }

    /** Counted and ranked in the database, over every call the filter matches. */
    ApiRequestReport.Summary summary(ApiRequestFilter filter) {
        var calls = DSL.count();
        var errors = DSL.count().filterWhere(API_REQUEST_LOG.STATUS.ge(400));
        var p50 = DSL.percentileCont(new BigDecimal("0.5")).withinGroupOrderBy(API_REQUEST_LOG.DURATION_MS);
        var p95 = DSL.percentileCont(new BigDecimal("0.95")).withinGroupOrderBy(API_REQUEST_LOG.DURATION_MS);
        var row = db.select(calls, errors, p50, p95)
                .from(API_REQUEST_LOG)
                .leftJoin(USERS).on(USERS.ID.eq(API_REQUEST_LOG.USER_ID))
                .where(matching(filter))
                .fetchSingle();
        long total = row.value1();
        return new ApiRequestReport.Summary(total, row.value2(), total == 0 ? 0 : (double) row.value2() / total,
                millis(row.value3()), millis(row.value4()));
    }

    int deleteOlderThan(OffsetDateTime cutoff) {
        return db.deleteFrom(API_REQUEST_LOG).where(API_REQUEST_LOG.CREATED_AT.lt(cutoff)).execute();
    }

    private static Condition matching(ApiRequestFilter filter) {
        Condition where = DSL.noCondition();
        if (filter.user() != null) {
            where = where.and(USERS.EMAIL.containsIgnoreCase(filter.user()));
        }
        if (filter.path() != null) {
            where = where.and(API_REQUEST_LOG.PATH.containsIgnoreCase(filter.path()));
        }
        if (filter.status() != null) {
            where = where.and(API_REQUEST_LOG.STATUS.between(filter.status().low(), filter.status().high()));
        }
        Paging paging = filter.paging();
        if (paging.from() != null) {
            where = where.and(API_REQUEST_LOG.CREATED_AT.ge(paging.from().atOffset(ZoneOffset.UTC)));
        }
        if (paging.until() != null) {
            where = where.and(API_REQUEST_LOG.CREATED_AT.lt(paging.until().atOffset(ZoneOffset.UTC)));
        }
        return where;
    }

    private static Long millis(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue());
    }
}
