package dev.myelin.data.projection;

import dev.myelin.core.DomainEvent;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An {@link EventStore} that applies inline projections to the events it appends, in the same
 * transaction as the append: give it to repositories in place of the store it wraps.
 *
 * <pre>{@code
 * EventStore events = new InlineProjections(postgresEventStore, List.of(new OrderSummaryProjection(jdbc)));
 * }</pre>
 *
 * <p><b>Transactions.</b> An append inside a transaction applies the projections inside it: if the
 * command rolls back, so do the read-model writes; if a projection throws, the command fails and
 * rolls back. An append outside a transaction applies them right after it commits on its own.
 *
 * <p><b>Order.</b> Projections run in list order, each over the appended events in stream order.
 * Reads are passed through unchanged. Thread-safe when the wrapped store and projections are.
 *
 * @since 0.1
 */
public final class InlineProjections implements EventStore {

    private final EventStore delegate;
    private final List<Projection> projections;

    /**
     * Wraps a store.
     *
     * @param delegate the store that keeps the events
     * @param projections the projections to apply on append
     */
    public InlineProjections(EventStore delegate, List<Projection> projections) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.projections = List.copyOf(projections);
    }

    @Override
    public AppendResult append(String streamId, ExpectedVersion expected, List<? extends DomainEvent> events,
            EventMetadata metadata) {
        AppendResult result = delegate.append(streamId, expected, events, metadata);
        List<StoredEvent> stored = delegate.readStream(streamId, result.streamVersion() - result.count() + 1, result.count());
        for (Projection projection : projections) {
            stored.forEach(projection::apply);
        }
        return result;
    }

    @Override
    public List<StoredEvent> readStream(String streamId, long fromVersion, int maxCount) {
        return delegate.readStream(streamId, fromVersion, maxCount);
    }

    @Override
    public List<StoredEvent> readStreamBackwards(String streamId, long fromVersion, int maxCount) {
        return delegate.readStreamBackwards(streamId, fromVersion, maxCount);
    }

    @Override
    public List<StoredEvent> readAll(long afterPosition, int maxCount) {
        return delegate.readAll(afterPosition, maxCount);
    }

    @Override
    public Subscription subscribe(long afterPosition, Consumer<StoredEvent> handler) {
        return delegate.subscribe(afterPosition, handler);
    }
}
