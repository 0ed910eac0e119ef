package dev.myelin.core.internal;

import dev.myelin.core.Next;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Request;
import dev.myelin.core.RequestHandler;
import dev.myelin.core.stream.StreamBehavior;
import dev.myelin.core.stream.StreamQueryHandler;
import java.util.stream.Stream;

/**
 * One step of a composed chain. Links are immutable, built once per request type and shared by
 * all threads; invoking one allocates nothing.
 */
abstract class Link implements Next<Object, Object> {

    /** Calls the handler: the innermost link. */
    static final class Handler extends Link {
        private final RequestHandler<Request<Object>, Object> handler;

        @SuppressWarnings("unchecked")
        Handler(RequestHandler<?, ?> handler) {
            this.handler = (RequestHandler<Request<Object>, Object>) handler;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object request) {
            return handler.handle((Request<Object>) request);
        }
    }

    /** Calls one behavior with the rest of the chain. */
    static final class Behavior extends Link {
        private final PipelineBehavior<Object, Object> behavior;
        private final Link next;

        @SuppressWarnings("unchecked")
        Behavior(PipelineBehavior<?, ?> behavior, Link next) {
            this.behavior = (PipelineBehavior<Object, Object>) behavior;
            this.next = next;
        }

        @Override
        public Object invoke(Object request) {
            return behavior.handle(request, next);
        }
    }

    /** Outermost link of requests returning {@code OperationResult}: maps exceptions to results. */
    static final class MapExceptions extends Link {
        private final Link inner;
        private final ExceptionMapper mapper;

        MapExceptions(Link inner, ExceptionMapper mapper) {
            this.inner = inner;
            this.mapper = mapper;
        }

        @Override
        public Object invoke(Object request) {
            try {
                return inner.invoke(request);
            } catch (Exception failure) {
                return mapper.map(failure, (Request<?>) request);
            }
        }
    }

    /** Calls a stream handler: the innermost link of a stream chain. */
    static final class StreamHandler extends Link {
        private final StreamQueryHandler<dev.myelin.core.stream.StreamQuery<Object>, Object> handler;

        @SuppressWarnings("unchecked")
        StreamHandler(StreamQueryHandler<?, ?> handler) {
            this.handler = (StreamQueryHandler<dev.myelin.core.stream.StreamQuery<Object>, Object>) handler;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object query) {
            return handler.handle((dev.myelin.core.stream.StreamQuery<Object>) query);
        }
    }

    /** Calls one stream behavior with the rest of the chain. */
    static final class StreamDecorator extends Link {
        private final StreamBehavior<Object, Object> behavior;
        private final Next<Object, Stream<Object>> next;

        @SuppressWarnings("unchecked")
        StreamDecorator(StreamBehavior<?, ?> behavior, Link next) {
            this.behavior = (StreamBehavior<Object, Object>) behavior;
            this.next = (Next<Object, Stream<Object>>) (Next<?, ?>) next;
        }

        @Override
        public Object invoke(Object query) {
            return behavior.handle(query, next);
        }
    }

    /** Stands for a request type with no handler; fails naming it. */
    static final class Missing extends Link {
        private final Class<?> requestType;

        Missing(Class<?> requestType) {
            this.requestType = requestType;
        }

        @Override
        public Object invoke(Object request) {
            throw new dev.myelin.core.MissingHandlerException(requestType);
        }
    }
}
