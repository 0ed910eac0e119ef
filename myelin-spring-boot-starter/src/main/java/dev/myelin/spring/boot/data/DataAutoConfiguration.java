package dev.myelin.spring.boot.data;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures Myelin's data layer on the application's single {@code DataSource} (the embedded
 * PostgreSQL of {@link EmbeddedPostgresAutoConfiguration}, or Spring Boot's from
 * {@code spring.datasource.url}) when {@code myelin-postgres} is on the class path.
 *
 * <p><b>One transaction.</b> The unit of work is Spring's: a {@code SpringTransactionRunner} over the
 * application's {@code PlatformTransactionManager} (Spring Boot's, JPA's, or a
 * {@code JdbcTransactionManager} added here when there is none), and the stores take the connection
 * that Spring binds to the current transaction ({@code SpringCurrentConnection}). Commands,
 * {@code @Transactional} methods, JPA and {@code JdbcTemplate}/{@code JdbcClient} therefore share one
 * transaction in every combination. Without spring-jdbc it is a {@code JdbcTransactionRunner}.
 *
 * <p><b>Beans</b>, each backing off when the application defines one of its abstraction's type (see
 * {@code DataConfigurations}): the transaction manager; the {@code TransactionRunner} and the stores'
 * {@code CurrentConnection}; the framework schema ({@code myelin.postgres.schema}, migrated first);
 * the event type registry (built from the event classes {@code EventHandler} beans declare unless
 * supplied), the serializer, the {@code PostgresEventStore} (injected only by its name
 * {@link #POSTGRES_EVENT_STORE}) and the {@code EventStore}: an {@code AfterAppend} over it that feeds
 * every {@code @InlineProjection} {@code Projection} bean and then the outbox from what each append
 * stored (with spring-jdbc, the statements those projections hold through {@link InlineWrites} are
 * sent in one round trip after the last of them); the outbox store, inbox and dispatcher; the
 * {@code DocumentStore}; checkpoints, leases, the projection daemon and {@link DataLifecycle}; the
 * idempotency and snapshot stores.
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
                "org.springframework.boot.jdbc.autoconfigure.XADataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"},
        beforeName = {"dev.myelin.spring.boot.behaviors.BehaviorsAutoConfiguration",
                "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@ConditionalOnClass(name = "dev.myelin.postgres.PostgresEventStore")
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties({PostgresProperties.class, OutboxProperties.class, ProjectionsProperties.class})
@Import({DataConfigurations.TransactionManagerFallback.class, DataConfigurations.SpringTransactions.class,
        DataConfigurations.Transactions.class, DataConfigurations.Schema.class, DataConfigurations.Events.class,
        DataConfigurations.InlineProjectionWrites.class, DataConfigurations.Deliveries.class,
        DataConfigurations.Documents.class, DataConfigurations.Projections.class, DataConfigurations.Stores.class})
public final class DataAutoConfiguration {

    /** The name of the {@code PostgresEventStore} bean, which is injected only when qualified by it. */
    public static final String POSTGRES_EVENT_STORE = "myelinPostgresEventStore";
}
