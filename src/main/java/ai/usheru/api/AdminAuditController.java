package ai.usheru.api;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.audit.AuditFilter;
import ai.usheru.audit.AuditLogService;
import ai.usheru.audit.AuditPage;

/** The admin audit log, newest first, as JSON or, with {@code Accept: text/csv} or {@code ?format=csv}, as CSV. */
@RestController
@RequestMapping("/api/v1/admin/audit")
class AdminAuditController {

    private final AuditLogService audit;

    AdminAuditController(AuditLogService audit) {
        this.audit = audit;
    }

    @Operation(summary = "What admins did, newest first")
    @Refusals({"invalid_limit", "invalid_from", "invalid_to", "invalid_period", "invalid_before", "invalid_format"})
    @GetMapping(produces = "application/json")
    ResponseEntity<?> entries(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String before,
            @RequestParam(required = false) String format) {
        AuditPage page = page(actor, action, from, to, limit, before);
        return LogParameters.wantsCsv(format) ? csvOf(page) : ResponseEntity.ok(page);
    }

    @Operation(summary = "What admins did, newest first")
    @Refusals({"invalid_limit", "invalid_from", "invalid_to", "invalid_period", "invalid_before", "invalid_format"})
    @GetMapping(produces = "text/csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String before) {
        return csvOf(page(actor, action, from, to, limit, before));
    }

    private AuditPage page(String actor, String action, String from, String to, String limit, String before) {
        return audit.entries(new AuditFilter(actor, action, LogParameters.paging(from, to, limit, before)));
    }

    private static ResponseEntity<String> csvOf(AuditPage page) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"usheru-audit-log.csv\"")
                .header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                .body(page.toCsv());
    }
}
