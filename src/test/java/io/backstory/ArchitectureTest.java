package io.backstory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.backstory");

    @Test
    void shouldKeepAnalyticsPureJava() {
        classes().that().resideInAPackage("io.backstory.analytics..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "javax.annotation..", "org.apache.commons.math3..", "org.apache.commons.csv..",
                        "org.jspecify..", "io.backstory.analytics..")
                .because("the analytics engine is pure Java: testable and benchmarkable without Spring, Vaadin or JPA (docs/style.md rule 3)")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void shouldKeepViewsAwayFromRepositories() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .because("views call services, never repositories (docs/style.md rule 1)")
                .check(CLASSES);
    }

    @Test
    void shouldKeepViewsAwayFromEntities() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().areAnnotatedWith(jakarta.persistence.Entity.class)
                .because("services hand records to views, not entities (docs/style.md rule 2)")
                .check(CLASSES);
    }

    /**
     * Issue 15 item 2: a module's views use their own module and the public API (top-level package) of other
     * modules, plus the shared base.ui; never another module's views or internals. A page that needs another
     * module's page navigates through an interface in base.ui (RecordPages), so the pages that compose several
     * modules stay in the care module instead of pulling one feature module into another.
     */
    @Test
    void shouldLetViewsUseOnlyTheirOwnModuleAndOtherModulesApis() {
        classes().that().resideInAPackage("io.backstory.*.ui..")
                .should(new ArchCondition<JavaClass>("use only their own module, other modules' API packages and base.ui") {
                    @Override
                    public void check(JavaClass view, ConditionEvents events) {
                        String own = module(view.getPackageName());
                        for (Dependency dependency : view.getDirectDependenciesFromSelf()) {
                            String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
                            if (!target.startsWith("io.backstory.") || module(target).equals(own)
                                    || target.equals("io.backstory." + module(target)) || target.equals("io.backstory.base.ui")) {
                                continue;
                            }
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                })
                .because("views call their own module and other modules' public API (docs/style.md: feature modules with a public API)")
                .check(CLASSES);
    }

    /** The module of a package under io.backstory: its first segment ("io.backstory.care.ui" → "care"). */
    private static String module(String packageName) {
        String rest = packageName.substring("io.backstory.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /**
     * DESIGN §7: scheduled work must be safe on several app nodes. An in-memory timer fires on every node,
     * so work on a schedule goes through the database: a @Scheduled method must hold ShedLock's
     * @SchedulerLock (a lock row in the database), or use a database-backed scheduler (db-scheduler).
     */
    @Test
    void shouldScheduleWorkOnlyThroughTheDatabase() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ScheduledExecutorService")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ScheduledThreadPoolExecutor")
                .because("an in-memory timer fires on every app node (DESIGN §7): use a database-backed scheduler or lock")
                .check(CLASSES);
        methods().that().areAnnotatedWith("org.springframework.scheduling.annotation.Scheduled")
                .should().beAnnotatedWith("net.javacrumbs.shedlock.spring.annotation.SchedulerLock")
                .because("a @Scheduled method runs on every app node unless a database lock lets only one through (DESIGN §7)")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void shouldMarkEveryPackageNullMarked() {
        // jspecify's @NullMarked on package-info makes "non-null unless @Nullable" the reading of every
        // signature, so a new package without one silently drops back to "unknown" (docs/style.md).
        java.util.List<String> unmarked = CLASSES.stream().map(c -> c.getPackageName()).distinct().sorted()
                .filter(name -> {
                    try {
                        return !Class.forName(name + ".package-info").isAnnotationPresent(org.jspecify.annotations.NullMarked.class);
                    } catch (ClassNotFoundException e) {
                        return true;
                    }
                })
                .toList();
        org.assertj.core.api.Assertions.assertThat(unmarked).as("packages without a @NullMarked package-info").isEmpty();
    }
}
