package dev.myelin.data.outbox;

import dev.myelin.core.DomainEvent;
import dev.myelin.core.RequestContext;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.transaction.TransactionRunner;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The outbox's side of {@link OutboxDispatcher#publish} and of saves: which event instances were stored
 * and how, so that one instance is stored (and delivered) once. Thread-safe.
 */
final class Publications {

    static final String STREAM_PREFIX = "published-";

    private final TransactionRunner transactions;
    private final EventStore eventStore;
    private final Consumer<List<StoredEvent>> enqueueRows;
    private final StoredInstances instances = new StoredInstances();
    private final ThreadLocal<Publication> publishing = new ThreadLocal<>();

    /**
     * @param eventStore where published events are appended, or {@code null} when publishing is not set up
     * @param enqueueRows creates the deliveries of stored events
     */
    Publications(TransactionRunner transactions, EventStore eventStore, Consumer<List<StoredEvent>> enqueueRows) {
        this.transactions = transactions;
        this.eventStore = eventStore;
        this.enqueueRows = enqueueRows;
    }

    /**
     * Records the instances of events a repository saved; refuses one published by hand before, which
     * would be stored and delivered a second time.
     */
    void checkSaved(List<StoredEvent> events) {
        Publication publication = publishing.get();
        for (StoredEvent event : events) {
            if (publication != null && event.event() == publication.event) {
                // The event store's own after-append step enqueues what publish appended.
                publication.enqueued = true;
            } else if (instances.mark(event.event(), StoredInstances.How.SAVED) == StoredInstances.How.PUBLISHED) {
                throw new IllegalStateException(event.event().getClass().getName() + " was published by hand before"
                        + " the aggregate that recorded it was saved: it would be stored and delivered twice. Save the"
                        + " aggregate and do not publish its events: saving publishes them");
            }
        }
    }

    /** See {@link OutboxDispatcher#publish}. */
    void publish(DomainEvent event) {
        if (eventStore == null) {
            throw new IllegalStateException("This dispatcher has no event store to publish " + event.getClass().getName()
                    + " through: set one with OutboxDispatcher.Builder.eventStore");
        }
        if (instances.mark(event, StoredInstances.How.PUBLISHED) != null) {
            return;
        }
        Publication previous = publishing.get();
        Publication publication = new Publication(event);
        publishing.set(publication);
        try {
            transactions.inTransaction(() -> {
                String stream = STREAM_PREFIX + UUID.randomUUID();
                AppendResult appended = eventStore.append(stream, ExpectedVersion.noStream(), List.of(event),
                        EventMetadata.of(RequestContext.current()));
                if (!publication.enqueued) {
                    // What the append stored, not read back.
                    enqueueRows.accept(appended.events());
                }
                return null;
            }, result -> true);
        } catch (RuntimeException | Error failure) {
            instances.forget(event);
            throw failure;
        } finally {
            publishing.set(previous);
        }
    }

    /** An event {@link #publish} is appending on this thread, and whether the store's step enqueued it. */
    private static final class Publication {
        final DomainEvent event;
        boolean enqueued;

        Publication(DomainEvent event) {
            this.event = event;
        }
    }
}
