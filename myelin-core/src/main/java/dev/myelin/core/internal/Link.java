package dev.myelin.core.internal;

import dev.myelin.core.Next;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Request;
import dev.myelin.core.RequestHandler;
import dev.myelin.core.stream.StreamBehavior;
import dev.myelin.core.stream.StreamQueryHandler;
import java.util.function.Supplier;
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

    /**
     * Calls the handler of a request type whose result is an {@code OperationResult}, and fails
     * on a {@code null} result. A separate class, chosen once when the chain is composed, so that
     * other request types pay nothing for the check.
     */
    static final class ResultHandler extends Link {
        private final RequestHandler<Request<Object>, Object> handler;
        private final String name;

        @SuppressWarnings("unchecked")
        ResultHandler(RequestHandler<?, ?> handler, String name) {
            this.handler = (RequestHandler<Request<Object>, Object>) handler;
            this.name = name;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object request) {
            Object result = handler.handle((Request<Object>) request);
            if (result == null) {
                throw nullResult(name, request);
            }
            return result;
        }
    }

    /**
     * Calls a handler that a supplier creates for every request (a per-send scope). Checks the
     * result for {@code null} when {@code requireResult} is set.
     */
    static final class PerSendHandler extends Link {
        private final Supplier<? extends RequestHandler<?, ?>> handlers;
        private final String name;
        private final boolean requireResult;

        PerSendHandler(Supplier<? extends RequestHandler<?, ?>> handlers, String name, boolean requireResult) {
            this.handlers = handlers;
            this.name = name;
            this.requireResult = requireResult;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object request) {
            RequestHandler<Request<Object>, Object> handler = (RequestHandler<Request<Object>, Object>) handlers.get();
            if (handler == null) {
                throw new IllegalStateException("The per-send supplier " + name + " returned no handler for "
                        + request.getClass().getName());
            }
            Object result = handler.handle((Request<Object>) request);
            if (result == null && requireResult) {
                throw nullResult(name, request);
            }
            return result;
        }
    }

    static IllegalStateException nullResult(String name, Object request) {
        return new IllegalStateException("Handler " + name + " returned null for " + request.getClass().getName()
                + ", whose result type is OperationResult: return a result, such as OperationResult.noContent()");
    }

    /**
     * Calls one behavior with the rest of the chain. There is one subclass per depth in the chain
     * so that each depth has its own call site: the JIT then sees one behavior class per site
     * (the one usually at that depth) and inlines the whole chain, where a single shared site
     * would turn megamorphic with three behavior classes (measured: 4.9 ns per behavior).
     */
    abstract static class Behavior extends Link {
        final PipelineBehavior<Object, Object> behavior;
        final Link next;

        @SuppressWarnings("unchecked")
        Behavior(PipelineBehavior<?, ?> behavior, Link next) {
            this.behavior = (PipelineBehavior<Object, Object>) behavior;
            this.next = next;
        }

        /** Returns the link calling {@code behavior} at {@code depth} (0 is outermost). */
        static Behavior at(int depth, PipelineBehavior<?, ?> behavior, Link next) {
            return switch (depth) {
                case 0 -> new Depth0(behavior, next);
                case 1 -> new Depth1(behavior, next);
                case 2 -> new Depth2(behavior, next);
                case 3 -> new Depth3(behavior, next);
                case 4 -> new Depth4(behavior, next);
                case 5 -> new Depth5(behavior, next);
                default -> new Deeper(behavior, next);
            };
        }
    }

    // The bodies are identical on purpose: see Behavior.
    static final class Depth0 extends Behavior {
        Depth0(PipelineBehavior<?, ?> b, Link n) {
            super(b, n);
        }

        @Override
        public Object invoke(Object request) {
            return behavior.handle(request, next);
        }
    }

    static final class Depth1 extends Behavior {
        Depth1(PipelineBehavior<?, ?> b, Link n) {
            super(b, n);
        }

        @Override
        public Object invoke(Object request) {
            return behavior.handle(request, next);
        }
    }

    static final class Depth2 extends Behavior {
        Depth2(PipelineBehavior<?, ?> b, Link n) {
            super(b, n);
        }

        @Override
        public Object invoke(Object request) {
            return behavior.handle(request, next);
        }
    }

    static final class Depth3 extends Behavior {
        Depth3(PipelineBehavior<?, ?> b, Link n) {
            super(b, n);
        }

        @Override
        public Object invoke(Object request) {
            return behavior.handle(request, next);
        }
    }

    static final class Depth4 extends Behavior {
        Depth4(PipelineBehavior<?, ?> b, Link n) {
            super(b, n);
        }

        @Override
        public Object invoke(Object request) {
            return behavior.handle(request, next);
        }
    }

    static final class Depth5 extends Behavior {
        Depth5(PipelineBehavior<?, ?> b, Link n) {
            super(b, n);
        }

        @Override
        public Object invoke(Object request) {
            return behavior.handle(request, next);
        }
    }

    static final class Deeper extends Behavior {
        Deeper(PipelineBehavior<?, ?> b, Link n) {
            super(b, n);
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
