package ai.usheru.accounts;

import static ai.usheru.db.Tables.ADMIN_AUDIT_LOG;

import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The admin audit log: who did what to whom, written in the same transaction as the action. */
@Repository
public class AuditTrail {

    private final DSLContext db;
    private final JsonMapper json;

    AuditTrail(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public void record(UUID actorId, String action, String target, Map<String, ?> details) {
        db.insertInto(ADMIN_AUDIT_LOG)
                .set(ADMIN_AUDIT_LOG.ACTOR_ID, actorId)
                .set(ADMIN_AUDIT_LOG.ACTION, action)
                .set(ADMIN_AUDIT_LOG.TARGET, target)
                .set(ADMIN_AUDIT_LOG.DETAILS, JSONB.valueOf(json.writeValueAsString(details)))
                .execute();
    }
}
