package dev.myelin.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A compile-time index of handlers, behaviors and request types, written by {@code myelin-processor} (one class
 * per package, listed in {@code META-INF/services/dev.myelin.core.spi.HandlerIndex}) and loaded
 * with {@link java.util.ServiceLoader} by {@code MediatorBuilder.discover}. The processor resolves
 * every type argument at compile time, so discovery needs neither class path scanning nor
 * reflection.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HandlerIndex {

    /**
     * Returns the entries of this index.
     *
     * @return the entries, in source order
     */
    List<Entry> entries();

    /** What an indexed type is. */
    enum Kind {
        /** A {@code RequestHandler}; the message type is the request type. */
        REQUEST_HANDLER,
        /** An {@code EventHandler}; the message type is the event type. */
        EVENT_HANDLER,
        /** A {@code PipelineBehavior}; the message type is its scope, the result type its result scope. */
        BEHAVIOR,
        /** An {@code ExceptionHandler}; the message type is the exception type. */
        EXCEPTION_HANDLER,
        /** A {@code StreamQueryHandler}; the message type is the query type. */
        STREAM_HANDLER,
        /** A {@code StreamBehavior}; the message type is its scope. */
        STREAM_BEHAVIOR,
        /**
         * A concrete {@code Request} type the application declares; the message type is the type
         * itself and there is no constructor. Nothing is instantiated: {@code build()} checks
         * that the type has exactly one handler.
         */
        REQUEST
    }

    /**
     * One indexed type.
     *
     * @param kind what the type is
     * @param type the indexed class
     * @param messageType the request, event, exception or scope type it is declared for
     * @param resultType the declared result type (raw), {@code Object.class} when not applicable
     * @param constructor the class's non-private no-arg constructor, or {@code null} when it has none
     */
    record Entry(Kind kind, Class<?> type, Class<?> messageType, Class<?> resultType, Supplier<?> constructor) {

        /** Validates the components. */
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(messageType, "messageType");
            Objects.requireNonNull(resultType, "resultType");
        }
    }
}
