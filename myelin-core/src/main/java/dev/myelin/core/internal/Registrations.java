package dev.myelin.core.internal;

import dev.myelin.core.EventHandler;
import dev.myelin.core.ExceptionHandler;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.RequestHandler;
import dev.myelin.core.stream.StreamBehavior;
import dev.myelin.core.stream.StreamQueryHandler;
import java.util.function.Supplier;

/** What the builder collected, with every type already resolved. */
final class Registrations {

    private Registrations() {
    }

    /**
     * A request handler: a singleton {@code instance}, or a {@code perSend} supplier called for
     * every request (exactly one of the two is set).
     *
     * @param name how problems name it: its class, or where a lambda was registered
     */
    record Handler(Class<?> requestType, RequestHandler<?, ?> instance,
            Supplier<? extends RequestHandler<?, ?>> perSend, String name) {
    }

    record Behavior(Class<?> scope, Class<?> resultScope, PipelineBehavior<?, ?> behavior, int order, int sequence) {
    }

    record Listener(Class<?> eventType, EventHandler<?> handler) {
    }

    record ExceptionMapping(Class<?> exceptionType, ExceptionHandler<?> handler) {
    }

    record StreamHandler(Class<?> queryType, StreamQueryHandler<?, ?> handler) {
    }

    record StreamDecorator(Class<?> scope, StreamBehavior<?, ?> behavior, int order, int sequence) {
    }
}
