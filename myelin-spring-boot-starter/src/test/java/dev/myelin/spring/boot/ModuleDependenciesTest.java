package dev.myelin.spring.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rule of DESIGN §2 (with §9: the unit of work belongs to {@code myelin-data}), over the
 * main classes of every module on the starter's test class path: core, data, behaviors, postgres,
 * test and the starter. A module depends only on the modules above it; Spring only in the starter.
 */
class ModuleDependenciesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importModules() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.myelin");
    }

    @Test
    void everyModuleIsImported() {
        // Guards against a vacuous pass: each rule below is about classes that are really there.
        for (String module : new String[] {"core", "data", "behaviors", "postgres", "spring.boot"}) {
            assertThat(classes.stream().filter(type -> type.getPackageName().startsWith("dev.myelin." + module)).count())
                    .as("classes of dev.myelin.%s", module).isGreaterThan(20);
        }
    }

    @Test
    void coreDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.myelin.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.myelin.core..", "java..")
                .check(classes);
    }

    @Test
    void dataDependsOnCoreOnly() {
        dataRule().check(classes);
    }

    @Test
    void behaviorsDependOnCoreAndDataOnly() {
        noClasses().that().resideInAPackage("dev.myelin.behaviors..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.myelin.postgres..", "dev.myelin.spring..",
                        "dev.myelin.test..", "org.springframework..")
                .check(classes);
    }

    @Test
    void postgresTakesNoConcreteRunnerAndNoSpring() {
        noClasses().that().resideInAPackage("dev.myelin.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.myelin.spring..", "org.springframework..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.myelin.data.transaction.JdbcTransactionRunner")
                .check(classes);
    }

    @Test
    void springLivesOnlyInTheStarter() {
        noClasses().that().resideOutsideOfPackage("dev.myelin.spring.boot..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void theDataRuleFailsOnAWrongWayDependency() {
        // The same rule, applied to behaviors (which depend on data, so are not "core only"), must report it.
        ArchRule sameRuleOnBehaviors = classes().that().resideInAPackage("dev.myelin.behaviors..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.myelin.core..", "dev.myelin.behaviors..",
                        "java..", "javax..", "org.slf4j..", "jakarta..", "com.github.benmanes..", "io.micrometer..");
        assertThat(sameRuleOnBehaviors.evaluate(classes).hasViolation()).isTrue();
    }

    private static ArchRule dataRule() {
        return classes().that().resideInAPackage("dev.myelin.data..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.myelin.core..", "dev.myelin.data..",
                        "java..", "javax.sql..", "org.slf4j..");
    }
}
