package dev.myelin.data.outbox;

import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dispatcher's handlers by name, and which of them an event type reaches: every handler whose
 * event type is a supertype of it, in name order. Thread-safe; matches are cached per event class.
 */
final class HandlerRoutes {

    /** A handler under its stable name, for an event type and its subtypes. */
    record Route(String name, Class<?> eventType, EventHandler<Event> handler) {

        /** Whether the handler wants a delivery of this event (see {@link SelectiveEventHandler}). */
        @SuppressWarnings("unchecked")
        boolean wants(Event event) {
            return !(handler instanceof SelectiveEventHandler<?> selective)
                    || ((SelectiveEventHandler<Event>) selective).wants(event);
        }
    }

    private final Map<String, Route> byName;
    private final Set<String> names;
    private final Map<Class<?>, List<Route>> byEventType = new ConcurrentHashMap<>();

    HandlerRoutes(Map<String, Route> routes) {
        this.byName = Map.copyOf(routes);
        this.names = Set.copyOf(routes.keySet());
    }

    /** Returns the names of every handler, unmodifiable. */
    Set<String> names() {
        return names;
    }

    /** Returns the route of a handler name, or {@code null} when none is registered under it. */
    Route named(String name) {
        return byName.get(name);
    }

    List<Route> matching(Class<?> eventType) {
        return byEventType.computeIfAbsent(eventType, type -> byName.values().stream()
                .filter(route -> route.eventType().isAssignableFrom(type))
                .sorted(Comparator.comparing(Route::name))
                .toList());
    }
}
