package ai.usheru.quota;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.usheru.DomainException;

/** The admin's token and cost reports: per user, client, model or day over a period of at most a year. */
@Service
public class UsageReportService {

    static final int MAX_DAYS = 366;

    private final UsageReports reports;
    private final Clock clock = Clock.systemUTC();

    UsageReportService(UsageReports reports) {
        this.reports = reports;
    }

    /** A period left open starts on the first of this month and ends today (UTC). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public UsageReport report(LocalDate from, LocalDate to, UsageReport.Grouping grouping) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate end = to == null ? today : to;
        LocalDate start = from == null ? end.withDayOfMonth(1) : from;
        if (start.isAfter(end)) {
            throw DomainException.badInput("invalid_period", "The period starts after it ends.");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw DomainException.badInput("invalid_period", "A report covers at most " + MAX_DAYS + " days.");
        }
        UsageReport.Grouping by = grouping == null ? UsageReport.Grouping.USER : grouping;
        List<UsageReport.Row> rows = reports.rows(start, end, by);
        var total = new UsageReport.Row("total",
                rows.stream().mapToLong(UsageReport.Row::questions).sum(),
                rows.stream().mapToLong(UsageReport.Row::modelQuestions).sum(),
                rows.stream().mapToLong(UsageReport.Row::promptTokens).sum(),
                rows.stream().mapToLong(UsageReport.Row::completionTokens).sum(),
                rows.stream().map(UsageReport.Row::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
        return new UsageReport(start, end, by, rows, total);
    }
}
