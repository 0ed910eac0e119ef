package dev.myelin.core.internal;

import dev.myelin.core.EventHandler;
import dev.myelin.core.ExceptionHandler;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.RequestHandler;
import dev.myelin.core.stream.StreamBehavior;
import dev.myelin.core.stream.StreamQueryHandler;

/** What the builder collected, with every type already resolved. */
final class Registrations {

    private Registrations() {
    }

    record Handler(Class<?> requestType, RequestHandler<?, ?> handler) {
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
