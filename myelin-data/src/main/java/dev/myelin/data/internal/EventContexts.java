package dev.myelin.data.internal;

import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.StoredEvent;

/** The {@link RequestContext} an event's handler runs under, wherever it is delivered from. */
public final class EventContexts {

    private EventContexts() {
    }

    /**
     * Returns the context of a handler of this event: the event's correlation id, principal, tenant and
     * extra metadata, and the event's id as causation id.
     *
     * @param event the stored event
     * @return the context, to bind around the handler
     */
    public static RequestContext of(StoredEvent event) {
        EventMetadata metadata = event.metadata();
        RequestContext.Builder context = RequestContext.builder()
                .correlationId(metadata.correlationId())
                .causationId(event.eventId())
                .principal(metadata.principal() == null ? null : Principal.of(metadata.principal()))
                .tenant(metadata.tenant());
        metadata.extra().forEach(context::metadata);
        return context.build();
    }
}
