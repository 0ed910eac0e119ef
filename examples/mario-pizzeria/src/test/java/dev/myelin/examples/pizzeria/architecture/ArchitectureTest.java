package dev.myelin.examples.pizzeria.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pizzeria keeps the seed's "Common Mistakes" out ({@link PizzeriaArchitecture} defines each
 * rule; {@code ArchitectureRulesCanFailTest} proves that each one fails on bad code).
 */
class ArchitectureTest {

    private static final String ROOT = "dev.myelin.examples.pizzeria";

    private static JavaClasses pizzeria;

    @BeforeAll
    static void importPizzeria() {
        pizzeria = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void theRulesSeeEveryControllerAndQueryHandler() {
        // Not vacuous: the terms of the rules find the application's 7 controllers and 10 query handlers.
        assertThat(pizzeria.stream().filter(PizzeriaArchitecture.areControllers()).count()).isGreaterThanOrEqualTo(7);
        assertThat(pizzeria.stream().filter(PizzeriaArchitecture.areQueryHandlers()).count()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void controllersKnowOnlyTheMediatorMessagesAndDtos() {
        PizzeriaArchitecture.controllersKnowOnlyTheMediatorMessagesAndDtos().check(pizzeria);
    }

    @Test
    void queryHandlersNeverWrite() {
        PizzeriaArchitecture.queryHandlersNeverWrite().check(pizzeria);
    }

    @Test
    void handlersNeverReturnDomainEntities() {
        PizzeriaArchitecture.handlersNeverReturnDomainEntities().check(pizzeria);
    }

    @Test
    void commandsAndQueriesUseSeparateDtos() {
        PizzeriaArchitecture.commandsAndQueriesUseSeparateDtos().check(pizzeria);
    }

    @Test
    void featuresDoNotReachIntoEachOthersInternals() {
        PizzeriaArchitecture.featuresDoNotReachIntoEachOthersInternals(ROOT).check(pizzeria);
    }
}
