package ai.usheru.llm;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.stereotype.Component;

import ai.usheru.AppProperties;
import ai.usheru.DomainException;
import ai.usheru.warehouse.QueryResult;

/**
 * Writes a short answer from a result's first rows, streamed token by token, when
 * {@code app.llm.answer-from-rows} allows rows to be sent to the model (off by default). The call is
 * held in a {@link CallBudget} first; token usage comes from the stream's final chunk
 * ({@code stream_options.include_usage}) and is booked there, also when the stream breaks off.
 */
@Component
public class AnswerWriter {

    private static final int ROWS_SENT = 20;
    /** One or two sentences need no more; fewer is not worth a call. */
    static final long WANTED_COMPLETION_TOKENS = 300;
    static final long MINIMUM_COMPLETION_TOKENS = 40;

    private final boolean allowed;
    private final Duration timeout;
    private final long maxCompletionTokens;

    private final ModelMetrics metrics;
    private final AdminInstructions instructions;
    private final ObservationRegistry observations;

    AnswerWriter(AppProperties properties, ModelMetrics metrics, AdminInstructions instructions, ObservationRegistry observations) {
        this.metrics = metrics;
        this.observations = observations;
        this.instructions = instructions;
        this.allowed = properties.llm().answerFromRows();
        this.timeout = properties.llm().timeout();
        this.maxCompletionTokens = Math.min(WANTED_COMPLETION_TOKENS, properties.llm().maxCompletionTokens());
    }

    /** The written answer and what it cost. */
    public record Written(String text, long promptTokens, long completionTokens) {}

    public boolean isAllowed() {
        return allowed;
    }

    /** Writes the answer to {@code question}, asked of {@code datamart}, from {@code result}. */
    public Written write(LlmModel model, String datamart, String question, QueryResult result, Consumer<String> onToken,
            CallBudget budget) {
        String table = result.columns().stream().map(QueryResult.Column::name).collect(Collectors.joining(" | ")) + "\n"
                + result.rows().stream().limit(ROWS_SENT)
                        .map(row -> row.stream().map(String::valueOf).collect(Collectors.joining(" | ")))
                        .collect(Collectors.joining("\n"));
        List<Message> messages = List.of(
                new SystemMessage("Answer the question in one or two plain sentences from the table only. Money is in US dollars."
                        + AdminInstructions.promptSection(instructions.forDatamart(datamart))),
                new UserMessage("Question: " + question + "\n\nTable:\n" + table));
        long completionLimit = budget.hold(model, PromptTokens.upperBound(messages), maxCompletionTokens, MINIMUM_COMPLETION_TOKENS);
        OpenAiChatModel chat = OpenAiChatModel.builder()
                .options(OpenAiChatOptions.builder()
                        .baseUrl(model.baseUrl())
                        .apiKey(model.apiKey())
                        .model(model.name())
                        .temperature(0.2)
                        .timeout(timeout)
                        .maxRetries(0)
                        .streamUsage(true)
                        .maxTokens(Math.toIntExact(completionLimit))
                        .build())
                // Spring AI observes the call (gen_ai.client.operation): model, token usage, outcome; never the prompt.
                .observationRegistry(observations)
                .build();
        var prompt = new Prompt(messages);
        var text = new StringBuilder();
        long promptTokens = 0;
        long completionTokens = 0;
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            for (ChatResponse chunk : chat.stream(prompt).toIterable()) {
                if (chunk.getResult() != null && chunk.getResult().getOutput().getText() != null) {
                    String token = chunk.getResult().getOutput().getText();
                    if (!token.isEmpty()) {
                        text.append(token);
                        onToken.accept(token);
                    }
                }
                Usage usage = chunk.getMetadata() == null ? null : chunk.getMetadata().getUsage();
                if (usage != null && usage.getPromptTokens() != null && usage.getPromptTokens() > 0) {
                    promptTokens = usage.getPromptTokens();
                    completionTokens = usage.getCompletionTokens() == null ? 0 : usage.getCompletionTokens();
                }
            }
            succeeded = true;
        } catch (RuntimeException e) {
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "llm_unavailable", "The language model stopped writing.");
        } finally {
            budget.book(model, promptTokens, completionTokens);
            metrics.recordCall(model, "answer", Duration.ofNanos(System.nanoTime() - started), succeeded, promptTokens, completionTokens);
        }
        return new Written(text.toString().strip(), promptTokens, completionTokens);
    }
}
