package ai.usheru;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.vaadin.flow.router.Route;

import ai.usheru.ask.AskService;
import ai.usheru.guard.GuardedSql;
import ai.usheru.warehouse.QueryLimits;
import ai.usheru.warehouse.Warehouse;

/**
 * The package rules of README → Layout, checked on the compiled classes. A new feature is a top-level
 * package; these rules say what it may use and what may use it.
 */
class ArchitectureTest {

    static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("ai.usheru");
    }

    /** Feature packages may depend on one another only one way: no two reach each other, directly or round a loop. */
    static final ArchRule NO_CYCLES = slices().matching("ai.usheru.(*)..").namingSlices("$1").should().beFreeOfCycles();

    @Test
    void featurePackagesAreFreeOfCycles() {
        NO_CYCLES.check(product);
    }

    @Test
    void theCycleRuleSeesACycle() {
        // Two packages of this test's own that import each other: the rule must name the cycle.
        JavaClasses withCycle = new ClassFileImporter().importClasses(
                ai.usheru.architecture.cycle.a.First.class, ai.usheru.architecture.cycle.b.Second.class);
        ArchRule rule = slices().matching("ai.usheru.architecture.cycle.(*)..").should().beFreeOfCycles();

        assertThatThrownBy(() -> rule.check(withCycle)).isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
    }

    @Test
    void sharedComponentsAndTheShellUseNoFeature() {
        noClasses().that().resideInAPackage("ai.usheru.components..")
                .should().dependOnClassesThat().resideInAnyPackage(featurePackages())
                .because("features build their views from the shared components, so those cannot know a feature")
                .check(product);
        // The shell finds the views through their @Menu; it knows only who is signed in.
        noClasses().that().resideInAPackage("ai.usheru.ui..")
                .should().dependOnClassesThat().resideInAnyPackage(java.util.Arrays.stream(featurePackages())
                        .filter(feature -> !feature.equals("ai.usheru.accounts..")).toArray(String[]::new))
                .check(product);
        noClasses().that().resideOutsideOfPackage("ai.usheru.ui..").should().dependOnClassesThat().resideInAPackage("ai.usheru.ui..")
                .check(product);
    }

    /** Every top-level package but the shared ones (components, the shell, the database's generated code). */
    private static String[] featurePackages() {
        return product.stream().map(type -> type.getPackageName().split("\\.")).filter(parts -> parts.length > 2)
                .map(parts -> parts[2]).distinct().filter(name -> !java.util.Set.of("components", "ui", "db").contains(name))
                .map(name -> "ai.usheru." + name + "..").toArray(String[]::new);
    }

    @Test
    void viewsDependOnServicesNeverTheReverse() {
        // The UI's security needs to name its login view; nothing else outside a view package knows a view.
        noClasses().that().resideOutsideOfPackage("ai.usheru..ui..").and().doNotHaveFullyQualifiedName("ai.usheru.accounts.SecurityConfiguration")
                .should().dependOnClassesThat().resideInAPackage("ai.usheru..ui..")
                .because("views use services; a service that knew a view could not be used without the UI")
                .check(product);
    }

    @Test
    void viewsLiveInUiPackagesAndControllersInApi() {
        classes().that().areAnnotatedWith(Route.class).should().resideInAPackage("ai.usheru..ui..").check(product);
        // The JSON API is one package; a page outside the UI (the e-mails' unsubscribe link) may sit with its feature.
        classes().that().areAnnotatedWith(RestController.class).should().resideInAPackage("ai.usheru.api").check(product);
    }

    @Test
    void onlyTheApiAndTheViewsCallTheAskUseCase() {
        classes().that().belongToAnyOf(AskService.class).should().onlyBeAccessed()
                .byClassesThat().resideInAnyPackage("ai.usheru.api", "ai.usheru..ui..", "ai.usheru.ask")
                .check(product);
    }

    @Test
    void viewsAndTheApiReachTheDatabaseAndTheWarehouseOnlyThroughTheirPackages() {
        noClasses().that().resideInAnyPackage("ai.usheru..ui..", "ai.usheru.api")
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "ai.usheru.db..", "java.sql..", "javax.sql..", "org.duckdb..")
                .because("views and controllers call services, which own their tables and queries")
                .check(product);
    }

    @Test
    void theGuardIsTheOnlyWayToTheWarehouse() {
        noClasses().that().resideOutsideOfPackages("ai.usheru.guard..", "ai.usheru.warehouse..")
                .should().callMethod(Warehouse.class, "execute", String.class, String.class, QueryLimits.class)
                .orShould().callMethod(Warehouse.class, "execute", String.class, String.class, List.class, QueryLimits.class)
                .because("every query, generated or hand-written, runs scoped by the guard")
                .check(product);
        // Only the guard says SQL passed it, so SQL that runs without the guard cannot pretend it did.
        noClasses().that().resideOutsideOfPackage("ai.usheru.guard")
                .should().callConstructor(GuardedSql.class, String.class, java.util.Set.class)
                .check(product);
        // A raw connection reads the planner's vocabulary (titles, people, values); it runs no question.
        noClasses().that().resideOutsideOfPackages("ai.usheru.warehouse..").and().doNotHaveFullyQualifiedName("ai.usheru.ask.Planners")
                .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("connect"))
                        .and(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                                com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                        com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(Warehouse.class)))))
                .check(product);
        assertThat(product.contain(Warehouse.class)).isTrue();
    }
}
