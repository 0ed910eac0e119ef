package dev.myelin.examples.pizzeria.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule flags deliberately bad fixture code ({@code dev.myelin.examples.archfixture},
 * outside the application) for the reason it exists, and leaves the good controls alone: none of the
 * rules can pass vacuously.
 */
class ArchitectureRulesCanFailTest {

    private static final String ROOT = "dev.myelin.examples.archfixture";

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(ROOT);
    }

    @Test
    void aControllerUsingAHandlerAndARepositoryIsFlagged() {
        List<String> violations = violations(PizzeriaArchitecture.controllersKnowOnlyTheMediatorMessagesAndDtos());
        assertThat(violations).anySatisfy(line -> assertThat(line).contains("BadWidgetController").contains("GetWidgetHandler"));
        assertThat(violations).anySatisfy(line -> assertThat(line).contains("BadWidgetController").contains("WidgetRepository"));
        assertThat(violations).noneSatisfy(line -> assertThat(line).contains("GoodWidgetController"));
    }

    @Test
    void queryHandlersThatSaveSendOrRunAJdbcUpdateAreFlagged() {
        List<String> violations = violations(PizzeriaArchitecture.queryHandlersNeverWrite());
        assertThat(violations).anySatisfy(line -> assertThat(line).contains("GetWidgetHandler").contains("WidgetRepository"));
        assertThat(violations).anySatisfy(line -> assertThat(line).contains("GetWidgetSpecHandler").contains("Sender"));
        assertThat(violations).anySatisfy(line -> assertThat(line).contains("CountWidgetViewsHandler").contains("update"));
    }

    @Test
    void aHandlerReturningAnAggregateIsFlagged() {
        List<String> violations = violations(PizzeriaArchitecture.handlersNeverReturnDomainEntities());
        assertThat(violations).anySatisfy(line -> assertThat(line)
                .contains("GetWidgetHandler returns dev.myelin.examples.archfixture.alpha.Widget"));
        assertThat(violations).noneSatisfy(line -> assertThat(line).contains("CountWidgetViewsHandler"));
    }

    @Test
    void aDtoSharedByACommandAndAQueryIsFlagged() {
        List<String> violations = violations(PizzeriaArchitecture.commandsAndQueriesUseSeparateDtos());
        assertThat(violations).anySatisfy(line -> assertThat(line)
                .contains("WidgetDto is the result of both a command and a query"));
        assertThat(violations).anySatisfy(line -> assertThat(line)
                .contains("SaveWidget.spec uses dev.myelin.examples.archfixture.alpha.WidgetSpec"));
    }

    @Test
    void aFeatureReadingAnotherFeaturesRepositoryIsFlaggedButItsCommandsAreNot() {
        List<String> violations = violations(PizzeriaArchitecture.featuresDoNotReachIntoEachOthersInternals(ROOT));
        assertThat(violations).anySatisfy(line -> assertThat(line).contains("BetaReport").contains("WidgetRepository"));
        assertThat(violations).anySatisfy(line -> assertThat(line).contains("BetaReport").contains("alpha.Widget"));
        assertThat(violations).noneSatisfy(line -> assertThat(line).contains("BetaClient"));
    }

    private static List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixtures);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return result.getFailureReport().getDetails();
    }
}
