package ai.usheru.api;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.audit.ApiRequestFilter;
import ai.usheru.audit.ApiRequestReport;
import ai.usheru.audit.ApiRequestService;
import ai.usheru.audit.StatusRange;

/** The API request log, newest first with a summary, as JSON or, with {@code Accept: text/csv} or {@code ?format=csv}, as CSV. */
@RestController
@RequestMapping("/api/v1/admin/requests")
class AdminRequestsController {

    private final ApiRequestService requests;

    AdminRequestsController(ApiRequestService requests) {
        this.requests = requests;
    }

    @Operation(summary = "Every API call, newest first, with a summary")
    @Refusals({"invalid_status", "invalid_limit", "invalid_from", "invalid_to", "invalid_period", "invalid_before",
            "invalid_format"})
    @GetMapping(produces = "application/json")
    ResponseEntity<?> report(@RequestParam(required = false) String user, @RequestParam(required = false) String path,
            @RequestParam(required = false) String status, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String before, @RequestParam(required = false) String format) {
        ApiRequestReport report = reportOf(user, path, status, from, to, limit, before);
        return LogParameters.wantsCsv(format) ? csvOf(report) : ResponseEntity.ok(report);
    }

    @Operation(summary = "Every API call, newest first, with a summary")
    @Refusals({"invalid_status", "invalid_limit", "invalid_from", "invalid_to", "invalid_period", "invalid_before",
            "invalid_format"})
    @GetMapping(produces = "text/csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String user, @RequestParam(required = false) String path,
            @RequestParam(required = false) String status, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String before) {
        return csvOf(reportOf(user, path, status, from, to, limit, before));
    }

    private ApiRequestReport reportOf(String user, String path, String status, String from, String to, String limit, String before) {
        return requests.report(new ApiRequestFilter(user, path, StatusRange.parse(status), LogParameters.paging(from, to, limit, before)));
    }

    private static ResponseEntity<String> csvOf(ApiRequestReport report) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"usheru-api-requests.csv\"")
                .header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                .body(report.toCsv());
    }
}
