package ai.usheru.predict;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Soon after start and then every {@code APP_PREDICTIONS_CHECK_EVERY} (an hour by default), one instance
 * — whichever takes the ShedLock lock — trains a new version of each prediction model whose training
 * data changed. An admin's *Retrain* does the same for one model at once.
 */
@Component
@ConditionalOnProperty(name = "app.predictions.schedule", havingValue = "true", matchIfMissing = true)
class PredictionTrainingJob {

    private static final Logger log = LoggerFactory.getLogger(PredictionTrainingJob.class);

    private final PredictionModels models;

    PredictionTrainingJob(PredictionModels models) {
        this.models = models;
    }

    @Scheduled(initialDelayString = "${app.predictions.first-check:2m}", fixedDelayString = "${app.predictions.check-every:1h}")
    @SchedulerLock(name = "prediction-training", lockAtMostFor = "PT1H")
    void check() {
        try {
            var trained = models.trainWhereDataChanged();
            if (!trained.isEmpty()) {
                log.info("Trained {}", trained.stream().map(ModelVersion::label).toList());
            }
        } catch (RuntimeException e) {
            log.warn("Training the prediction models failed: {}", e.getMessage(), e);
        }
    }
}
