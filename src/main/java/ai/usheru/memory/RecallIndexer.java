package ai.usheru.memory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import ai.usheru.semantic.SemanticModel;
import ai.usheru.semantic.SemanticModels;

/**
 * At start-up, puts every datamart's semantic model in the vector memory (replacing what an earlier
 * version left) and any verified example kept while the memory was elsewhere or unreachable.
 */
@Component
class RecallIndexer {

    private static final Logger log = LoggerFactory.getLogger(RecallIndexer.class);

    private final Recall recall;
    private final SemanticModels semanticModels;
    private final Threads threads;

    RecallIndexer(Recall recall, SemanticModels semanticModels, Threads threads) {
        this.recall = recall;
        this.semanticModels = semanticModels;
        this.threads = threads;
    }

    @EventListener(ApplicationReadyEvent.class)
    void index() {
        long started = System.nanoTime();
        for (SemanticModel model : semanticModels.all()) {
            recall.indexSchema(model);
        }
        int examples = 0;
        for (Threads.VerifiedExample example : threads.unindexedExamples()) {
            recall.rememberExampleNow(example.id(), example.question(), example.sql(), example.datamart());
            threads.markIndexed(example.id());
            examples++;
        }
        log.info("Vector memory ready: {} semantic model(s), {} verified example(s) added, in {} ms",
                semanticModels.all().size(), examples, (System.nanoTime() - started) / 1_000_000);
    }
}
