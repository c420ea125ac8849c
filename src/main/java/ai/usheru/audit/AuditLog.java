package ai.usheru.audit;

import static ai.usheru.db.Tables.ADMIN_AUDIT_LOG;
import static ai.usheru.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the admin audit log that {@code accounts.AuditTrail} writes. */
@Repository
class AuditLog {

    private final DSLContext db;
    private final JsonMapper json;

    AuditLog(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Newest first by id, which follows the order the actions were recorded in. */
    List<AuditEntry> entries(AuditFilter filter) {
        Paging paging = filter.paging();
        Condition where = DSL.noCondition();
        if (filter.actor() != null) {
            where = where.and(USERS.EMAIL.containsIgnoreCase(filter.actor()));
        }
        if (filter.action() != null) {
            where = where.and(ADMIN_AUDIT_LOG.ACTION.eq(filter.action()));
        }
        if (paging.from() != null) {
            where = where.and(ADMIN_AUDIT_LOG.CREATED_AT.ge(paging.from().atOffset(ZoneOffset.UTC)));
        }
        if (paging.until() != null) {
            where = where.and(ADMIN_AUDIT_LOG.CREATED_AT.lt(paging.until().atOffset(ZoneOffset.UTC)));
        }
        if (paging.before() != null) {
            where = where.and(ADMIN_AUDIT_LOG.ID.lt(paging.before()));
        }
        return db.select(ADMIN_AUDIT_LOG.ID, USERS.EMAIL, ADMIN_AUDIT_LOG.ACTION, ADMIN_AUDIT_LOG.TARGET,
                        ADMIN_AUDIT_LOG.DETAILS, ADMIN_AUDIT_LOG.CREATED_AT)
                .from(ADMIN_AUDIT_LOG)
                .leftJoin(USERS).on(USERS.ID.eq(ADMIN_AUDIT_LOG.ACTOR_ID))
                .where(where)
                .orderBy(ADMIN_AUDIT_LOG.ID.desc())
                .limit(paging.limit())
                .fetch(row -> new AuditEntry(row.value1(), row.value2(), row.value3(), row.value4(), detailsOf(row.value5()),
                        utc(row.value6())));
    }

    /** Every action that was ever recorded, for choosing one. */
    List<String> actions() {
        return db.selectDistinct(ADMIN_AUDIT_LOG.ACTION).from(ADMIN_AUDIT_LOG).orderBy(ADMIN_AUDIT_LOG.ACTION)
                .fetch(ADMIN_AUDIT_LOG.ACTION);
    }

    private JsonNode detailsOf(JSONB details) {
        return details == null ? json.createObjectNode() : json.readTree(details.data());
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
