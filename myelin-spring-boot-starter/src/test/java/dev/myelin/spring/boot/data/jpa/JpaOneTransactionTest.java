package dev.myelin.spring.boot.data.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.postgres.EventTypeRegistry;
import dev.myelin.postgres.document.DocumentStore;
import dev.myelin.spring.boot.MediatorAutoConfiguration;
import dev.myelin.spring.boot.behaviors.BehaviorsAutoConfiguration;
import dev.myelin.spring.boot.data.DataAutoConfiguration;
import dev.myelin.spring.boot.data.EmbeddedPostgresAutoConfiguration;
import dev.myelin.spring.boot.transaction.SpringCurrentConnection;
import dev.myelin.spring.boot.transaction.SpringTransactionRunner;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

/**
 * A JPA entity, a document with its events and outbox rows, and a {@code @Transactional} service
 * share ONE transaction under Spring Boot's {@code JpaTransactionManager}, on real PostgreSQL: a
 * command that persists an entity commits or rolls back with its document; a {@code @Transactional}
 * method that persists an entity and sends a command rolls both back when it fails.
 */
class JpaOneTransactionTest {

    @TempDir
    Path dataDirectory;

    /** A JPA entity. */
    @Entity
    @Table(name = "topping")
    public static class Topping {
        @Id
        private String name;

        protected Topping() {
        }

        Topping(String name) {
            this.name = name;
        }
    }

    /** Persists a topping with JPA and saves a pizza document; fails (400) when asked. */
    record AddTopping(String name, boolean fail) implements Command<OperationResult<String>> {
    }

    /** A {@code @Transactional} service: a JPA write, then a command, then maybe a failure. */
    static class Menu {
        private final EntityManager entities;
        private final ObjectProvider<Mediator> mediator;

        Menu(EntityManager entities, ObjectProvider<Mediator> mediator) {
            this.entities = entities;
            this.mediator = mediator;
        }

        @Transactional
        public void addTwo(String first, String second, boolean failAfterwards) {
            entities.persist(new Topping(first));
            mediator.getObject().send(new AddTopping(second, false));
            if (failAfterwards) {
                throw new IllegalStateException("the service fails after the command");
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage
    static class Application {
        @Bean
        EventTypeRegistry eventTypeRegistry() {
            return EventTypeRegistry.builder().register(ToppingDocument.ToppingAdded.class).build();
        }

        @Bean
        EntityManager sharedEntityManager(EntityManagerFactory factory) {
            return SharedEntityManagerCreator.createSharedEntityManager(factory);
        }

        @Bean
        Toppings toppings(DocumentStore documents) {
            return new Toppings(documents);
        }

        @Bean
        Menu menu(EntityManager entities, ObjectProvider<Mediator> mediator) {
            return new Menu(entities, mediator);
        }

        @Bean
        CommandHandler<AddTopping, OperationResult<String>> addToppingHandler(EntityManager entities,
                Toppings toppings) {
            return new CommandHandler<AddTopping, OperationResult<String>>() {
                @Override
                public OperationResult<String> handle(AddTopping command) {
                    entities.persist(new Topping(command.name()));
                    entities.flush();
                    toppings.add(ToppingDocument.create(command.name()));
                    return command.fail() ? OperationResult.badRequest("refused after saving")
                            : OperationResult.created(command.name());
                }
            };
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class,
                        DataAutoConfiguration.class, DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                        TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                        MediatorAutoConfiguration.class, BehaviorsAutoConfiguration.class))
                .withUserConfiguration(Application.class)
                .withPropertyValues("myelin.postgres.embedded.data-directory=" + dataDirectory,
                        "spring.jpa.hibernate.ddl-auto=create", "myelin.outbox.poll-interval=30s",
                        "myelin.projections.poll-interval=30s");
    }

    @Test
    void aCommandsJpaWriteAndItsDocumentCommitAndRollBackTogether() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(JpaTransactionManager.class);
            assertThat(context.getBean(TransactionRunner.class)).isInstanceOf(SpringTransactionRunner.class);
            assertThat(context.getBean(CurrentConnection.class)).isInstanceOf(SpringCurrentConnection.class);
            Mediator mediator = context.getBean(Mediator.class);

            assertThat(mediator.send(new AddTopping("basil", false)).isSuccess()).isTrue();
            assertThat(written(context, "basil")).containsExactly(1L, 1L, 1L);

            assertThat(mediator.send(new AddTopping("pineapple", true)).status()).isEqualTo(400);
            assertThat(written(context, "pineapple")).as("entity, document and events roll back together")
                    .containsExactly(0L, 0L, 0L);
        });
    }

    @Test
    void aTransactionalMethodsJpaWriteAndTheCommandItSendsRollBackTogether() {
        runner().run(context -> {
            Menu menu = context.getBean(Menu.class);

            menu.addTwo("oregano", "garlic", false);
            assertThat(written(context, "oregano").get(0)).isEqualTo(1L);
            assertThat(written(context, "garlic")).containsExactly(1L, 1L, 1L);

            assertThatThrownBy(() -> menu.addTwo("chili", "olives", true)).isInstanceOf(IllegalStateException.class);
            assertThat(written(context, "chili").get(0)).isZero();
            assertThat(written(context, "olives")).as("the command sent inside rolls back with the JPA write")
                    .containsExactly(0L, 0L, 0L);
        });
    }

    /** Entities, documents and events of a name. */
    private static java.util.List<Long> written(ApplicationContext context, String name) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        return java.util.List.of(
                jdbc.queryForObject("select count(*) from topping where name = ?", Long.class, name),
                jdbc.queryForObject("select count(*) from myelin.documents where aggregate_id = ?", Long.class, name),
                jdbc.queryForObject("select count(*) from myelin.events where stream_id = ?", Long.class,
                        "ToppingDocument-" + name));
    }
}
