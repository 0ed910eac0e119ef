package dev.myelin.core.internal;

import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import dev.myelin.core.ExceptionHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.MediatorBuilder;
import dev.myelin.core.MediatorConfigurationException;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Request;
import dev.myelin.core.RequestHandler;
import dev.myelin.core.publish.PublishStrategy;
import dev.myelin.core.spi.HandlerFactory;
import dev.myelin.core.spi.HandlerIndex;
import dev.myelin.core.stream.StreamBehavior;
import dev.myelin.core.stream.StreamQuery;
import dev.myelin.core.stream.StreamQueryHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Collects registrations, resolving their type arguments as they arrive, and reports every
 * problem at once in {@link #build()}.
 */
public final class DefaultMediatorBuilder implements MediatorBuilder {

    private static final HandlerFactory NO_ARG_CONSTRUCTORS = new HandlerFactory() {
        @Override
        public <T> T create(Class<T> type, Supplier<?> constructor) {
            if (constructor == null) {
                throw new IllegalStateException(type.getName() + " has no accessible no-arg constructor: supply a "
                        + "HandlerFactory with MediatorBuilder.handlerFactory(...) or register an instance");
            }
            return type.cast(constructor.get());
        }
    };

    private final List<Registrations.Handler> handlers = new ArrayList<>();
    private final List<Registrations.Behavior> behaviors = new ArrayList<>();
    private final List<Registrations.Listener> listeners = new ArrayList<>();
    private final List<Registrations.ExceptionMapping> exceptionHandlers = new ArrayList<>();
    private final List<Registrations.StreamHandler> streamHandlers = new ArrayList<>();
    private final List<Registrations.StreamDecorator> streamBehaviors = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<HandlerIndex.Entry> discovered = new ArrayList<>();
    private HandlerFactory factory = NO_ARG_CONSTRUCTORS;
    private PublishStrategy publishStrategy = PublishStrategy.stopOnFirstError();
    private ExecutorService executor;
    private int sequence;

    @Override
    public MediatorBuilder handler(RequestHandler<?, ?> handler) {
        Class<?> requestType = argument(handler, RequestHandler.class, 0, false);
        if (requestType == null) {
            problems.add("Cannot resolve the request type of handler " + describe(handler)
                    + ": register it with handler(RequestType.class, handler)");
            return this;
        }
        handlers.add(new Registrations.Handler(requestType, handler));
        return this;
    }

    @Override
    public <Q extends Request<R>, R> MediatorBuilder handler(Class<Q> requestType, RequestHandler<Q, R> handler) {
        handlers.add(new Registrations.Handler(Objects.requireNonNull(requestType, "requestType"),
                Objects.requireNonNull(handler, "handler")));
        return this;
    }

    @Override
    public MediatorBuilder eventHandler(EventHandler<?> handler) {
        Class<?> eventType = argument(handler, EventHandler.class, 0, true);
        if (eventType == null) {
            problems.add("Cannot resolve the event type of event handler " + describe(handler)
                    + ": register it with eventHandler(EventType.class, handler)");
            return this;
        }
        listeners.add(new Registrations.Listener(eventType, handler));
        return this;
    }

    @Override
    public <E extends Event> MediatorBuilder eventHandler(Class<E> eventType, EventHandler<? super E> handler) {
        listeners.add(new Registrations.Listener(Objects.requireNonNull(eventType, "eventType"),
                Objects.requireNonNull(handler, "handler")));
        return this;
    }

    @Override
    public MediatorBuilder behavior(PipelineBehavior<?, ?> behavior) {
        Class<?>[] arguments = TypeArguments.of(behavior.getClass(), PipelineBehavior.class, true);
        if (arguments == null || arguments[0] == null || arguments[1] == null) {
            problems.add("Cannot resolve the scope of behavior " + describe(behavior)
                    + ": register it with behavior(ScopeType.class, behavior)");
            return this;
        }
        behaviors.add(new Registrations.Behavior(arguments[0], arguments[1], behavior, behavior.order(), sequence++));
        return this;
    }

    @Override
    public MediatorBuilder behavior(Class<?> scope, PipelineBehavior<?, ?> behavior) {
        behaviors.add(new Registrations.Behavior(Objects.requireNonNull(scope, "scope"), Object.class,
                Objects.requireNonNull(behavior, "behavior"), behavior.order(), sequence++));
        return this;
    }

    @Override
    public MediatorBuilder exceptionHandler(ExceptionHandler<?> handler) {
        Class<?> exceptionType = argument(handler, ExceptionHandler.class, 0, true);
        if (exceptionType == null) {
            problems.add("Cannot resolve the exception type of exception handler " + describe(handler)
                    + ": register it with exceptionHandler(ExceptionType.class, handler)");
            return this;
        }
        exceptionHandlers.add(new Registrations.ExceptionMapping(exceptionType, handler));
        return this;
    }

    @Override
    public <X extends Exception> MediatorBuilder exceptionHandler(Class<X> exceptionType,
            ExceptionHandler<? super X> handler) {
        exceptionHandlers.add(new Registrations.ExceptionMapping(Objects.requireNonNull(exceptionType, "exceptionType"),
                Objects.requireNonNull(handler, "handler")));
        return this;
    }

    @Override
    public MediatorBuilder streamHandler(StreamQueryHandler<?, ?> handler) {
        Class<?> queryType = argument(handler, StreamQueryHandler.class, 0, false);
        if (queryType == null) {
            problems.add("Cannot resolve the query type of stream handler " + describe(handler));
            return this;
        }
        streamHandlers.add(new Registrations.StreamHandler(queryType, handler));
        return this;
    }

    @Override
    public MediatorBuilder streamBehavior(StreamBehavior<?, ?> behavior) {
        Class<?> scope = argument(behavior, StreamBehavior.class, 0, true);
        if (scope == null) {
            problems.add("Cannot resolve the scope of stream behavior " + describe(behavior));
            return this;
        }
        streamBehaviors.add(new Registrations.StreamDecorator(scope, behavior, behavior.order(), sequence++));
        return this;
    }

    @Override
    public MediatorBuilder discover(ClassLoader classLoader) {
        // Instances are created in build(), with whatever factory is set by then.
        for (HandlerIndex index : ServiceLoader.load(HandlerIndex.class, classLoader)) {
            discovered.addAll(index.entries());
        }
        return this;
    }

    private void register(HandlerIndex.Entry entry) {
        Object instance;
        try {
            instance = factory.create(entry.type(), entry.constructor());
        } catch (RuntimeException failure) {
            problems.add("Cannot create " + entry.type().getName() + ": " + failure.getMessage());
            return;
        }
        if (instance == null) {
            return;
        }
        switch (entry.kind()) {
            case REQUEST_HANDLER -> handlers.add(new Registrations.Handler(entry.messageType(), (RequestHandler<?, ?>) instance));
            case EVENT_HANDLER -> listeners.add(new Registrations.Listener(entry.messageType(), (EventHandler<?>) instance));
            case BEHAVIOR -> {
                PipelineBehavior<?, ?> behavior = (PipelineBehavior<?, ?>) instance;
                behaviors.add(new Registrations.Behavior(entry.messageType(), entry.resultType(), behavior,
                        behavior.order(), sequence++));
            }
            case EXCEPTION_HANDLER -> exceptionHandlers.add(
                    new Registrations.ExceptionMapping(entry.messageType(), (ExceptionHandler<?>) instance));
            case STREAM_HANDLER -> streamHandlers.add(
                    new Registrations.StreamHandler(entry.messageType(), (StreamQueryHandler<?, ?>) instance));
            case STREAM_BEHAVIOR -> {
                StreamBehavior<?, ?> behavior = (StreamBehavior<?, ?>) instance;
                streamBehaviors.add(new Registrations.StreamDecorator(entry.messageType(), behavior, behavior.order(),
                        sequence++));
            }
        }
    }

    @Override
    public MediatorBuilder handlerFactory(HandlerFactory handlerFactory) {
        this.factory = Objects.requireNonNull(handlerFactory, "handlerFactory");
        return this;
    }

    @Override
    public MediatorBuilder publishStrategy(PublishStrategy strategy) {
        this.publishStrategy = Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    @Override
    public MediatorBuilder executor(ExecutorService executorService) {
        this.executor = Objects.requireNonNull(executorService, "executor");
        return this;
    }

    @Override
    public Mediator build() {
        discovered.forEach(this::register);
        discovered.clear();
        List<String> found = new ArrayList<>(problems);
        checkRequestTypes(found);
        checkUnique("Request type", handlers, Registrations.Handler::requestType, r -> r.handler().getClass(), found);
        checkUnique("Stream query type", streamHandlers, Registrations.StreamHandler::queryType,
                r -> r.handler().getClass(), found);
        checkUnique("Exception type", exceptionHandlers, Registrations.ExceptionMapping::exceptionType,
                r -> r.handler().getClass(), found);
        checkBehaviorsApply(found);
        if (!found.isEmpty()) {
            throw new MediatorConfigurationException(found);
        }
        boolean ownsExecutor = executor == null;
        ExecutorService service = ownsExecutor ? DefaultExecutors.create() : executor;
        return new DefaultMediator(handlers, behaviors, listeners, exceptionHandlers, streamHandlers, streamBehaviors,
                publishStrategy, service, ownsExecutor);
    }

    private void checkRequestTypes(List<String> found) {
        for (Registrations.Handler registration : handlers) {
            if (!Request.class.isAssignableFrom(registration.requestType())) {
                found.add("Handler " + registration.handler().getClass().getName() + " is registered for "
                        + registration.requestType().getName() + ", which is not a Request");
            }
        }
        for (Registrations.StreamHandler registration : streamHandlers) {
            if (!StreamQuery.class.isAssignableFrom(registration.queryType())) {
                found.add("Stream handler " + registration.handler().getClass().getName() + " is registered for "
                        + registration.queryType().getName() + ", which is not a StreamQuery");
            }
        }
    }

    private static <T> void checkUnique(String what, List<T> registrations, java.util.function.Function<T, Class<?>> key,
            java.util.function.Function<T, Class<?>> owner, List<String> found) {
        Map<Class<?>, List<String>> byKey = new LinkedHashMap<>();
        for (T registration : registrations) {
            byKey.computeIfAbsent(key.apply(registration), k -> new ArrayList<>()).add(owner.apply(registration).getName());
        }
        byKey.forEach((type, owners) -> {
            if (owners.size() > 1) {
                found.add(what + " " + type.getName() + " has " + owners.size() + " handlers: "
                        + String.join(", ", owners) + " (exactly one is allowed)");
            }
        });
    }

    private void checkBehaviorsApply(List<String> found) {
        for (Registrations.Behavior behavior : behaviors) {
            boolean applies = handlers.stream().anyMatch(h -> behavior.scope().isAssignableFrom(h.requestType())
                    && behavior.resultScope().isAssignableFrom(Pipelines.resultType(h.requestType())));
            if (!applies) {
                found.add("Behavior " + behavior.behavior().getClass().getName() + " applies to no registered request"
                        + " type (its scope is " + behavior.scope().getName() + " returning "
                        + behavior.resultScope().getName() + ")");
            }
        }
        for (Registrations.StreamDecorator behavior : streamBehaviors) {
            boolean applies = streamHandlers.stream().anyMatch(h -> behavior.scope().isAssignableFrom(h.queryType()));
            if (!applies) {
                found.add("Stream behavior " + behavior.behavior().getClass().getName()
                        + " applies to no registered stream query type (its scope is " + behavior.scope().getName() + ")");
            }
        }
    }

    private static Class<?> argument(Object instance, Class<?> target, int index, boolean useBounds) {
        Class<?>[] arguments = TypeArguments.of(Objects.requireNonNull(instance).getClass(), target, useBounds);
        return arguments == null ? null : arguments[index];
    }

    private static String describe(Object instance) {
        Class<?> type = instance.getClass();
        return type.isSynthetic() || type.getName().contains("$$Lambda") ? "(a lambda) " + type.getName() : type.getName();
    }
}
