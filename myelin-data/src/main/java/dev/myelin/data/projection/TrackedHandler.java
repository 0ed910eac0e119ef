package dev.myelin.data.projection;

import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import dev.myelin.core.RequestContext;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.internal.EventContexts;

/**
 * An {@link EventHandler} the daemon runs behind a checkpoint of its own, as if it were a projection
 * ({@link ProjectionDaemon.Builder#handler}): each event of its type, in log order, under the event's
 * {@link RequestContext}.
 */
final class TrackedHandler<E extends Event> implements Projection {

    private final String name;
    private final Class<E> eventType;
    private final EventHandler<? super E> handler;

    TrackedHandler(String name, Class<E> eventType, EventHandler<? super E> handler) {
        this.name = name;
        this.eventType = eventType;
        this.handler = handler;
    }

    @Override
    public void apply(StoredEvent event) {
        if (eventType.isInstance(event.event())) {
            try (RequestContext.Scope scope = EventContexts.of(event).bind()) {
                handler.handle(eventType.cast(event.event()));
            }
        }
    }

    @Override
    public String name() {
        return name;
    }
}
