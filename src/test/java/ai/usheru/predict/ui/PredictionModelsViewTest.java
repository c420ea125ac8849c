package ai.usheru.predict.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.select.Select;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.predict.ModelBacktest;
import ai.usheru.predict.ModelRegistry;
import ai.usheru.predict.ModelVersion;
import ai.usheru.predict.PredictionModels;
import ai.usheru.support.KaribuTest;

/** The admin's prediction models view on the real registry: versions, a version's backtest, approve, retire, retrain, pins. */
class PredictionModelsViewTest extends KaribuTest {

    @Autowired
    PredictionModels models;

    @BeforeEach
    void everyModelHasAnApprovedVersion() {
        // The first call trains a model that has no version yet (the film models take about ten seconds each).
        PredictionModels.NAMES.forEach(name -> models.resolve(name, null, null));
    }

    @Test
    void anAdminSeesTheVersionsOfEveryModelAndTheBacktestOfTheOneSelected() throws Exception {
        PredictionModelsView view = openAsAdmin();

        List<ModelVersion> rows = GridKt._findAll(view.versions());
        assertThat(rows).extracting(ModelVersion::name).as("a row for each model").containsAll(PredictionModels.NAMES);
        for (String name : PredictionModels.NAMES) {
            assertThat(rows.stream().filter(row -> row.name().equals(name)).map(ModelVersion::version).toList())
                    .as("the versions of %s, newest first", name).isSortedAccordingTo(Comparator.reverseOrder());
        }
        int film = indexOf(rows, PredictionModels.FILM_TOTAL_GROSS);
        int series = indexOf(rows, PredictionModels.SERIES_YEARLY);
        assertThat(GridKt._getFormattedRow(view.versions(), film)).as("a film model's error reads as factors")
                .anySatisfy(cell -> assertThat(cell).matches("×\\d+\\.\\d vs ×\\d+\\.\\d"));
        assertThat(GridKt._getFormattedRow(view.versions(), series)).as("the series model's error reads as percentages")
                .anySatisfy(cell -> assertThat(cell).matches("\\d+ % vs \\d+ %"));
        assertThat(view.detail().isVisible()).as("no detail before a version is selected").isFalse();

        ModelVersion selected = rows.get(film);
        view.versions().select(selected);

        assertThat(view.detail().isVisible()).isTrue();
        String option = view.detail().chart().chart().optionJson();
        JsonNode chart = JsonMapper.builder().build().readTree(option);
        assertThat(chart.get("xAxis").get("type").asString()).as("log axes").isEqualTo("log");
        assertThat(chart.get("yAxis").get("type").asString()).isEqualTo("log");
        long drawn = 0;
        for (JsonNode one : chart.get("series")) {
            if (one.get("type").asString().equals("scatter")) {
                drawn += one.get("data").size();
            }
        }
        long positive = selected.backtest().points().stream().filter(point -> point.actual() > 0 && point.predicted() > 0).count();
        assertThat(drawn).as("each held-out case is a point").isEqualTo(positive).isGreaterThan(100);
        assertThat(option).as("the diagonal y = x").contains(Texts.DIAGONAL);

        var periods = view.detail().periods();
        assertThat(GridKt._size(periods)).as("a row per test year").isEqualTo(selected.backtest().byPeriod().size()).isPositive();
        assertThat(GridKt._getFormattedRow(periods, 0).getFirst()).isEqualTo(selected.backtest().byPeriod().getFirst().period());
        assertThat(GridKt._getFormattedRow(periods, 0)).anySatisfy(cell -> assertThat(cell).startsWith("×"));
        String features = _get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("version-features")).getElement()
                .getTextRecursively();
        assertThat(features).as("plain features by name, one-hot ones under their category").contains("budget.log", "genre (", "Drama");
        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("version-libraries")).getText())
                .contains("tribuo " + selected.libraries().get("tribuo"));
    }

    @Test
    void anAdminRetrainsAModelThenApprovesAndRetiresTheNewVersion() {
        PredictionModelsView view = openAsAdmin();
        int newest = newestVersion(PredictionModels.SERIES_YEARLY);

        _get(Select.class, spec -> spec.withId("retrain-model")).setValue(PredictionModels.SERIES_YEARLY);
        _click(_get(Button.class, spec -> spec.withId("retrain")));
        assertThat(_get(Button.class, spec -> spec.withId("retrain")).isEnabled()).as("one training at a time").isFalse();
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("training-status")).getText())
                .contains("Training " + PredictionModels.SERIES_YEARLY);
        awaitUi(() -> _get(Button.class, spec -> spec.withId("retrain")).isEnabled());

        ModelVersion trained = view.versions().asSingleSelect().getValue();
        assertThat(trained).as("the new version is selected").isNotNull();
        assertThat(trained.name()).isEqualTo(PredictionModels.SERIES_YEARLY);
        assertThat(trained.version()).isGreaterThan(newest);
        assertThat(trained.status()).as("a later version waits for an admin").isEqualTo(ModelVersion.Status.CANDIDATE);

        _click(_get(Button.class, spec -> spec.withId("approve-version")));
        assertThat(statusInGrid(view, trained.id())).isEqualTo(ModelVersion.Status.APPROVED);
        assertThat(_get(Button.class, spec -> spec.withId("approve-version")).isEnabled()).isFalse();
        assertThat(_get(Button.class, spec -> spec.withId("pin-version")).isEnabled()).as("an approved version can be pinned").isTrue();

        _click(_get(Button.class, spec -> spec.withId("retire-version")));
        var confirm = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt._getText(confirm)).as("retiring a serving version says what follows").contains("serves forecasts now");
        ConfirmDialogKt._fireConfirm(confirm);
        assertThat(statusInGrid(view, trained.id())).isEqualTo(ModelVersion.Status.RETIRED);
        assertThat(NotificationsKt.getNotifications()).anySatisfy(shown -> assertThat(shown.getElement().getProperty("text"))
                .startsWith("Retired " + trained.label()));
    }

    @Test
    void aVersionThatMissesTheBarsCannotBeApprovedAndSaysWhy() {
        ModelVersion real = models.registry().latest(PredictionModels.SERIES_YEARLY).orElseThrow();
        ModelVersion failing = models.registry().register(real.name(), real.kind(), real.target(), real.datamart(), real.features(),
                real.dataCutoff(), real.dataHash(), real.libraries(), 1,
                new ModelBacktest(real.backtest().metric(), 55, 50, -0.1, 0.80, 10, "1 series", List.of(), List.of()), null);
        PredictionModelsView view = openAsAdmin();

        view.versions().select(GridKt._findAll(view.versions()).stream().filter(row -> row.id().equals(failing.id())).findFirst().orElseThrow());

        Button approve = _get(Button.class, spec -> spec.withId("approve-version"));
        assertThat(approve.isEnabled()).isFalse();
        assertThat(approve.getTooltip().getText()).contains("does not beat its naive baseline");
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("approve-blocked")).getText())
                .as("the reason is in sight, not only in a tooltip").contains("does not beat its naive baseline");
        assertThat(view.detail().chart().chart().isVisible()).as("no chart without held-out cases").isFalse();

        _click(_get(Button.class, spec -> spec.withId("retire-version")));
        assertThat(statusInGrid(view, failing.id())).as("a candidate retires without a question").isEqualTo(ModelVersion.Status.RETIRED);
    }

    @Test
    void anAdminPinsAnApprovedVersionForAClientAndUnpinsIt() {
        String client = "Pinned Pictures " + UUID.randomUUID().toString().substring(0, 8);
        users.create(aUser().ofClient(client));
        PredictionModelsView view = openAsAdmin();
        ModelVersion approved = GridKt._findAll(view.versions()).stream()
                .filter(row -> row.name().equals(PredictionModels.FILM_OPENING_WEEK) && row.status() == ModelVersion.Status.APPROVED)
                .findFirst().orElseThrow();
        view.versions().select(approved);

        _click(_get(Button.class, spec -> spec.withId("pin-version")));
        ComboBoxKt.selectByLabel(_get(ComboBox.class, spec -> spec.withId("pin-client")), client);
        _click(_get(Button.class, spec -> spec.withId("pin-save")));

        List<ModelRegistry.Pin> pins = GridKt._findAll(view.pins());
        int row = -1;
        for (int i = 0; i < pins.size(); i++) {
            if (client.equals(pins.get(i).clientName())) {
                row = i;
            }
        }
        assertThat(row).as("the pin is listed").isNotNegative();
        assertThat(pins.get(row).modelId()).isEqualTo(approved.id());
        assertThat(GridKt._getFormattedRow(view.pins(), row)).contains(PredictionModels.FILM_OPENING_WEEK, "v" + approved.version(),
                "client " + client);

        _click((Button) GridKt._getCellComponent(view.pins(), row, "unpin"));
        assertThat(GridKt._findAll(view.pins())).noneMatch(pin -> client.equals(pin.clientName()));
    }

    @Test
    void aUserCannotOpenThePredictionModels() {
        var user = aUser();
        users.create(user);
        signInAs(user.email());

        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/prediction-models")).isInstanceOf(MockAccessDeniedException.class);
        assertThat(UI.getCurrent().getCurrentView()).isNotInstanceOf(PredictionModelsView.class);
    }

    private PredictionModelsView openAsAdmin() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/prediction-models");
        MockVaadin.clientRoundtrip(false);
        return _get(PredictionModelsView.class);
    }

    private int newestVersion(String name) {
        return models.registry().latest(name).orElseThrow().version();
    }

    private static int indexOf(List<ModelVersion> rows, String name) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no row of " + name);
    }

    private static ModelVersion.Status statusInGrid(PredictionModelsView view, UUID id) {
        return GridKt._findAll(view.versions()).stream().filter(row -> row.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no row of version " + id)).status();
    }
}
