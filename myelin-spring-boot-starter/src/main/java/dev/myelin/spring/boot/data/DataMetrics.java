package dev.myelin.spring.boot.data;

import dev.myelin.data.outbox.OutboxBacklog;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.data.projection.ProjectionLag;
import dev.myelin.data.projection.ProjectionRetry;
import dev.myelin.postgres.PostgresEventStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer gauges of the data layer, bound by Spring Boot to its {@code MeterRegistry}:
 * <ul>
 *   <li>{@code myelin.outbox.pending}: deliveries still to make;</li>
 *   <li>{@code myelin.outbox.dead_letters}: deliveries given up;</li>
 *   <li>{@code myelin.outbox.oldest_pending_age}: milliseconds since the oldest pending delivery's event;</li>
 *   <li>{@code myelin.outbox.waiting_for_absent_handlers}: pending deliveries for a handler this instance
 *       does not have, which wait for an instance that has it;</li>
 *   <li>{@code myelin.projection.lag.events} and {@code myelin.projection.lag.ms}, tagged
 *       {@code projection}: how far each asynchronous projection is behind;</li>
 *   <li>{@code myelin.projection.failures}, tagged {@code projection}: failed attempts in a row on the event
 *       a projection is held back by ({@link ProjectionDaemon#retries()}, in memory; 0 when none fails);</li>
 *   <li>{@code myelin.event_store.auto_commit.appends} and {@code myelin.event_store.auto_commit.transactions}
 *       (counters): appends made outside a transaction and the transactions that wrote them, from
 *       {@link PostgresEventStore#autoCommitStatistics()}: their ratio is the appends per group commit.</li>
 * </ul>
 * Each gauge reads the latest background sample ({@link DataHealthSampler}, taken every
 * {@code myelin.health.sample-interval}), never the database: the outbox counts stop at 10 000, and the
 * projection lag is read from the checkpoints the database holds (see {@link ProjectionDaemon#lag}); a
 * gauge whose read failed is {@code NaN}. The counters read the store's in-memory counts. Thread-safe.
 *
 * @since 0.1
 */
public final class DataMetrics implements MeterBinder {

    private final DataHealthSampler sampler;
    private final ProjectionDaemon daemon;
    private final PostgresEventStore eventStore;

    DataMetrics(DataHealthSampler sampler, ProjectionDaemon daemon, PostgresEventStore eventStore) {
        this.sampler = sampler;
        this.daemon = daemon;
        this.eventStore = eventStore;
    }

    private static ToDoubleFunction<DataHealthSampler> backlog(ToDoubleFunction<OutboxBacklog> value) {
        return sampler -> {
            OutboxBacklog backlog = sampler.latest().backlog();
            return backlog == null ? Double.NaN : value.applyAsDouble(backlog);
        };
    }

    private static ToDoubleFunction<DataHealthSampler> lag(String projection, ToDoubleFunction<ProjectionLag> value) {
        return sampler -> {
            ProjectionLag lag = sampler.latest().lags().get(projection);
            return lag == null ? Double.NaN : value.applyAsDouble(lag);
        };
    }

    private static ToDoubleFunction<ProjectionDaemon> failures(String projection) {
        return daemon -> {
            ProjectionRetry retry = daemon.retries().get(projection);
            return retry == null ? 0 : retry.failures();
        };
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (eventStore != null) {
            FunctionCounter.builder("myelin.event_store.auto_commit.appends", eventStore,
                            store -> store.autoCommitStatistics().appends())
                    .description("Event store appends made outside a transaction")
                    .register(registry);
            FunctionCounter.builder("myelin.event_store.auto_commit.transactions", eventStore,
                            store -> store.autoCommitStatistics().transactions())
                    .description("Transactions that wrote the appends made outside a transaction (group commits)")
                    .register(registry);
        }
        Gauge.builder("myelin.outbox.pending", sampler, backlog(OutboxBacklog::pending))
                .description("Outbox deliveries still to make")
                .register(registry);
        Gauge.builder("myelin.outbox.dead_letters", sampler, backlog(OutboxBacklog::deadLetters))
                .description("Outbox deliveries given up after their last attempt")
                .register(registry);
        Gauge.builder("myelin.outbox.oldest_pending_age", sampler,
                        backlog(backlog -> backlog.oldestPendingAge().toMillis()))
                .description("Milliseconds since the event of the oldest pending outbox delivery")
                .baseUnit("milliseconds")
                .register(registry);
        Gauge.builder("myelin.outbox.waiting_for_absent_handlers", sampler,
                        backlog(OutboxBacklog::waitingForAbsentHandlers))
                .description("Pending outbox deliveries for a handler this instance does not have")
                .register(registry);
        for (String projection : daemon.names()) {
            Gauge.builder("myelin.projection.failures", daemon, failures(projection))
                    .description("Failed attempts in a row of an asynchronous projection on one event; 0 when none fails")
                    .tag("projection", projection)
                    .register(registry);
            Gauge.builder("myelin.projection.lag.events", sampler, lag(projection, ProjectionLag::eventsBehind))
                    .description("Events an asynchronous projection has not applied yet")
                    .tag("projection", projection)
                    .register(registry);
            Gauge.builder("myelin.projection.lag.ms", sampler, lag(projection, ProjectionLag::millisBehind))
                    .description("Age of the oldest event an asynchronous projection has not applied yet")
                    .tag("projection", projection)
                    .baseUnit("milliseconds")
                    .register(registry);
        }
    }
}
