package ai.usheru.audit;

import java.util.List;

/** Audit entries newest first; {@code nextBefore} continues the list when the page was full, else null. */
public record AuditPage(List<AuditEntry> entries, Long nextBefore) {

    public String toCsv() {
        var csv = new StringBuilder(Csv.row("id", "when", "who", "action", "target", "details"));
        for (AuditEntry entry : entries) {
            csv.append(Csv.row(entry.id(), entry.when(), entry.who(), entry.action(), entry.target(),
                    entry.details() == null ? null : entry.details().toString()));
        }
        return csv.toString();
    }
}
