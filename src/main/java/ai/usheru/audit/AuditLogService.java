package ai.usheru.audit;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admin audit log as admins read it: filtered, newest first, a page at a time. Admins only. */
@Service
public class AuditLogService {

    private final AuditLog log;

    AuditLogService(AuditLog log) {
        this.log = log;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public AuditPage entries(AuditFilter filter) {
        List<AuditEntry> entries = log.entries(filter);
        boolean full = entries.size() == filter.paging().limit();
        return new AuditPage(entries, full ? entries.getLast().id() : null);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<String> actions() {
        return log.actions();
    }
}
