package ai.usheru.quota;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What was asked and spent over a period (UTC days, both ends included), one row per user, client,
 * model or day, with the period's total: answered questions and the tokens and dollars they cost.
 * Failed asks cost nothing and are not counted.
 */
public record UsageReport(LocalDate from, LocalDate to, Grouping groupBy, List<Row> rows, Row total) {

    /** What one row stands for. */
    public enum Grouping {
        USER("User"), CLIENT("Client"), MODEL("Model"), DAY("Day");

        private final String label;

        Grouping(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The grouping a request names ("user", "Client", ...), or null if none fits. */
        public static Grouping named(String name) {
            for (Grouping grouping : values()) {
                if (grouping.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                    return grouping;
                }
            }
            return null;
        }
    }

    /**
     * @param key the user's e-mail, the client's name ("no client" for none), the model's name or the day
     * @param modelQuestions the questions a language model was paid for
     */
    public record Row(String key, long questions, long modelQuestions, long promptTokens, long completionTokens, BigDecimal costUsd) {

        public long tokens() {
            return promptTokens + completionTokens;
        }
    }

    /** The rows and the total as CSV (RFC 4180, a header line first), for spreadsheets. */
    public String toCsv() {
        var csv = new StringBuilder(groupBy.label().toLowerCase(Locale.ROOT))
                .append(",questions,model_questions,prompt_tokens,completion_tokens,cost_usd\r\n");
        for (Row row : rows) {
            append(csv, row);
        }
        append(csv, total);
        return csv.toString();
    }

    private static void append(StringBuilder csv, Row row) {
        String key = row.key();
        boolean quote = key.contains(",") || key.contains("\"") || key.contains("\n") || key.contains("\r");
        csv.append(quote ? "\"" + key.replace("\"", "\"\"") + "\"" : key).append(',').append(row.questions()).append(',')
                .append(row.modelQuestions()).append(',').append(row.promptTokens()).append(',').append(row.completionTokens())
                .append(',').append(row.costUsd().stripTrailingZeros().toPlainString()).append("\r\n");
    }
}
