package dev.myelin.spring.boot.data;

import dev.myelin.behaviors.idempotency.IdempotencyStore;
import dev.myelin.behaviors.transaction.JdbcTransactionRunner;
import dev.myelin.behaviors.transaction.TransactionRunner;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.outbox.Inbox;
import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.outbox.OutboxStore;
import dev.myelin.data.projection.CheckpointStore;
import dev.myelin.data.projection.InlineProjections;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.data.projection.ProjectionLease;
import dev.myelin.data.snapshot.SnapshotStore;
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
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configures Myelin's data layer on the application's single {@code DataSource} (the embedded
 * PostgreSQL of {@link EmbeddedPostgresAutoConfiguration}, or Spring Boot's from
 * {@code spring.datasource.url}) when {@code myelin-postgres} is on the class path.
 *
 * <p><b>Beans</b>, each backing off when the application defines one of its type:
 * <ul>
 *   <li>{@link MyelinSchema}: the framework schema ({@code myelin.postgres.schema}), migrated when the
 *       bean is created, before every bean below (they depend on it). The application's own Flyway
 *       ({@code db/migration}) keeps its own history in its own schema.</li>
 *   <li>{@link JdbcTransactionRunner} as the {@link TransactionRunner} of the transaction and caching
 *       behaviors: it wins over the Spring runner. The PostgreSQL stores join its transactions.</li>
 *   <li>{@link EventTypeRegistry}: supply your own, registering every event type stored. Absent, one is
 *       built from the concrete event classes that {@code EventHandler} beans declare.</li>
 *   <li>{@link JacksonEventSerializer}; {@link PostgresEventStore} (not an autowiring candidate by type);
 *       the {@link EventStore}: that store wrapped in {@link InlineProjections} applying every
 *       {@link Projection} bean marked {@link InlineProjection} inside the appending transaction.</li>
 *   <li>{@link DocumentStore} for {@code PostgresDocumentRepository} subclasses: appends through the
 *       {@code EventStore} bean (inline projections run) and enqueues into the outbox, all in the
 *       command's transaction.</li>
 *   <li>{@link PostgresOutboxStore}, {@link PostgresInbox} and an {@link OutboxDispatcher} delivering
 *       to every {@code EventHandler} bean; {@link ProjectionDaemon} running every {@code Projection}
 *       bean not marked {@code @InlineProjection} ({@link PostgresCheckpointStore},
 *       {@link PostgresProjectionLease}). Both start when the context has refreshed and stop when it
 *       closes: see {@link DataLifecycle}.</li>
 *   <li>{@link PostgresIdempotencyStore} as the idempotency behavior's store;
 *       {@link PostgresSnapshotStore}.</li>
 *   <li>A {@code JdbcTemplate} over a {@link TransactionAwareDataSource}, when spring-jdbc is present,
 *       so that Spring Boot's {@code JdbcClient} joins the commands' transactions.</li>
 * </ul>
 *
 * <p><b>One route per event handler.</b> Every {@code EventHandler} bean is registered in the outbox
 * dispatcher; one declared for domain events only is not registered in the in-process mediator. Domain
 * events reach handlers through the outbox alone, after commit, at least once and deduplicated by the
 * inbox: those saved through repositories, and those given to {@code mediator.publish}, which stores
 * them in the caller's transaction (or in one of their own outside a transaction) through
 * {@link OutboxDispatcher#publish} (a {@code DomainEventRoute} bean). Publishing an event instance that a
 * repository saved does not store it again, so no handler runs twice for one event.
 *
 * @since 0.1
 */
@AutoConfiguration(after = EmbeddedPostgresAutoConfiguration.class,
        afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.XADataSourceAutoConfiguration"},
        beforeName = {"dev.myelin.spring.boot.behaviors.BehaviorsAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
@ConditionalOnClass(name = "dev.myelin.postgres.PostgresEventStore")
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties({PostgresProperties.class, OutboxProperties.class, ProjectionsProperties.class})
@Import(DataAutoConfiguration.SpringJdbc.class)
public final class DataAutoConfiguration {

    /** The name of the {@link PostgresEventStore} bean, which is injected only when qualified by it. */
    public static final String POSTGRES_EVENT_STORE = "myelinPostgresEventStore";

    @Bean
    @ConditionalOnMissingBean(MyelinSchema.class)
    MyelinSchema myelinSchema(DataSource dataSource, PostgresProperties properties) {
        MyelinSchema schema = MyelinSchema.named(properties.getSchema());
        schema.migrate(dataSource);
        return schema;
    }

    @Bean
    @ConditionalOnMissingBean(TransactionRunner.class)
    JdbcTransactionRunner myelinTransactionRunner(DataSource dataSource) {
        return new JdbcTransactionRunner(dataSource);
    }

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

    @Bean(name = POSTGRES_EVENT_STORE, defaultCandidate = false)
    PostgresEventStore myelinPostgresEventStore(DataSource dataSource, JdbcTransactionRunner transactions,
            JacksonEventSerializer serializer, MyelinSchema schema, PostgresProperties properties) {
        PostgresProperties.EventStore settings = properties.getEventStore();
        return PostgresEventStore.builder(dataSource, transactions, serializer).schema(schema)
                .groupCommit(settings.getGroupCommitMaxAppends(), settings.getGroupCommitMaxGroups())
                .knownStreams(settings.getKnownStreams()).build();
    }

    @Bean
    @ConditionalOnMissingBean(value = EventStore.class, ignored = PostgresEventStore.class)
    InlineProjections myelinEventStore(@Qualifier(POSTGRES_EVENT_STORE) PostgresEventStore postgresEventStore,
            ConfigurableListableBeanFactory beanFactory) {
        return new InlineProjections(postgresEventStore, ProjectionBeans.inline(beanFactory));
    }

    @Bean
    @ConditionalOnMissingBean(OutboxStore.class)
    PostgresOutboxStore myelinOutboxStore(DataSource dataSource, JdbcTransactionRunner transactions,
            JacksonEventSerializer serializer, MyelinSchema schema) {
        return PostgresOutboxStore.builder(dataSource, transactions, serializer).schema(schema).build();
    }

    @Bean
    @ConditionalOnMissingBean(Inbox.class)
    PostgresInbox myelinInbox(DataSource dataSource, JdbcTransactionRunner transactions, MyelinSchema schema) {
        return new PostgresInbox(dataSource, transactions, schema);
    }

    @Bean
    @ConditionalOnMissingBean(OutboxDispatcher.class)
    OutboxDispatcher myelinOutboxDispatcher(OutboxStore store, JdbcTransactionRunner transactions, Inbox inbox,
            EventStore eventStore, OutboxProperties properties, ConfigurableListableBeanFactory beanFactory) {
        OutboxDispatcher.Builder builder = OutboxDispatcher.builder(store, transactions)
                .eventStore(eventStore)
                .inbox(inbox)
                .retries(properties.getMaxAttempts(), OutboxDispatcher.Builder.DEFAULT_INITIAL_BACKOFF,
                        OutboxDispatcher.Builder.DEFAULT_MAX_BACKOFF);
        HandledEventTypes.registerHandlers(beanFactory, builder);
        return builder.build();
    }

    /** The mediator bean publishes domain events through the outbox: one route per event handler. */
    @Bean
    @ConditionalOnMissingBean(DomainEventRoute.class)
    static DomainEventRoute myelinDomainEventRoute(ObjectProvider<OutboxDispatcher> dispatcher) {
        return event -> dispatcher.getObject().publish(event);
    }

    @Bean
    @ConditionalOnMissingBean(DocumentStore.class)
    DocumentStore myelinDocumentStore(DataSource dataSource, JdbcTransactionRunner transactions, EventStore eventStore,
            ObjectProvider<OutboxDispatcher> dispatcher, MyelinSchema schema) {
        // Lazy: event handlers may depend on repositories, which depend on this store.
        return DocumentStore.builder(dataSource, transactions, eventStore)
                .outbox(events -> dispatcher.getObject().enqueue(events))
                .schema(schema)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean(CheckpointStore.class)
    PostgresCheckpointStore myelinCheckpointStore(DataSource dataSource, JdbcTransactionRunner transactions,
            MyelinSchema schema) {
        return new PostgresCheckpointStore(dataSource, transactions, schema);
    }

    @Bean
    @ConditionalOnMissingBean(ProjectionLease.class)
    PostgresProjectionLease myelinProjectionLease(DataSource dataSource, MyelinSchema schema) {
        return new PostgresProjectionLease(dataSource, schema, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean(ProjectionDaemon.class)
    ProjectionDaemon myelinProjectionDaemon(@Qualifier(POSTGRES_EVENT_STORE) PostgresEventStore postgresEventStore,
            JdbcTransactionRunner transactions, CheckpointStore checkpoints, ProjectionLease leases,
            ConfigurableListableBeanFactory beanFactory) {
        ProjectionDaemon.Builder builder = ProjectionDaemon.builder(postgresEventStore, transactions,
                checkpoints, leases);
        ProjectionBeans.asynchronous(beanFactory).forEach(builder::projection);
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean(DataLifecycle.class)
    DataLifecycle myelinDataLifecycle(OutboxDispatcher dispatcher, ProjectionDaemon daemon, OutboxProperties outbox,
            ProjectionsProperties projections) {
        return new DataLifecycle(dispatcher, daemon, outbox.getPollInterval(), projections.getPollInterval());
    }

    @Bean
    @ConditionalOnMissingBean(IdempotencyStore.class)
    PostgresIdempotencyStore myelinIdempotencyStore(DataSource dataSource, MyelinSchema schema) {
        return PostgresIdempotencyStore.builder(dataSource).schema(schema).build();
    }

    @Bean
    @ConditionalOnMissingBean(SnapshotStore.class)
    PostgresSnapshotStore myelinSnapshotStore(DataSource dataSource, MyelinSchema schema) {
        return new PostgresSnapshotStore(dataSource, schema);
    }

    /** A transaction-aware {@code JdbcTemplate}, on which Spring Boot builds its {@code JdbcClient}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.jdbc.core.JdbcTemplate")
    static class SpringJdbc {

        @Bean
        @ConditionalOnMissingBean(JdbcOperations.class)
        JdbcTemplate jdbcTemplate(DataSource dataSource, JdbcTransactionRunner transactions) {
            return new JdbcTemplate(new TransactionAwareDataSource(dataSource, transactions));
        }
    }
}
