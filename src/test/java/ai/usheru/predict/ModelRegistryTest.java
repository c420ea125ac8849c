package ai.usheru.predict;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import ai.usheru.DomainException;
import ai.usheru.accounts.Account;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/** The model registry on the real PostgreSQL: training, approval bars, pins and a model this build cannot read. */
class ModelRegistryTest extends IntegrationTest {

    @Autowired
    PredictionModels models;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void pinsResolveUserThenClientThenTheNewestApprovedVersion() {
        models.resolve(PredictionModels.SERIES_YEARLY, null, null);
        ModelVersion first = models.retrain(PredictionModels.SERIES_YEARLY);
        ModelVersion second = models.retrain(PredictionModels.SERIES_YEARLY);
        ModelVersion third = models.retrain(PredictionModels.SERIES_YEARLY);
        assertThat(List.of(first.version(), second.version(), third.version())).as("numbered in order").isSorted().doesNotHaveDuplicates();
        assertThat(third.status()).as("a later version waits for an admin").isEqualTo(ModelVersion.Status.CANDIDATE);
        for (ModelVersion version : List.of(first, second, third)) {
            models.approve(version.id(), null);
        }
        String client = "Pinned Pictures " + UUID.randomUUID();
        Account pinnedUser = users.create(aUser().ofClient(client));
        Account colleague = users.create(aUser().ofClient(client));
        Account outsider = users.create(aUser());
        models.registry().pin(models.version(first.id()), pinnedUser.clientId(), null);
        models.registry().pin(models.version(second.id()), null, pinnedUser.id());

        assertThat(models.resolve(PredictionModels.SERIES_YEARLY, pinnedUser.id(), pinnedUser.clientId()).id()).as("the user's pin")
                .isEqualTo(second.id());
        assertThat(models.resolve(PredictionModels.SERIES_YEARLY, colleague.id(), colleague.clientId()).id()).as("the client's pin")
                .isEqualTo(first.id());
        assertThat(models.resolve(PredictionModels.SERIES_YEARLY, outsider.id(), outsider.clientId()).id()).as("the newest approved")
                .isEqualTo(third.id());

        models.retire(second.id(), null);
        assertThat(models.resolve(PredictionModels.SERIES_YEARLY, pinnedUser.id(), pinnedUser.clientId()).id())
                .as("a pin to a retired version falls back to the client's").isEqualTo(first.id());
        models.retire(third.id(), null);
        assertThat(models.resolve(PredictionModels.SERIES_YEARLY, outsider.id(), outsider.clientId()).version())
                .as("the newest version still approved").isLessThan(third.version());
    }

    @Test
    void everyVersionCarriesItsBacktestAndOnlyOneThatClearsTheBarsCanBeApproved() {
        PredictionModels.NAMES.forEach(name -> models.registry().latest(name).orElseGet(() -> models.retrain(name)));
        ModelVersion series = models.resolve(PredictionModels.SERIES_YEARLY, null, null);
        ModelVersion totalGross = models.resolve(PredictionModels.FILM_TOTAL_GROSS, null, null);
        ModelVersion openingWeek = models.resolve(PredictionModels.FILM_OPENING_WEEK, null, null);
        ModelVersion weekly = models.resolve(PredictionModels.SERIES_WEEKLY, null, null);
        for (ModelVersion version : List.of(series, totalGross, openingWeek, weekly)) {
            System.out.printf("%s: %s %.1f vs baseline %.1f, skill %.3f, coverage %.1f %% of %d held-out cases (%s)%n", version.label(),
                    version.backtest().metric(), version.backtest().value(), version.backtest().baseline(), version.backtest().skill(),
                    100 * version.backtest().coverage(), version.backtest().heldOut(), version.backtest().periods());
            assertThat(version.status()).isEqualTo(ModelVersion.Status.APPROVED);
            assertThat(version.backtest().skill()).isPositive();
            assertThat(version.backtest().coverage()).isBetween(0.75, 0.85);
            assertThat(version.backtest().points()).hasSizeGreaterThan(10);
            assertThat(version.dataHash()).hasSize(64);
        }
        assertThat(totalGross.dataCutoff()).as("films of the year the data ends in are still running").isEqualTo(LocalDate.of(2010, 1, 1));
        assertThat(totalGross.libraries()).containsEntry("tribuo", "4.3.2");
        assertThat(totalGross.features()).contains("budget.log", "director.median_log_total");
        assertThat(models.trainWhereDataChanged()).as("nothing to train when the data did not change").isEmpty();

        var failing = models.registry().register("film-total-gross", ModelVersion.Kind.FILM_REGRESSION, "total_gross", FilmDataset.DATAMART,
                List.of(), totalGross.dataCutoff(), totalGross.dataHash(), totalGross.libraries(), 1,
                new ModelBacktest(ModelBacktest.FACTOR, 3.3, 3.1, -0.07, 0.80, 100, "2004-2009", List.of(), List.of()), null);
        assertThatThrownBy(() -> models.approve(failing.id(), null)).isInstanceOf(DomainException.class)
                .hasMessageContaining("does not beat its naive baseline");
        models.retire(failing.id(), null);
    }

    @Test
    void aStoredModelThisBuildCannotReadIsTrainedAgainNotCrashedOn() {
        ModelVersion stored = models.resolve(PredictionModels.FILM_TOTAL_GROSS, null, null);
        // As if written by another Tribuo: bytes this one cannot parse, and another version on record.
        jdbc.update("UPDATE prediction_models SET artifact = ?, libraries = '{\"tribuo\": \"9.9.0\"}'::jsonb WHERE id = ?",
                new byte[] {8, 99, 18, 3, 'x', 'y', 'z'}, stored.id());
        models.forgetLoadedModels();

        var film = new FilmSpec(null, "Action", null, null, "PG-13", 90e6, 110.0, null, List.of(), LocalDate.of(2011, 7, 15));
        PredictionModels.FilmForecast forecast = models.predictFilm(null, null, Set.of(), BoxOfficeTarget.TOTAL_GROSS, film);

        assertThat(forecast.version().id()).isNotEqualTo(stored.id());
        assertThat(forecast.version().version()).isGreaterThan(stored.version());
        assertThat(forecast.prediction().estimate()).isBetween(forecast.prediction().low(), forecast.prediction().high());
        ModelVersion old = models.version(stored.id());
        assertThat(old.status()).isEqualTo(ModelVersion.Status.RETIRED);
        assertThat(old.statusNote()).contains("cannot be loaded");
    }
}
