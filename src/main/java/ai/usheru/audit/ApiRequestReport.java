package ai.usheru.audit;

import java.util.List;

/**
 * A page of logged API calls, newest first, with a summary of every call the filter matches (not only this
 * page); {@code nextBefore} continues the list when the page was full, else null.
 */
public record ApiRequestReport(Summary summary, List<ApiRequest> requests, Long nextBefore) {

    /**
     * @param errorRate the share of calls answered with a status of 400 or more, from 0 to 1
     * @param p50Ms the median duration, null without calls
     * @param p95Ms the duration 95 % of the calls stayed within, null without calls
     */
    public record Summary(long calls, long errors, double errorRate, Long p50Ms, Long p95Ms) {}

    public String toCsv() {
        var csv = new StringBuilder(Csv.row("id", "when", "who", "method", "path", "status", "duration_ms"));
        for (ApiRequest request : requests) {
            csv.append(Csv.row(request.id(), request.when(), request.who(), request.method(), request.path(), request.status(),
                    request.durationMs()));
        }
        return csv.toString();
    }
}
