package dev.myelin.spring.boot.data;

import dev.myelin.behaviors.idempotency.IdempotencyStore;
import dev.myelin.data.AfterAppend;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.outbox.Inbox;
import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.outbox.OutboxStore;
import dev.myelin.data.projection.CheckpointStore;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.data.projection.ProjectionLease;
import dev.myelin.data.snapshot.SnapshotStore;
import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.postgres.EventTypeRegistry;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.PostgresEventStore;
import dev.myelin.postgres.document.DocumentStore;
import dev.myelin.postgres.idempotency.PostgresIdempotencyStore;
import dev.myelin.postgres.outbox.PostgresInbox;
import dev.myelin.postgres.outbox.PostgresOutboxStore;
import dev.myelin.postgres.projection.PostgresCheckpointStore;
import dev.myelin.postgres.projection.PostgresProjectionLease;
import dev.myelin.postgres.snapshot.PostgresSnapshotStore;
import dev.myelin.spring.boot.internal.DomainEventRoute;
import dev.myelin.spring.boot.transaction.SpringCurrentConnection;
import dev.myelin.spring.boot.transaction.SpringTransactionRunner;
import dev.myelin.spring.boot.behaviors.BehaviorsProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;

/**
 * The data part's beans, one configuration per concern, imported in this order by
 * {@link DataAutoConfiguration}: the transaction manager and the unit of work first, then the schema,
 * the events, the outbox, the documents, the projections and the other stores. Every bean backs off
 * when the application defines one of its abstraction's type; none injects a concrete runner.
 */
final class DataConfigurations {

    private DataConfigurations() {
    }

    /**
     * A {@code JdbcTransactionManager} over the data source when the application has no transaction
     * manager (Spring Boot's {@code DataSourceTransactionManagerAutoConfiguration} and JPA's run first and
     * win), so that the unit of work is Spring's whenever spring-jdbc is present.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.jdbc.support.JdbcTransactionManager")
    static class TransactionManagerFallback {

        @Bean
        @ConditionalOnMissingBean(TransactionManager.class)
        JdbcTransactionManager transactionManager(DataSource dataSource) {
            return new JdbcTransactionManager(dataSource);
        }
    }

    /**
     * The unit of work on Spring's transactions: commands, {@code @Transactional} code, JPA,
     * {@code JdbcTemplate}/{@code JdbcClient} and the stores share one transaction.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.jdbc.datasource.DataSourceUtils")
    @ConditionalOnSingleCandidate(PlatformTransactionManager.class)
    static class SpringTransactions {

        @Bean
        @ConditionalOnMissingBean(TransactionRunner.class)
        SpringTransactionRunner myelinTransactionRunner(PlatformTransactionManager transactionManager) {
            return new SpringTransactionRunner(transactionManager);
        }
    }

    /** The plain JDBC unit of work when Spring manages no transactions; and the stores' connection port. */
    @Configuration(proxyBeanMethods = false)
    static class Transactions {

        @Bean
        @ConditionalOnMissingBean(TransactionRunner.class)
        JdbcTransactionRunner myelinTransactionRunner(DataSource dataSource) {
            return new JdbcTransactionRunner(dataSource);
        }

        /**
         * The stores' connection port: the runner's own when it has one (a {@code JdbcTransactionRunner}),
         * otherwise the connection Spring binds to the current transaction.
         */
        @Bean
        @ConditionalOnMissingBean(CurrentConnection.class)
        CurrentConnection myelinCurrentConnection(TransactionRunner transactions, DataSource dataSource) {
            if (transactions instanceof CurrentConnection own) {
                return own;
            }
            if (!SPRING_JDBC) {
                throw new IllegalStateException("The TransactionRunner " + transactions + " exposes no connection and "
                        + "spring-jdbc is absent: define a CurrentConnection bean that returns its connection");
            }
            return new SpringCurrentConnection(dataSource);
        }
    }

    private static final boolean SPRING_JDBC = isPresent("org.springframework.jdbc.datasource.DataSourceUtils");

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, DataConfigurations.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    /** The framework schema, migrated when the bean is created, before every store. */
    @Configuration(proxyBeanMethods = false)
    static class Schema {

        @Bean
        @ConditionalOnMissingBean(MyelinSchema.class)
        MyelinSchema myelinSchema(DataSource dataSource, PostgresProperties properties) {
            MyelinSchema schema = MyelinSchema.named(properties.getSchema());
            schema.migrate(dataSource);
            return schema;
        }
    }

    /** The event log, and the after-append step that feeds inline projections and the outbox. */
    @Configuration(proxyBeanMethods = false)
    static class Events {

        @Bean
        @ConditionalOnMissingBean(EventTypeRegistry.class)
        static EventTypeRegistry myelinEventTypeRegistry(ConfigurableListableBeanFactory beanFactory) {
            return HandledEventTypes.registry(beanFactory);
        }

        @Bean
        @ConditionalOnMissingBean(JacksonEventSerializer.class)
        JacksonEventSerializer myelinEventSerializer(EventTypeRegistry types) {
            return JacksonEventSerializer.of(types);
        }

        @Bean(name = DataAutoConfiguration.POSTGRES_EVENT_STORE, defaultCandidate = false)
        PostgresEventStore myelinPostgresEventStore(DataSource dataSource, TransactionRunner transactions,
                CurrentConnection current, JacksonEventSerializer serializer, MyelinSchema schema,
                PostgresProperties properties) {
            PostgresProperties.EventStore settings = properties.getEventStore();
            return PostgresEventStore.builder(dataSource, transactions, current, serializer).schema(schema)
                    .groupCommit(settings.getGroupCommitMaxAppends(), settings.getGroupCommitMaxGroups())
                    .knownStreams(settings.getKnownStreams()).build();
        }

        @Bean
        @ConditionalOnMissingBean(value = EventStore.class, ignored = PostgresEventStore.class)
        AfterAppend myelinEventStore(@Qualifier(DataAutoConfiguration.POSTGRES_EVENT_STORE)
                PostgresEventStore postgresEventStore, TransactionRunner transactions,
                ObjectProvider<OutboxDispatcher> dispatcher, ConfigurableListableBeanFactory beanFactory) {
            AfterAppend.Builder builder = AfterAppend.builder(postgresEventStore, transactions);
            List<Projection> inline = ProjectionBeans.inline(beanFactory);
            if (SPRING_JDBC && !inline.isEmpty()) {
                // Their InlineWrites statements go in one round trip per append, after the last of them.
                builder.projection(beanFactory.getBean(InlineWrites.class).together(inline));
            } else {
                inline.forEach(builder::projection);
            }
            // Lazy: event handlers may depend on repositories, which depend on this store.
            return builder.outbox(events -> dispatcher.getObject().enqueue(events)).build();
        }
    }

    /** The inline projections' writes, one round trip per append ({@link InlineWrites}), with spring-jdbc. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate")
    static class InlineProjectionWrites {

        @Bean
        @ConditionalOnMissingBean(InlineWrites.class)
        InlineWrites myelinInlineWrites(DataSource dataSource) {
            return new InlineWrites(dataSource);
        }
    }

    /** The outbox: its store, the inbox, and the dispatcher delivering to every {@code EventHandler} bean. */
    @Configuration(proxyBeanMethods = false)
    static class Deliveries {

        @Bean
        @ConditionalOnMissingBean(OutboxStore.class)
        PostgresOutboxStore myelinOutboxStore(DataSource dataSource, CurrentConnection current,
                JacksonEventSerializer serializer, MyelinSchema schema) {
            return PostgresOutboxStore.builder(dataSource, current, serializer).schema(schema).build();
        }

        @Bean
        @ConditionalOnMissingBean(Inbox.class)
        PostgresInbox myelinInbox(DataSource dataSource, CurrentConnection current, MyelinSchema schema) {
            return new PostgresInbox(dataSource, current, schema);
        }

        @Bean
        @ConditionalOnMissingBean(OutboxDispatcher.class)
        OutboxDispatcher myelinOutboxDispatcher(OutboxStore store, TransactionRunner transactions, Inbox inbox,
                EventStore eventStore, OutboxProperties properties, ConfigurableListableBeanFactory beanFactory) {
            OutboxDispatcher.Builder builder = OutboxDispatcher.builder(store, transactions)
                    .eventStore(eventStore)
                    .inbox(inbox)
                    .retries(properties.getMaxAttempts(), OutboxDispatcher.Builder.DEFAULT_INITIAL_BACKOFF,
                            OutboxDispatcher.Builder.DEFAULT_MAX_BACKOFF)
                    .batch(properties.getBatchSize(), OutboxDispatcher.Builder.DEFAULT_CLAIM_TIMEOUT)
                    .batchWindow(properties.getBatchWindow());
            HandledEventTypes.registerHandlers(beanFactory, builder);
            return builder.build();
        }

        /** The mediator bean publishes domain events through the outbox: one route per event handler. */
        @Bean
        @ConditionalOnMissingBean(DomainEventRoute.class)
        static DomainEventRoute myelinDomainEventRoute(ObjectProvider<OutboxDispatcher> dispatcher) {
            return event -> dispatcher.getObject().publish(event);
        }
    }

    /** The document store of {@code PostgresDocumentRepository} subclasses. */
    @Configuration(proxyBeanMethods = false)
    static class Documents {

        @Bean
        @ConditionalOnMissingBean(DocumentStore.class)
        DocumentStore myelinDocumentStore(DataSource dataSource, TransactionRunner transactions,
                CurrentConnection current, EventStore eventStore, MyelinSchema schema) {
            return DocumentStore.builder(dataSource, transactions, current, eventStore).schema(schema).build();
        }
    }

    /** Asynchronous projections (checkpoints, leases, the daemon) and the lifecycle of the background loops. */
    @Configuration(proxyBeanMethods = false)
    static class Projections {

        @Bean
        @ConditionalOnMissingBean(CheckpointStore.class)
        PostgresCheckpointStore myelinCheckpointStore(DataSource dataSource, CurrentConnection current,
                MyelinSchema schema) {
            return new PostgresCheckpointStore(dataSource, current, schema);
        }

        @Bean
        @ConditionalOnMissingBean(ProjectionLease.class)
        PostgresProjectionLease myelinProjectionLease(DataSource dataSource, MyelinSchema schema) {
            return new PostgresProjectionLease(dataSource, schema, Clock.systemUTC());
        }

        @Bean
        @ConditionalOnMissingBean(ProjectionDaemon.class)
        ProjectionDaemon myelinProjectionDaemon(@Qualifier(DataAutoConfiguration.POSTGRES_EVENT_STORE)
                PostgresEventStore postgresEventStore, TransactionRunner transactions, CheckpointStore checkpoints,
                ProjectionLease leases, ProjectionsProperties properties, ConfigurableListableBeanFactory beanFactory) {
            ProjectionDaemon.Builder builder = ProjectionDaemon.builder(postgresEventStore, transactions,
                    checkpoints, leases)
                    .batching(properties.getBatchSize(), ProjectionDaemon.Builder.DEFAULT_LEASE_TTL)
                    .batchWindow(properties.getBatchWindow())
                    .retryBackoff(properties.getRetry().getFirstDelay(), properties.getRetry().getMaxDelay());
            ProjectionBeans.asynchronous(beanFactory).forEach(builder::projection);
            HandledEventTypes.registerTrackedHandlers(beanFactory, builder);
            return builder.build();
        }

        @Bean
        @ConditionalOnMissingBean(DataLifecycle.class)
        DataLifecycle myelinDataLifecycle(OutboxDispatcher dispatcher, ProjectionDaemon daemon, OutboxProperties outbox,
                ProjectionsProperties projections) {
            return new DataLifecycle(dispatcher, daemon, outbox.getPollInterval(), projections.getPollInterval());
        }
    }

    /** The idempotency behavior's store and the snapshot store. */
    @Configuration(proxyBeanMethods = false)
    static class Stores {

        /** The store writes each result on the command's transaction connection. */
        @Bean
        @ConditionalOnMissingBean(IdempotencyStore.class)
        PostgresIdempotencyStore myelinIdempotencyStore(DataSource dataSource, MyelinSchema schema,
                CurrentConnection currentConnection) {
            return PostgresIdempotencyStore.builder(dataSource).schema(schema).currentConnection(currentConnection).build();
        }

        /** Deletes expired records of the PostgreSQL store, every {@code myelin.behaviors.idempotency.purge-interval}. */
        @Bean
        @ConditionalOnMissingBean(IdempotencyPurge.class)
        IdempotencyPurge myelinIdempotencyPurge(ObjectProvider<IdempotencyStore> store,
                ObjectProvider<BehaviorsProperties> behaviors) {
            IdempotencyStore unique = store.getIfUnique();
            Duration interval = behaviors.getIfAvailable(BehaviorsProperties::new).getIdempotency().getPurgeInterval();
            return new IdempotencyPurge(unique instanceof PostgresIdempotencyStore postgres ? postgres : null, interval,
                    Clock.systemUTC());
        }

        @Bean
        @ConditionalOnMissingBean(SnapshotStore.class)
        PostgresSnapshotStore myelinSnapshotStore(DataSource dataSource, MyelinSchema schema) {
            return new PostgresSnapshotStore(dataSource, schema);
        }
    }
}
