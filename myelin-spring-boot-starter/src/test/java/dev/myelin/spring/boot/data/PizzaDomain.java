package dev.myelin.spring.boot.data;

import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.DomainEvent;
import dev.myelin.core.EventHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.data.AggregateRoot;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.postgres.document.DocumentStore;
import dev.myelin.postgres.document.PostgresDocumentRepository;
import dev.myelin.spring.boot.MediatorAutoConfiguration;
import dev.myelin.spring.boot.behaviors.BehaviorsAutoConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/** A small application on the data auto-configuration: one aggregate, one handler, two projections. */
final class PizzaDomain {

    private PizzaDomain() {
    }

    /**
     * This application on the data auto-configuration with Spring's data source, transactions and JDBC, its
     * embedded PostgreSQL in {@code dataDirectory}; the background pollers slowed to 30 s.
     */
    static ApplicationContextRunner runner(Path dataDirectory) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class, DataAutoConfiguration.class,
                        DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class,
                        MediatorAutoConfiguration.class, BehaviorsAutoConfiguration.class))
                .withUserConfiguration(Application.class)
                .withPropertyValues("myelin.postgres.embedded.data-directory=" + dataDirectory,
                        "myelin.outbox.poll-interval=30s", "myelin.projections.poll-interval=30s");
    }

    record PizzaOrdered(String pizzaId, String name) implements DomainEvent {
    }

    record PizzaState(String name) {
    }

    /** Orders a pizza; a name of "reject" saves it, then fails the command (which rolls back). */
    record OrderPizza(String id, String name) implements Command<OperationResult<String>> {
    }

    static final class Pizza extends AggregateRoot<String> {
        private final String name;

        Pizza(String id, long version, PizzaState state) {
            super(id, version);
            this.name = state.name();
        }

        static Pizza order(String id, String name) {
            Pizza pizza = new Pizza(id, 0, new PizzaState(name));
            pizza.record(new PizzaOrdered(id, name));
            return pizza;
        }
    }

    static final class Pizzas extends PostgresDocumentRepository<Pizza, String, PizzaState> {
        Pizzas(DocumentStore documents) {
            super(Pizza.class, PizzaState.class, documents);
        }

        @Override
        protected PizzaState state(Pizza pizza) {
            return new PizzaState(pizza.name);
        }

        @Override
        protected Pizza restore(String id, long version, PizzaState state) {
            return new Pizza(id, version, state);
        }

        @Override
        protected String parseId(String storedId) {
            return storedId;
        }
    }

    static final class OrderPizzaHandler implements CommandHandler<OrderPizza, OperationResult<String>> {
        private final Pizzas pizzas;

        OrderPizzaHandler(Pizzas pizzas) {
            this.pizzas = pizzas;
        }

        @Override
        public OperationResult<String> handle(OrderPizza command) {
            pizzas.add(Pizza.order(command.id(), command.name()));
            return "reject".equals(command.name()) ? OperationResult.badRequest("rejected after saving")
                    : OperationResult.created(command.id());
        }
    }

    /** Records every delivery; depends on the repository, as real handlers do. */
    static final class Kitchen implements EventHandler<PizzaOrdered> {
        final List<PizzaOrdered> received = new CopyOnWriteArrayList<>();
        final List<Long> receivedAtNanos = new CopyOnWriteArrayList<>();
        final Pizzas pizzas;

        Kitchen(Pizzas pizzas) {
            this.pizzas = pizzas;
        }

        @Override
        public void handle(PizzaOrdered event) {
            receivedAtNanos.add(System.nanoTime());
            received.add(event);
        }
    }

    /** Counts pizzas per name inside the command's transaction, through Boot's JdbcClient (on the starter's JdbcTemplate). */
    @InlineProjection
    static final class PizzaCountProjection implements Projection {
        private final JdbcClient jdbc;

        PizzaCountProjection(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void apply(StoredEvent event) {
            if (event.event() instanceof PizzaOrdered ordered) {
                jdbc.sql("insert into pizza_count (name, count) values (?, 1) "
                        + "on conflict (name) do update set count = pizza_count.count + 1").param(ordered.name()).update();
            }
        }
    }

    /** Lists ordered pizzas after commit, applied by the projection daemon. */
    static final class PizzaListProjection implements Projection {
        private final JdbcTemplate jdbc;

        PizzaListProjection(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void apply(StoredEvent event) {
            if (event.event() instanceof PizzaOrdered ordered) {
                jdbc.update("insert into pizza_list (id, name) values (?, ?)", ordered.pizzaId(), ordered.name());
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Application {
        @Bean
        Pizzas pizzas(DocumentStore documents) {
            return new Pizzas(documents);
        }

        @Bean
        OrderPizzaHandler orderPizzaHandler(Pizzas pizzas) {
            return new OrderPizzaHandler(pizzas);
        }

        @Bean
        Kitchen kitchen(Pizzas pizzas) {
            return new Kitchen(pizzas);
        }

        @Bean
        PizzaCountProjection pizzaCountProjection(JdbcClient jdbc) {
            return new PizzaCountProjection(jdbc);
        }

        @Bean
        PizzaListProjection pizzaListProjection(JdbcTemplate jdbc) {
            return new PizzaListProjection(jdbc);
        }
    }
}
