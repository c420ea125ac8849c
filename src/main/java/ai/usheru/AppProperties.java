package ai.usheru;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The product's own settings, bound once at start-up. Every field has a default that works in the
 * embedded mode; the README lists the environment variable behind each.
 *
 * @param dataDir where the embedded PostgreSQL and the DuckDB warehouse keep their files
 * @param baseUrl the address users reach the product at, used in links sent by mail
 * @param admin the first administrator, created once
 * @param mail sender of the product's mail
 * @param api bearer token settings of the HTTP API
 * @param query limits every warehouse query runs under
 * @param insights the weekly insights job and its digest e-mails
 */
@ConfigurationProperties("app")
public record AppProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue Admin admin,
        @DefaultValue Mail mail,
        @DefaultValue Api api,
        @DefaultValue Query query,
        @DefaultValue Llm llm,
        @DefaultValue Memory memory,
        @DefaultValue Insights insights) {

    /** The first administrator; a blank password means "generate one and print it once". */
    public record Admin(@DefaultValue("admin@example.com") String email, String password) {}

    public record Mail(@DefaultValue("usheru AI <no-reply@usheru.ai>") String from) {}

    public record Api(@DefaultValue("12h") Duration tokenTtl) {}

    /**
     * @param maxCorrections how often a refused or failing candidate goes back to the model
     * @param timeout how long one model call may take
     * @param answerFromRows whether result rows (the first 20) may be sent to the model to write the answer
     * @param output how the model is held to the {@code {"sql","rationale"}} reply: {@code json_schema}
     *               (structured output), {@code json_object} (JSON mode, for servers without schemas) or
     *               {@code text} (the prompt alone)
     * @param maxCompletionTokens the most tokens one model call may write (its {@code max_tokens}),
     *               lowered further when the user's token or money quota leaves less
     */
    public record Llm(@DefaultValue("2") int maxCorrections, @DefaultValue("30s") Duration timeout,
            @DefaultValue("false") boolean answerFromRows, @DefaultValue("json_schema") String output,
            @DefaultValue("1000") long maxCompletionTokens) {}

    /**
     * @param store where vectors live: {@code auto} (pgvector when the database has it, else a file),
     *              {@code pgvector} or {@code file}
     * @param examples verified question-to-SQL examples put in a prompt at most
     * @param schemaParts parts of the semantic model (tables, measures, dimensions) a question is matched against
     * @param earlierTurns older turns of the thread recalled by similarity, besides the latest ones
     */
    public record Memory(@DefaultValue("auto") String store, @DefaultValue("4") int examples,
            @DefaultValue("6") int schemaParts, @DefaultValue("2") int earlierTurns) {}

    /**
     * @param maxRows rows returned at most; the reply says when it cut
     * @param timeout a query running longer is cancelled
     * @param cacheTtl how long a result is reused for the same scoped SQL
     * @param concurrencyPerUser queries of one person running at once on an instance
     * @param concurrency queries of everyone running at once on an instance; 0 means twice the cores
     * @param queueWait how long a query waits for a slot before it is refused as busy
     */
    public record Query(@DefaultValue("1000") int maxRows, @DefaultValue("30s") Duration timeout,
            @DefaultValue("60s") Duration cacheTtl, @DefaultValue("2") int concurrencyPerUser,
            @DefaultValue("0") int concurrency, @DefaultValue("5s") Duration queueWait) {}

    /**
     * @param schedule whether this instance checks for weeks to process (tests switch it off and run the job by hand)
     * @param checkEvery how often the job looks for loaded weeks not yet processed and for digests due
     * @param sendHour digests go out from this hour of each user's local day ...
     * @param sendUntil ... until this hour, so nobody is mailed at night
     * @param perDigest insights in one digest at most, the strongest first
     * @param catchUp weeks computed at most in one run when several were missed
     */
    public record Insights(@DefaultValue("true") boolean schedule, @DefaultValue("15m") Duration checkEvery,
            @DefaultValue("8") int sendHour, @DefaultValue("20") int sendUntil, @DefaultValue("5") int perDigest,
            @DefaultValue("8") int catchUp) {}
}
