package ai.usheru.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.DomainException;
import ai.usheru.quota.UsageReport;
import ai.usheru.quota.UsageReportService;

/** Token and cost reports for admins, as JSON or, with {@code Accept: text/csv}, as a spreadsheet. */
@RestController
@RequestMapping("/api/v1/admin/usage")
class AdminUsageController {

    private final UsageReportService reports;

    AdminUsageController(UsageReportService reports) {
        this.reports = reports;
    }

    @Operation(summary = "Questions, tokens and cost per user, client, model or day")
    @Refusals({"invalid_group_by", "invalid_date", "invalid_period"})
    @GetMapping(produces = "application/json")
    UsageReport report(@RequestParam(required = false) String groupBy, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return reports.report(dateOf("from", from), dateOf("to", to), groupingOf(groupBy));
    }

    @Operation(summary = "Questions, tokens and cost per user, client, model or day")
    @Refusals({"invalid_group_by", "invalid_date", "invalid_period"})
    @GetMapping(produces = "text/csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String groupBy, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        UsageReport report = report(groupBy, from, to);
        String name = "usheru-usage-by-" + report.groupBy().name().toLowerCase(java.util.Locale.ROOT) + "-" + report.from() + "-to-"
                + report.to() + ".csv";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                .body(report.toCsv());
    }

    private static UsageReport.Grouping groupingOf(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        UsageReport.Grouping grouping = UsageReport.Grouping.named(name);
        if (grouping == null) {
            throw DomainException.badInput("invalid_group_by", "Group a report by user, client, model or day.");
        }
        return grouping;
    }

    private static LocalDate dateOf(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.badInput("invalid_date", "'" + parameter + "' is a date such as 2026-11-30.");
        }
    }
}
