package dev.myelin.spring.boot.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Sender;
import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.spring.boot.MediatorAutoConfiguration;
import dev.myelin.spring.boot.behaviors.BehaviorsAutoConfiguration;
import dev.myelin.spring.boot.data.PizzaDomain.OrderPizza;
import dev.myelin.spring.boot.data.PizzaDomain.Pizza;
import dev.myelin.spring.boot.data.PizzaDomain.Pizzas;
import dev.myelin.spring.boot.transaction.SpringTransactionRunner;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

/**
 * Commands, {@code @Transactional} methods and {@code JdbcClient}/{@code JdbcTemplate} share ONE
 * transaction on real PostgreSQL, in every combination: a command sent inside a {@code @Transactional}
 * method, {@code @Transactional} code called from a handler, and nested sends; each commits together
 * and rolls back together. Then the back-off of the unit of work to the application's own beans.
 * (No JPA here: the starter's tests have no JPA provider; JPA joins through the same
 * {@code PlatformTransactionManager}-bound connection.)
 */
class OneTransactionTest {

    @TempDir
    Path dataDirectory;

    /** Writes an audit row with JdbcClient, in whatever transaction is active. */
    static class Audit {
        private final JdbcClient jdbc;

        Audit(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        public void record(String what) {
            jdbc.sql("insert into audit (what) values (?)").param(what).update();
        }
    }

    /** A {@code @Transactional} service that sends a command and writes with JdbcTemplate around it. */
    static class Counter {
        private final ObjectProvider<Mediator> mediator;
        private final JdbcTemplate jdbc;

        Counter(ObjectProvider<Mediator> mediator, JdbcTemplate jdbc) {
            this.mediator = mediator;
            this.jdbc = jdbc;
        }

        @Transactional
        public OperationResult<String> orderAndAudit(String id, boolean failAfterwards) {
            jdbc.update("insert into audit (what) values (?)", "before " + id);
            OperationResult<String> result = mediator.getObject().send(new OrderPizza(id, "margherita"));
            if (failAfterwards) {
                throw new IllegalStateException("the service fails after the command succeeded");
            }
            return result;
        }
    }

    /** Saves a pizza after a {@code @Transactional} audit; fails (a 400 result) when asked. */
    record AuditedOrder(String id, boolean fail) implements Command<OperationResult<String>> {
    }

    /** Sends two OrderPizza commands from inside its handler. */
    record TwoPizzas(String first, String second) implements Command<OperationResult<String>> {
    }

    @Configuration(proxyBeanMethods = false)
    static class Combinations {
        @Bean
        Audit audit(JdbcClient jdbc) {
            return new Audit(jdbc);
        }

        @Bean
        Counter counter(ObjectProvider<Mediator> mediator, JdbcTemplate jdbc) {
            return new Counter(mediator, jdbc);
        }

        @Bean
        CommandHandler<AuditedOrder, OperationResult<String>> auditedOrderHandler(Audit audit, Pizzas pizzas) {
            return new CommandHandler<AuditedOrder, OperationResult<String>>() {
                @Override
                public OperationResult<String> handle(AuditedOrder command) {
                    audit.record("audited " + command.id());
                    pizzas.add(Pizza.order(command.id(), "audited"));
                    return command.fail() ? OperationResult.badRequest("refused after saving")
                            : OperationResult.created(command.id());
                }
            };
        }

        @Bean
        CommandHandler<TwoPizzas, OperationResult<String>> twoPizzasHandler(ObjectProvider<Sender> sender) {
            return new CommandHandler<TwoPizzas, OperationResult<String>>() {
                @Override
                public OperationResult<String> handle(TwoPizzas command) {
                    sender.getObject().send(new OrderPizza(command.first(), "margherita"));
                    sender.getObject().send(new OrderPizza(command.second(), command.second()));
                    return OperationResult.created(command.first());
                }
            };
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class, DataAutoConfiguration.class,
                        DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                        TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                        JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class, MediatorAutoConfiguration.class,
                        BehaviorsAutoConfiguration.class))
                .withUserConfiguration(PizzaDomain.Application.class, Combinations.class)
                .withPropertyValues("myelin.postgres.embedded.data-directory=" + dataDirectory,
                        "myelin.outbox.poll-interval=30s", "myelin.projections.poll-interval=30s");
    }

    @Test
    void commandSentInsideTransactionalMethodCommitsAndRollsBackWithIt() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            createAuditTable(context);
            Counter counter = context.getBean(Counter.class);

            assertThat(counter.orderAndAudit("kept", false).isSuccess()).isTrue();
            assertThat(written(context, "kept")).isEqualTo(new Written(1, 1, 1, 1));

            assertThatThrownBy(() -> counter.orderAndAudit("undone", true)).isInstanceOf(IllegalStateException.class);
            assertThat(written(context, "undone")).as("the service's failure rolls back the command it sent")
                    .isEqualTo(new Written(0, 0, 0, 0));
        });
    }

    @Test
    void transactionalCodeCalledFromAHandlerCommitsAndRollsBackWithTheCommand() {
        runner().run(context -> {
            createAuditTable(context);
            Mediator mediator = context.getBean(Mediator.class);

            assertThat(mediator.send(new AuditedOrder("kept", false)).isSuccess()).isTrue();
            assertThat(written(context, "kept")).isEqualTo(new Written(1, 1, 1, 1));

            assertThat(mediator.send(new AuditedOrder("undone", true)).status()).isEqualTo(400);
            assertThat(written(context, "undone")).as("the command's rollback undoes the @Transactional write")
                    .isEqualTo(new Written(0, 0, 0, 0));
        });
    }

    @Test
    void nestedSendsCommitTogetherAndAFailingInnerCommandRollsBackTheOuterOne() {
        runner().run(context -> {
            createAuditTable(context);
            Mediator mediator = context.getBean(Mediator.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

            assertThat(mediator.send(new TwoPizzas("a", "b")).isSuccess()).isTrue();
            assertThat(jdbc.queryForObject("select count(*) from myelin.documents where aggregate_id in ('a', 'b')",
                    Long.class)).isEqualTo(2);

            OperationResult<String> result = mediator.send(new TwoPizzas("c", "reject"));
            assertThat(result.isSuccess()).isFalse();
            assertThat(jdbc.queryForObject("select count(*) from myelin.documents where aggregate_id in ('c', 'reject')",
                    Long.class)).as("the first inner command rolls back with the second").isZero();
            assertThat(jdbc.queryForObject("select count(*) from myelin.events where stream_id in ('Pizza-c', "
                    + "'Pizza-reject')", Long.class)).isZero();
        });
    }

    @Test
    void theApplicationsTransactionManagerBacksTheStartersOffAndDrivesTheCommands() {
        runner().withUserConfiguration(OwnTransactionManager.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(PlatformTransactionManager.class))
                            .isInstanceOf(RecordingTransactionManager.class);
                    assertThat(context.getBean(TransactionRunner.class)).isInstanceOf(SpringTransactionRunner.class);
                    createAuditTable(context);

                    context.getBean(Mediator.class).send(new OrderPizza("own", "margherita"));

                    assertThat(RecordingTransactionManager.begun).as("the command ran in the application's manager")
                            .isPositive();
                    assertThat(written(context, "own").documents()).isEqualTo(1);
                });
    }

    @Test
    void theApplicationsRunnerBacksTheStartersOffAndIsTheStoresConnection() {
        runner().withUserConfiguration(OwnRunner.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(TransactionRunner.class);
            TransactionRunner own = context.getBean(TransactionRunner.class);
            assertThat(own).isInstanceOf(JdbcTransactionRunner.class);
            assertThat(context.getBean(CurrentConnection.class)).isSameAs(own);
            assertThat(context).doesNotHaveBean(SpringTransactionRunner.class);
            OperationResult<String> result = context.getBean(Mediator.class).send(new OrderPizza("r", "margherita"));
            assertThat(result.isSuccess()).isTrue();
            assertThat(context.getBean(JdbcTemplate.class).queryForObject(
                    "select count(*) from myelin.events where stream_id = 'Pizza-r'", Long.class)).isEqualTo(1);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTransactionManager {
        @Bean
        PlatformTransactionManager applicationTransactionManager(DataSource dataSource) {
            return new RecordingTransactionManager(dataSource);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRunner {
        @Bean
        JdbcTransactionRunner applicationRunner(DataSource dataSource) {
            return new JdbcTransactionRunner(dataSource);
        }
    }

    /** A JdbcTransactionManager that counts the transactions it begins. */
    static final class RecordingTransactionManager extends JdbcTransactionManager {
        private static final long serialVersionUID = 1L;
        static volatile int begun;

        RecordingTransactionManager(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void doBegin(Object transaction, org.springframework.transaction.TransactionDefinition definition) {
            begun++;
            super.doBegin(transaction, definition);
        }
    }

    record Written(long documents, long events, long outbox, long audit) {
    }

    private static Written written(ApplicationContext context, String id) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        return new Written(
                jdbc.queryForObject("select count(*) from myelin.documents where aggregate_id = ?", Long.class, id),
                jdbc.queryForObject("select count(*) from myelin.events where stream_id = ?", Long.class, "Pizza-" + id),
                // Pending or already delivered (the inbox row replaces the outbox row in one transaction): one snapshot.
                jdbc.queryForObject("select (select count(*) from myelin.outbox o join myelin.events e on e.event_id = o.event_id"
                        + " where e.stream_id = ?) + (select count(*) from myelin.inbox i join myelin.events e"
                        + " on e.event_id::text = i.event_id where e.stream_id = ?)", Long.class, "Pizza-" + id, "Pizza-" + id),
                jdbc.queryForObject("select count(*) from audit where what like ?", Long.class, "% " + id));
    }

    private static void createAuditTable(ApplicationContext context) {
        context.getBean(JdbcTemplate.class).execute("create table if not exists audit (what text not null)");
    }
}
