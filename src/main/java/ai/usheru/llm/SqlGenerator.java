package ai.usheru.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.AppProperties;
import ai.usheru.DomainException;
import ai.usheru.memory.Recall;
import ai.usheru.semantic.SemanticModel;

/**
 * The LLM engine: asks an OpenAI-compatible model (Spring AI's chat client) for one SELECT answering a
 * question over the semantic model, as JSON {@code {"sql", "rationale"}}. A candidate the guard
 * refuses goes back to the model with the reason, at most {@code app.llm.max-corrections} times.
 * Each attempt is paid for through a {@link CallBudget} before it is made, and limited to the
 * completion tokens it holds; token usage is taken from each response's metadata and summed.
 * The whole generation is observed as {@code usheru.ask.generate}, and each model call by Spring AI
 * ({@code gen_ai.client.operation}: model, token usage, outcome) within it.
 */
@Component
public class SqlGenerator {

    /** What a model must know of DuckDB's dialect and of this warehouse to write SQL that runs. */
    static final String DUCKDB_RULES = """

            Rules (DuckDB):
            - One SELECT (a WITH is fine), no semicolon; never INSERT, UPDATE, DELETE, CREATE, COPY, PRAGMA, ATTACH or SET.
            - Box office of a film is SUM(gross_usd) over its weeks and regions; "released in YEAR" means movies.release_year.
            - Match names case-insensitively: lower(m.title) = lower('Titanic'), or ILIKE '%term%' for partial names.
            - Strings in single quotes, a quote inside doubled ('Schindler''s List'); identifiers need no quotes.
            - Dates: year(d), month(d), date_trunc('month', d), d - INTERVAL 7 DAY; week_number 1 is the opening week.
            - Ratios: multiply by 1.0 before dividing, and NULLIF the divisor; ORDER BY ... DESC NULLS LAST; LIMIT for top N.
            - Give result columns short snake_case aliases, e.g. AS box_office_usd.
            """;

    private static final Pattern SQL_BLOCK = Pattern.compile("```(?:sql)?\\s*(.+?)```", Pattern.DOTALL);

    private final JsonMapper json;
    /** Fewer completion tokens than this cannot hold a useful SELECT and its rationale. */
    static final long MINIMUM_COMPLETION_TOKENS = 200;

    private final int maxCorrections;
    private final Duration timeout;
    private final long maxCompletionTokens;

    /** The reply's shape, sent as structured output where the server supports JSON schemas. */
    static final String REPLY_SCHEMA = """
            {"type": "object",
             "properties": {"sql": {"type": "string", "description": "One read-only DuckDB SELECT"},
                            "rationale": {"type": "string", "description": "One short sentence on what the SQL answers"}},
             "required": ["sql", "rationale"],
             "additionalProperties": false}
            """;

    private final OpenAiChatModel.ResponseFormat responseFormat;

    private final ModelMetrics metrics;
    private final AdminInstructions instructions;
    private final ObservationRegistry observations;

    SqlGenerator(JsonMapper json, AppProperties properties, ModelMetrics metrics, AdminInstructions instructions,
            ObservationRegistry observations) {
        this.json = json;
        this.observations = observations;
        this.metrics = metrics;
        this.instructions = instructions;
        this.maxCorrections = properties.llm().maxCorrections();
        this.timeout = properties.llm().timeout();
        this.maxCompletionTokens = properties.llm().maxCompletionTokens();
        this.responseFormat = switch (properties.llm().output()) {
            case "json_schema" -> OpenAiChatModel.ResponseFormat.builder()
                    .type(OpenAiChatModel.ResponseFormat.Type.JSON_SCHEMA).jsonSchema(REPLY_SCHEMA).build();
            case "json_object" -> OpenAiChatModel.ResponseFormat.builder().type(OpenAiChatModel.ResponseFormat.Type.JSON_OBJECT).build();
            case "text" -> null;
            default -> throw new IllegalStateException("app.llm.output is json_schema, json_object or text, not " + properties.llm().output());
        };
    }

    /**
     * What the prompt carries besides the question: the semantic model's tables the question needs
     * (chosen by similarity), verified question-to-SQL examples like it, and earlier turns of the
     * thread (the latest and the most similar older ones), oldest first.
     */
    public record Context(Set<String> tables, List<Recall.Example> examples, List<String> turns) {

        public static Context of(SemanticModel semantics) {
            return new Context(semantics.tables().stream().map(SemanticModel.Table::name).collect(Collectors.toSet()), List.of(), List.of());
        }
    }

    /** A candidate that passed {@code check}, with what all attempts cost. */
    public record Generated(String sql, String rationale, long promptTokens, long completionTokens, int attempts) {}

    /**
     * Generates SQL for {@code question}. {@code check} returns null for an acceptable candidate, or
     * the reason it is not. Every attempt is held in {@code budget} first and booked there after; a
     * hold that fails ends the attempts with its exception. Throws {@link DomainException}
     * {@code llm_unavailable} when the model cannot be reached or gives no usable SQL.
     */
    public Generated generate(LlmModel model, SemanticModel semantics, String question, Context context,
            Function<String, String> check, CallBudget budget) {
        Observation observation = Observation.createNotStarted("usheru.ask.generate", observations).contextualName("generate sql")
                .lowCardinalityKeyValue("model", model.name());
        return observation.observe(() -> {
            Generated generated = generateObserved(model, semantics, question, context, check, budget);
            observation.highCardinalityKeyValue("attempts", String.valueOf(generated.attempts()));
            return generated;
        });
    }

    private Generated generateObserved(LlmModel model, SemanticModel semantics, String question, Context context,
            Function<String, String> check, CallBudget budget) {
        // The connection is the model's; what one call may write changes with the budget, so the
        // options of each call are set whole (options given with a prompt replace the defaults).
        OpenAiChatModel chat = OpenAiChatModel.builder()
                .options(OpenAiChatOptions.builder()
                        .baseUrl(model.baseUrl())
                        .apiKey(model.apiKey())
                        .model(model.name())
                        .timeout(timeout)
                        .maxRetries(0)
                        .build())
                .observationRegistry(observations)
                .build();
        var messages = new ArrayList<Message>();
        messages.add(new SystemMessage(systemPrompt(semantics, context, instructions.forDatamart(semantics.code()))));
        if (!context.turns().isEmpty()) {
            messages.add(new UserMessage("Earlier in this conversation:\n" + String.join("\n\n", context.turns())));
        }
        messages.add(new UserMessage(question));
        long promptTokens = 0;
        long completionTokens = 0;
        String lastProblem = null;
        for (int attempt = 1; attempt <= 1 + maxCorrections; attempt++) {
            long completionLimit = budget.hold(model, PromptTokens.upperBound(messages, REPLY_SCHEMA), maxCompletionTokens,
                    MINIMUM_COMPLETION_TOKENS);
            ChatResponse response;
            long started = System.nanoTime();
            try {
                response = chat.call(new Prompt(List.copyOf(messages), callOptions(model, completionLimit)));
            } catch (RuntimeException e) {
                // A call that failed reported no usage: it costs nothing.
                budget.book(model, 0, 0);
                metrics.recordCall(model, "sql", Duration.ofNanos(System.nanoTime() - started), false, 0, 0);
                throw new DomainException(DomainException.Kind.UNAVAILABLE, "llm_unavailable",
                        "The language model could not be reached (" + firstLine(e.getMessage()) + ").");
            }
            var usage = response.getMetadata().getUsage();
            long prompt = usage.getPromptTokens() == null ? 0 : usage.getPromptTokens();
            long completion = usage.getCompletionTokens() == null ? 0 : usage.getCompletionTokens();
            budget.book(model, prompt, completion);
            metrics.recordCall(model, "sql", Duration.ofNanos(System.nanoTime() - started), true, prompt, completion);
            promptTokens += prompt;
            completionTokens += completion;
            String text = response.getResult() == null ? "" : response.getResult().getOutput().getText();
            var candidate = parse(text);
            lastProblem = candidate.sql() == null ? "The reply held no SQL." : check.apply(candidate.sql());
            if (lastProblem == null) {
                return new Generated(candidate.sql(), candidate.rationale(), promptTokens, completionTokens, attempt);
            }
            messages.add(new AssistantMessage(text));
            messages.add(new UserMessage("That SQL cannot run: " + lastProblem
                    + " Reply again with corrected JSON {\"sql\": \"...\", \"rationale\": \"...\"}."));
        }
        throw new DomainException(DomainException.Kind.UNAVAILABLE, "llm_unavailable",
                "The language model gave no SQL that passes the guard (" + lastProblem + ").");
    }

    private OpenAiChatOptions callOptions(LlmModel model, long completionLimit) {
        return OpenAiChatOptions.builder()
                .baseUrl(model.baseUrl())
                .apiKey(model.apiKey())
                .model(model.name())
                .timeout(timeout)
                .maxRetries(0)
                .temperature(0.0)
                .responseFormat(responseFormat)
                .maxTokens(Math.toIntExact(completionLimit))
                .build();
    }

    private record Candidate(String sql, String rationale) {}

    private Candidate parse(String text) {
        String body = text == null ? "" : text.strip();
        int start = body.indexOf('{');
        int end = body.lastIndexOf('}');
        if (start >= 0 && end > start) {
            try {
                JsonNode node = json.readTree(body.substring(start, end + 1));
                if (node.hasNonNull("sql")) {
                    return new Candidate(node.get("sql").asString().strip(),
                            node.hasNonNull("rationale") ? node.get("rationale").asString() : null);
                }
            } catch (RuntimeException ignored) {
                // not JSON: look for a fenced SQL block instead
            }
        }
        Matcher block = SQL_BLOCK.matcher(body);
        if (block.find()) {
            return new Candidate(block.group(1).strip(), null);
        }
        return new Candidate(body.toLowerCase().startsWith("select") || body.toLowerCase().startsWith("with") ? body : null, null);
    }

    /**
     * The chosen tables with their columns, the measures over them, the dialect's rules, verified
     * examples, the administrators' instructions and the answer format (last, so the model ends on it).
     * Result rows are never sent here.
     */
    static String systemPrompt(SemanticModel semantics, Context context, List<AdminInstructions.Instruction> instructions) {
        var prompt = new StringBuilder("""
                You write one read-only DuckDB SELECT statement that answers a question about films and box office.
                Use only these tables and columns (no schema prefixes). Money is in US dollars.
                """);
        for (SemanticModel.Table table : semantics.tables()) {
            if (!context.tables().contains(table.name())) {
                continue;
            }
            prompt.append("\n").append(table.name()).append(" -- ").append(table.description()).append("\n");
            for (SemanticModel.Column column : table.columns()) {
                prompt.append("  ").append(column.name()).append(" ").append(column.type()).append(" -- ")
                        .append(column.description()).append("\n");
            }
        }
        List<String> metrics = semantics.metrics().stream()
                .filter(metric -> context.tables().containsAll(SemanticModel.tablesIn(metric.expression())))
                .map(metric -> metric.label() + " = " + metric.expression()).toList();
        prompt.append("\nMeasures (aliases m movies, b box_office, g regions, c crew, ri/rr ratings by source): ")
                .append(String.join("; ", metrics));
        prompt.append(DUCKDB_RULES);
        if (!context.examples().isEmpty()) {
            prompt.append("\nVerified examples (questions users confirmed were answered correctly by this SQL):\n");
            for (Recall.Example example : context.examples()) {
                prompt.append("Q: ").append(example.question()).append("\nSQL: ").append(example.sql()).append("\n\n");
            }
        }
        prompt.append(AdminInstructions.promptSection(instructions));
        prompt.append("Answer only with JSON: {\"sql\": \"<the SELECT>\", \"rationale\": \"<one short sentence>\"}.\n");
        return prompt.toString();
    }

    private static String firstLine(String message) {
        return message == null ? "no answer" : message.lines().findFirst().orElse("no answer");
    }
}
