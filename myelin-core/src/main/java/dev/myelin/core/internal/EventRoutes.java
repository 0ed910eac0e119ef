package dev.myelin.core.internal;

import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The handlers of each event class: every handler whose declared type is the class, a
 * supertype or an interface of it, in registration order. Computed once per event class.
 */
final class EventRoutes extends ClassValue<List<EventHandler<Event>>> {

    private final List<Registrations.Listener> listeners;

    EventRoutes(List<Registrations.Listener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected List<EventHandler<Event>> computeValue(Class<?> eventType) {
        List<EventHandler<Event>> matching = new ArrayList<>();
        for (Registrations.Listener listener : listeners) {
            if (listener.eventType().isAssignableFrom(eventType)) {
                matching.add((EventHandler<Event>) listener.handler());
            }
        }
        return List.copyOf(matching);
    }
}
