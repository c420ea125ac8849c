package ai.usheru.ask;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.usheru.ask.planner.Interpretation;
import ai.usheru.predict.Prediction;
import ai.usheru.warehouse.QueryResult;

/**
 * The answer to one question or query, as the chat shows it and the API returns it.
 *
 * @param chart how to draw the rows: {@code kpi}, {@code bar}, {@code line} or {@code table}
 * @param scope the regions the answer was computed for, in words ("Ireland only", "all regions")
 * @param truncated true when the rows stop at the row cap
 * @param messageId the stored answer, for feedback
 * @param interpretation how the question was read (measure, filters, breakdown, order, limit, scope), or null
 *                       when nothing was read into a query
 * @param prediction a forecast's estimate, range, model, version and backtest (intent {@code prediction}), else null
 */
public record AskReply(
        UUID threadId,
        String intent,
        String sql,
        List<QueryResult.Column> columns,
        List<List<Object>> rows,
        String answer,
        List<String> suggestions,
        Usage usage,
        Map<String, Object> quota,
        String chart,
        String scope,
        boolean truncated,
        String engine,
        UUID messageId,
        Interpretation interpretation,
        Prediction prediction) {

    /**
     * Tokens and money one answer cost (the offline planner costs nothing), and the warehouse's time
     * and scanned bytes (where the warehouse reports them).
     */
    public record Usage(String model, long promptTokens, long completionTokens, BigDecimal costUsd, long warehouseMs,
            long warehouseBytes) {

        public static final Usage OFFLINE = new Usage("offline-planner", 0, 0, BigDecimal.ZERO);

        public Usage(String model, long promptTokens, long completionTokens, BigDecimal costUsd) {
            this(model, promptTokens, completionTokens, costUsd, 0, 0);
        }

        public Usage withWarehouse(long millis, long bytes) {
            return new Usage(model, promptTokens, completionTokens, costUsd, millis, bytes);
        }
    }
}
