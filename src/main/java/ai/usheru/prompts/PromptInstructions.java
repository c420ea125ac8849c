package ai.usheru.prompts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import ai.usheru.llm.AdminInstructions;

/**
 * The current prompt texts for the model path, kept for a few seconds per datamart so that a busy
 * instance reads them about once per {@link #FRESH_FOR} rather than per model call. A save on this
 * instance forgets them at once; other instances see it when their copy expires.
 */
@Component
class PromptInstructions implements AdminInstructions {

    /** How long another instance may go on sending the texts it read before a change. */
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final PromptVersions versions;
    private final Map<String, Cached> byDatamart = new ConcurrentHashMap<>();
    /** Counts the times the texts were forgotten, so a read that began before a save is not kept after it. */
    private final AtomicLong generation = new AtomicLong();

    private record Cached(List<Instruction> instructions, long loadedAt) {}

    PromptInstructions(PromptVersions versions) {
        this.versions = versions;
    }

    @Override
    public List<Instruction> forDatamart(String datamart) {
        long now = System.nanoTime();
        Cached cached = byDatamart.get(datamart);
        if (cached != null && now - cached.loadedAt() < FRESH_FOR.toNanos()) {
            return cached.instructions();
        }
        long readIn = generation.get();
        List<Instruction> instructions = load(datamart);
        if (generation.get() == readIn) {
            byDatamart.put(datamart, new Cached(instructions, now));
        }
        return instructions;
    }

    /** Forgets every text read, after a save (once it is committed). */
    void forget() {
        generation.incrementAndGet();
        byDatamart.clear();
    }

    private List<Instruction> load(String datamart) {
        PromptName system = PromptName.system();
        PromptName mart = PromptName.ofDatamart(datamart);
        var current = versions.current(List.of(system.value(), mart.value()));
        var instructions = new ArrayList<Instruction>(2);
        for (PromptName name : List.of(system, mart)) {
            var version = current.get(name.value());
            if (version != null && !version.body().isBlank()) {
                instructions.add(new Instruction(name.appliesTo(), version.body()));
            }
        }
        return List.copyOf(instructions);
    }
}
