package ai.usheru.predict.ui;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import ai.usheru.DomainException;
import ai.usheru.accounts.AccountService;
import ai.usheru.predict.ModelRegistry;
import ai.usheru.predict.ModelVersion;
import ai.usheru.predict.PredictionModelAdministration;
import ai.usheru.predict.PredictionModels;

/**
 * The admin's console for the prediction models: every version with its backtest against the naive
 * baseline, the chart and per-period scores of the one selected, Approve and Retire, Retrain (it runs
 * off the UI thread and pushes its result), and the pins that give a client or a user a chosen version.
 */
@Route("admin/prediction-models")
@Menu(title = "Prediction models", icon = "vaadin:trending-up", order = 120)
@PageTitle("Prediction models · usheru AI")
@RolesAllowed("ADMIN")
public class PredictionModelsView extends VerticalLayout {

    /** Up to this many rows a grid shows them all; beyond, it scrolls within a fixed height. */
    private static final int ROWS_SHOWN_WHOLE = 8;

    private static final Logger log = LoggerFactory.getLogger(PredictionModelsView.class);

    private final PredictionModelAdministration administration;
    private final AccountService accounts;
    private final SecurityContextHolderStrategy securityContexts;

    private final Grid<ModelVersion> versions = new Grid<>();
    private final Grid<ModelRegistry.Pin> pins = new Grid<>();
    private final Select<String> retrainModel = new Select<>();
    private final Button retrain = new Button(Texts.RETRAIN, VaadinIcon.REFRESH.create());
    private final ProgressBar training = new ProgressBar();
    private final Span trainingText = new Span();
    private final HorizontalLayout trainingBar = new HorizontalLayout(training, trainingText);
    private final Paragraph hint = new Paragraph(Texts.NOTHING_SELECTED);
    private final Button approve = new Button(Texts.APPROVE, VaadinIcon.CHECK.create());
    private final Button retire = new Button(Texts.RETIRE, VaadinIcon.ARCHIVE.create());
    private final Button pin = new Button(Texts.PIN, VaadinIcon.PIN.create());
    private final Span whyNot = new Span();
    private final VersionDetail detail;
    private List<ModelVersion> all = List.of();
    private Map<UUID, ModelVersion> byId = Map.of();

    public PredictionModelsView(PredictionModelAdministration administration, AccountService accounts,
            SecurityContextHolderStrategy securityContexts) {
        this.administration = administration;
        this.accounts = accounts;
        this.securityContexts = securityContexts;
        addClassName("prediction-models");
        setWidthFull();

        add(header(), new Paragraph(Texts.INTRO), trainingBar());
        add(versionsGrid(), hint);
        detail = new VersionDetail(actions());
        detail.setVisible(false);
        add(detail);
        add(new H2(Texts.PINS), pinsGrid());
        refresh(null);
    }

    private HorizontalLayout header() {
        retrainModel.setItems(PredictionModels.NAMES);
        retrainModel.setValue(PredictionModels.NAMES.getFirst());
        retrainModel.setAriaLabel(Texts.RETRAIN_MODEL);
        retrainModel.setTooltipText(Texts.RETRAIN_MODEL);
        retrainModel.setId("retrain-model");
        retrain.setId("retrain");
        retrain.setDisableOnClick(true);
        retrain.addClickListener(click -> retrain(retrainModel.getValue()));
        var retraining = new HorizontalLayout(retrainModel, retrain);
        retraining.setAlignItems(FlexComponent.Alignment.BASELINE);
        retraining.setSpacing(true);
        var title = new H1(Texts.TITLE);
        title.setId("prediction-models-title");
        var header = new HorizontalLayout(title, retraining);
        header.setWidthFull();
        header.setWrap(true);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        return header;
    }

    private HorizontalLayout trainingBar() {
        training.setIndeterminate(true);
        training.setWidth("12rem");
        trainingText.setId("training-status");
        trainingBar.setAlignItems(FlexComponent.Alignment.CENTER);
        trainingBar.addClassName("training-bar");
        trainingBar.setVisible(false);
        return trainingBar;
    }

    private Grid<ModelVersion> versionsGrid() {
        versions.setId("model-versions");
        versions.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        versions.addColumn(ModelVersion::name).setHeader("Model").setAutoWidth(true).setFrozen(true);
        versions.addColumn(version -> "v" + version.version()).setHeader("Version").setAutoWidth(true);
        versions.addComponentColumn(version -> VersionDetail.badge(version.status())).setHeader("Status").setAutoWidth(true)
                .setTooltipGenerator(Texts::statusNote);
        versions.addColumn(version -> Texts.utc(version.trainedAt())).setHeader("Trained (UTC)").setAutoWidth(true);
        versions.addColumn(version -> Texts.day(version.dataCutoff())).setHeader("Data before").setAutoWidth(true);
        versions.addColumn(version -> Texts.errorVsBaseline(version.backtest())).setHeader("Error vs baseline").setAutoWidth(true)
                .setTooltipGenerator(version -> Texts.errorExplained(version.backtest()));
        versions.addColumn(version -> Texts.skillWithDirection(version.backtest().skill())).setHeader("Skill").setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END).setTooltipGenerator(version -> Texts.SKILL_EXPLAINED)
                .setPartNameGenerator(version -> version.backtest().skill() <= 0 ? "worse-than-baseline" : null);
        versions.addComponentColumn(version -> VersionDetail.coverage(version.backtest().coverage())).setHeader("80 % coverage")
                .setAutoWidth(true).setTextAlign(ColumnTextAlign.END).setTooltipGenerator(version -> Texts.COVERAGE_EXPLAINED);
        versions.addColumn(version -> Texts.count(version.backtest().heldOut())).setHeader("Held out").setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        versions.setEmptyStateText(Texts.EMPTY);
        versions.setWidthFull();
        versions.asSingleSelect().addValueChangeListener(change -> {
            show(change.getValue());
            if (change.isFromClient() && change.getValue() != null) {
                // On a phone the detail is below the fold: bring it into sight. On a desktop its heading already is, and the
                // grid stays where it was.
                detail.getElement().executeJs("if (this.getBoundingClientRect().top > window.innerHeight - 160) "
                        + "{ this.scrollIntoView({ block: 'start', behavior: 'smooth' }); }");
            }
        });
        return versions;
    }

    private HorizontalLayout actions() {
        approve.setId("approve-version");
        approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_PRIMARY);
        approve.addClickListener(click -> selected().ifPresent(version -> attempt(() -> {
            ModelVersion approved = administration.approve(version.id());
            refresh(approved.id());
            notify(Texts.approved(approved), NotificationVariant.LUMO_SUCCESS);
        })));
        retire.setId("retire-version");
        retire.addThemeVariants(ButtonVariant.LUMO_ERROR);
        retire.addClickListener(click -> selected().ifPresent(this::confirmRetirement));
        pin.setId("pin-version");
        pin.addClickListener(click -> selected().ifPresent(this::openPinDialog));
        whyNot.setId("approve-blocked");
        whyNot.addClassName("model-why-not");
        var actions = new HorizontalLayout(approve, retire, pin, whyNot);
        actions.setWrap(true);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        return actions;
    }

    private Grid<ModelRegistry.Pin> pinsGrid() {
        pins.setId("model-pins");
        pins.addThemeVariants(GridVariant.LUMO_COMPACT);
        pins.addColumn(ModelRegistry.Pin::modelName).setHeader("Model").setAutoWidth(true);
        pins.addColumn(this::pinnedVersion).setHeader("Version").setAutoWidth(true);
        pins.addColumn(PredictionModelsView::holder).setHeader("For").setAutoWidth(true).setFlexGrow(1);
        pins.addComponentColumn(one -> {
            var unpin = new Button("Unpin", click -> attempt(() -> {
                administration.unpin(one.id());
                refresh(selected().map(ModelVersion::id).orElse(null));
                notify(Texts.unpinned(one.modelName() + " v" + one.version(), holder(one)), NotificationVariant.LUMO_SUCCESS);
            }));
            unpin.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            unpin.setAriaLabel("Unpin " + one.modelName() + " v" + one.version() + " for " + holder(one));
            return unpin;
        }).setKey("unpin").setAutoWidth(true).setFlexGrow(0).setFrozenToEnd(true);
        pins.setEmptyStateText(Texts.PINS_EMPTY);
        pins.setWidthFull();
        return pins;
    }

    Grid<ModelVersion> versions() {
        return versions;
    }

    Grid<ModelRegistry.Pin> pins() {
        return pins;
    }

    VersionDetail detail() {
        return detail;
    }

    private java.util.Optional<ModelVersion> selected() {
        return versions.asSingleSelect().getOptionalValue();
    }

    private void show(ModelVersion version) {
        hint.setVisible(version == null && !all.isEmpty());
        detail.setVisible(version != null);
        if (version == null) {
            return;
        }
        detail.show(version);
        retrainModel.setValue(version.name());
        boolean approved = version.status() == ModelVersion.Status.APPROVED;
        String blocked = approved ? Texts.ALREADY_APPROVED : version.backtest().approvable() ? null : Texts.notApprovable(version.backtest());
        approve.setEnabled(blocked == null);
        approve.setTooltipText(blocked);
        whyNot.setText(blocked == null || approved ? "" : blocked);
        retire.setEnabled(version.status() != ModelVersion.Status.RETIRED);
        retire.setTooltipText(version.status() == ModelVersion.Status.RETIRED ? Texts.ALREADY_RETIRED : null);
        pin.setEnabled(approved);
        pin.setTooltipText(approved ? null : Texts.ONLY_APPROVED_PINNED);
    }

    /** Reloads versions and pins, keeping {@code selectedId} selected when it is still there. */
    private void refresh(UUID selectedId) {
        all = administration.versions();
        byId = all.stream().collect(Collectors.toMap(ModelVersion::id, Function.identity()));
        versions.setItems(all);
        versions.setAllRowsVisible(all.size() <= ROWS_SHOWN_WHOLE);
        if (all.size() > ROWS_SHOWN_WHOLE) {
            versions.setHeight("22rem");
        }
        ModelVersion keep = all.stream().filter(version -> version.id().equals(selectedId)).findFirst().orElse(null);
        if (keep != null) {
            versions.select(keep);
        } else {
            versions.deselectAll();
        }
        show(keep);
        List<ModelRegistry.Pin> current = administration.pins();
        pins.setItems(current);
        pins.setAllRowsVisible(current.size() <= ROWS_SHOWN_WHOLE);
        if (current.size() > ROWS_SHOWN_WHOLE) {
            pins.setHeight("16rem");
        }
    }

    private String pinnedVersion(ModelRegistry.Pin one) {
        ModelVersion version = byId.get(one.modelId());
        return "v" + one.version() + (version == null || version.status() == ModelVersion.Status.APPROVED ? ""
                : " (" + Texts.status(version.status()).toLowerCase(java.util.Locale.ROOT) + ": passed over)");
    }

    private static String holder(ModelRegistry.Pin one) {
        return one.clientName() != null ? "client " + one.clientName() : "user " + one.userEmail();
    }

    private void confirmRetirement(ModelVersion version) {
        if (version.status() != ModelVersion.Status.APPROVED) {
            retireNow(version);
            return;
        }
        boolean lastApproved = all.stream().noneMatch(other -> other.name().equals(version.name()) && !other.id().equals(version.id())
                && other.status() == ModelVersion.Status.APPROVED);
        var dialog = new ConfirmDialog(Texts.retireQuestion(version), Texts.retireConsequence(version, lastApproved), Texts.RETIRE,
                confirmed -> retireNow(version));
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.setId("confirm-retire");
        dialog.open();
    }

    private void retireNow(ModelVersion version) {
        attempt(() -> {
            ModelVersion retired = administration.retire(version.id());
            refresh(retired.id());
            notify(Texts.retired(retired), NotificationVariant.LUMO_SUCCESS);
        });
    }

    private void openPinDialog(ModelVersion version) {
        attempt(() -> new PinDialog(version, accounts.clientNames(), (client, user) -> administration.pin(version.id(), client, user),
                pinned -> {
                    refresh(version.id());
                    notify(Texts.pinned(version.label(), holder(pinned)), NotificationVariant.LUMO_SUCCESS);
                }).open());
    }

    /**
     * Trains a new version on a virtual thread as the signed-in admin (training takes seconds to half a
     * minute), shows progress meanwhile and pushes the outcome to this page.
     */
    private void retrain(String name) {
        UI ui = UI.getCurrent();
        var caller = securityContexts.getContext();
        retrainModel.setEnabled(false);
        trainingText.setText(Texts.training(name));
        trainingBar.setVisible(true);
        Thread.ofVirtual().name("prediction-model-retrain").start(() -> {
            securityContexts.setContext(caller);
            try {
                ModelVersion trained = administration.retrain(name);
                onUi(ui, () -> {
                    refresh(trained.id());
                    notify(Texts.trained(trained), trained.backtest().approvable() ? NotificationVariant.LUMO_SUCCESS
                            : NotificationVariant.LUMO_WARNING);
                });
            } catch (DomainException e) {
                onUi(ui, () -> notify(e.getMessage(), NotificationVariant.LUMO_ERROR));
            } catch (RuntimeException e) {
                log.warn("Retraining {} failed", name, e);
                onUi(ui, () -> notify(Texts.UNEXPECTED, NotificationVariant.LUMO_ERROR));
            } finally {
                securityContexts.clearContext();
                onUi(ui, () -> {
                    retrain.setEnabled(true);
                    retrainModel.setEnabled(true);
                    trainingBar.setVisible(false);
                });
            }
        });
    }

    /** Runs {@code change} on the page if it is still open; a page closed meanwhile finds the new version on its next visit. */
    private static void onUi(UI ui, Runnable change) {
        try {
            ui.access(change::run);
        } catch (UIDetachedException closed) {
            // Nobody to tell.
        }
    }

    /** Runs an admin action, turning its refusal into a notification a person can act on. */
    private void attempt(Runnable action) {
        try {
            action.run();
        } catch (DomainException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
            refresh(selected().map(ModelVersion::id).orElse(null));
        }
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification.show(text, 6000, Notification.Position.BOTTOM_START).addThemeVariants(variant);
    }
}
