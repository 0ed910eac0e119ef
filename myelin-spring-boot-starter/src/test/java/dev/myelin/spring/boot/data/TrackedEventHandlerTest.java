package dev.myelin.spring.boot.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.core.EventHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.RequestContext;
import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.spring.boot.MediatorAutoConfiguration;
import dev.myelin.spring.boot.behaviors.BehaviorsAutoConfiguration;
import dev.myelin.spring.boot.data.PizzaDomain.Kitchen;
import dev.myelin.spring.boot.data.PizzaDomain.OrderPizza;
import dev.myelin.spring.boot.data.PizzaDomain.PizzaOrdered;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link TrackedEventHandler}: the daemon runs the handler behind a checkpoint; the outbox never sees it. */
class TrackedEventHandlerTest {

    @TempDir
    Path dataDirectory;

    /** A tracked handler: writes a row per event in the transaction it runs in, and remembers what it saw. */
    @TrackedEventHandler
    static final class Oven implements EventHandler<PizzaOrdered> {
        final List<PizzaOrdered> received = new CopyOnWriteArrayList<>();
        final List<Boolean> inTransaction = new CopyOnWriteArrayList<>();
        final List<String> causations = new CopyOnWriteArrayList<>();
        private final JdbcTemplate jdbc;
        private final TransactionRunner transactions;

        Oven(JdbcTemplate jdbc, TransactionRunner transactions) {
            this.jdbc = jdbc;
            this.transactions = transactions;
        }

        @Override
        public void handle(PizzaOrdered event) {
            jdbc.update("insert into pizza_list (id, name) values (?, ?)", "oven-" + event.pizzaId(), event.name());
            inTransaction.add(transactions.isActive());
            causations.add(RequestContext.current().causationId().orElse(null));
            received.add(event);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WithOven {
        @Bean
        Oven oven(JdbcTemplate jdbc, TransactionRunner transactions) {
            return new Oven(jdbc, transactions);
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class, DataAutoConfiguration.class,
                        DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class,
                        MediatorAutoConfiguration.class, BehaviorsAutoConfiguration.class,
                        DataObservabilityAutoConfiguration.class))
                .withUserConfiguration(PizzaDomain.Application.class, WithOven.class)
                .withPropertyValues("myelin.postgres.embedded.data-directory=" + dataDirectory,
                        "myelin.outbox.poll-interval=30s", "myelin.projections.poll-interval=30s");
    }

    @Test
    void aTrackedHandlerRunsOnceInTheDaemonsTransactionWithNoOutboxOrInboxRowWhileTheOthersStayOnTheOutbox() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            Mediator mediator = context.getBean(Mediator.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            Oven oven = context.getBean(Oven.class);
            Kitchen kitchen = context.getBean(Kitchen.class);
            String ovenName = Oven.class.getName();
            assertThat(context.getBean(OutboxDispatcher.class).handlerNames()).doesNotContain(ovenName)
                    .contains(Kitchen.class.getName());

            for (int i = 0; i < 5; i++) {
                mediator.send(new OrderPizza("t" + i, "margherita"));
                assertThat(jdbc.queryForObject("select count(*) from myelin.outbox where handler = ?", Long.class,
                        ovenName)).as("no delivery row for a tracked handler").isZero();
            }
            PizzaOrdered published = new PizzaOrdered("pub", "diavola");
            mediator.publish(published);

            // Woken by the append, not by the 30 s poll.
            await().atMost(Duration.ofSeconds(10)).until(() -> oven.received.size() == 6);
            await().atMost(Duration.ofSeconds(10)).until(() -> kitchen.received.size() == 6);
            ProjectionDaemon daemon = context.getBean(ProjectionDaemon.class);
            daemon.catchUp();
            assertThat(daemon.lag(ovenName).eventsBehind()).isZero();
            assertThat(oven.received).hasSize(6).contains(published);
            assertThat(oven.inTransaction).containsOnly(true);
            List<String> eventIds = jdbc.queryForList("select event_id::text from myelin.events order by global_position",
                    String.class);
            assertThat(oven.causations).as("each ran under its event's context").containsExactlyElementsOf(eventIds);
            assertThat(jdbc.queryForObject("select count(*) from pizza_list where id like 'oven-%'", Long.class))
                    .isEqualTo(6);
            assertThat(jdbc.queryForObject("select count(*) from myelin.inbox where handler = ?", Long.class, ovenName))
                    .isZero();
            // Its lag is its only alarm (no dead letters): health and gauges sample it with the projections'.
            assertThat(daemon.names()).contains(ovenName);
            assertThat(context.getBean(DataHealthSampler.class).latest().lags()).containsKey(ovenName);
        });
    }

    @Test
    void aTrackedHandlerOfAnEventThatIsNoDomainEventIsRefusedAtStartup() {
        runner().withBean("notADomainEvent", NotDomain.class, NotDomain::new).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("no DomainEvent"));
    }

    /** An event outside the log. */
    record Ping() implements dev.myelin.core.Event {
    }

    @TrackedEventHandler
    static final class NotDomain implements EventHandler<Ping> {
        @Override
        public void handle(Ping event) {
        }
    }
}
