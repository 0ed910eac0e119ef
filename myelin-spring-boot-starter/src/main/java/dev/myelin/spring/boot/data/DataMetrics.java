package dev.myelin.spring.boot.data;

import dev.myelin.data.outbox.OutboxStore;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.postgres.PostgresEventStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.List;
import java.util.Set;

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
 *   <li>{@code myelin.event_store.auto_commit.appends} and {@code myelin.event_store.auto_commit.transactions}
 *       (counters): appends made outside a transaction and the transactions that wrote them, from
 *       {@link PostgresEventStore#autoCommitStatistics()}: their ratio is the appends per group commit.</li>
 * </ul>
 * Each gauge runs one bounded query when read (on each scrape), never in between: the outbox counts stop
 * at 10 000, and the projection lag is read from the checkpoints the database holds (see
 * {@link ProjectionDaemon#lag}); the counters read the store's in-memory counts. Thread-safe.
 *
 * @since 0.1
 */
public final class DataMetrics implements MeterBinder {

    private final OutboxStore outbox;
    private final ProjectionDaemon daemon;
    private final List<String> projections;
    private final PostgresEventStore eventStore;
    private final Clock clock;
    private final Set<String> handlers;

    DataMetrics(OutboxStore outbox, ProjectionDaemon daemon, List<String> projections, PostgresEventStore eventStore,
            Clock clock, Set<String> handlers) {
        this.outbox = outbox;
        this.daemon = daemon;
        this.projections = List.copyOf(projections);
        this.eventStore = eventStore;
        this.clock = clock;
        this.handlers = Set.copyOf(handlers);
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
        Gauge.builder("myelin.outbox.pending", outbox, store -> store.backlog(clock.instant(), handlers).pending())
                .description("Outbox deliveries still to make")
                .register(registry);
        Gauge.builder("myelin.outbox.dead_letters", outbox, store -> store.backlog(clock.instant(), handlers).deadLetters())
                .description("Outbox deliveries given up after their last attempt")
                .register(registry);
        Gauge.builder("myelin.outbox.oldest_pending_age", outbox,
                        store -> store.backlog(clock.instant(), handlers).oldestPendingAge().toMillis())
                .description("Milliseconds since the event of the oldest pending outbox delivery")
                .baseUnit("milliseconds")
                .register(registry);
        Gauge.builder("myelin.outbox.waiting_for_absent_handlers", outbox,
                        store -> store.backlog(clock.instant(), handlers).waitingForAbsentHandlers())
                .description("Pending outbox deliveries for a handler this instance does not have")
                .register(registry);
        for (String projection : projections) {
            Gauge.builder("myelin.projection.lag.events", daemon, running -> running.lag(projection).eventsBehind())
                    .description("Events an asynchronous projection has not applied yet")
                    .tag("projection", projection)
                    .register(registry);
            Gauge.builder("myelin.projection.lag.ms", daemon, running -> running.lag(projection).millisBehind())
                    .description("Age of the oldest event an asynchronous projection has not applied yet")
                    .tag("projection", projection)
                    .baseUnit("milliseconds")
                    .register(registry);
        }
    }
}
