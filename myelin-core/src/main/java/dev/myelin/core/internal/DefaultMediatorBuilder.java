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
import dev.myelin.core.stream.StreamQueryHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Collects registrations, resolving their type arguments as they arrive, and reports every
 * problem at once in {@link #build()}.
 */
public final class DefaultMediatorBuilder implements MediatorBuilder {

    private static final System.Logger LOG = System.getLogger("dev.myelin.core.Mediator");

    private static final HandlerFactory NO_ARG_CONSTRUCTORS = (type, constructor) -> {
        if (constructor == null) {
            throw new IllegalStateException(type.getName() + " has no accessible no-arg constructor: supply a "
                    + "HandlerFactory with MediatorBuilder.handlerFactory(...) or register an instance");
        }
        return constructor.get();
    };

    private final List<Registrations.Handler> handlers = new ArrayList<>();
    private final List<Registrations.Behavior> behaviors = new ArrayList<>();
    private final List<Registrations.Listener> listeners = new ArrayList<>();
    private final List<Registrations.ExceptionMapping> exceptionHandlers = new ArrayList<>();
    private final List<Registrations.StreamHandler> streamHandlers = new ArrayList<>();
    private final List<Registrations.StreamDecorator> streamBehaviors = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<HandlerIndex.Entry> discovered = new ArrayList<>();
    private final List<HandlerIndex.Entry> byClass = new ArrayList<>();
    private final Set<Class<?>> declared = new LinkedHashSet<>();
    private final Set<Class<?>> uncreated = new LinkedHashSet<>();
    private final LateMediator late = new LateMediator();
    private HandlerFactory factory = NO_ARG_CONSTRUCTORS;
    private boolean strictBehaviors = true;
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
        handlers.add(new Registrations.Handler(requestType, handler, null, handler.getClass().getName()));
        return this;
    }

    @Override
    public <Q extends Request<R>, R> MediatorBuilder handler(Class<Q> requestType, RequestHandler<Q, R> handler) {
        handlers.add(new Registrations.Handler(Objects.requireNonNull(requestType, "requestType"),
                Objects.requireNonNull(handler, "handler"), null, RegistrationChecks.name(handler)));
        return this;
    }

    @Override
    public MediatorBuilder handler(Class<? extends RequestHandler<?, ?>> handlerType) {
        Objects.requireNonNull(handlerType, "handlerType");
        Class<?>[] arguments = TypeArguments.of(handlerType, RequestHandler.class, false);
        if (arguments == null || arguments[0] == null) {
            problems.add("Cannot resolve the request type of handler " + handlerType.getName()
                    + ": give RequestHandler a concrete request type");
            return this;
        }
        // Created in build(), by whatever factory is set by then, as discovered types are.
        byClass.add(new HandlerIndex.Entry(HandlerIndex.Kind.REQUEST_HANDLER, handlerType, arguments[0], Object.class,
                noArgConstructor(handlerType)));
        return this;
    }

    @Override
    public <Q extends Request<R>, R> MediatorBuilder handlerPerSend(Class<Q> requestType,
            Supplier<? extends RequestHandler<Q, R>> handlers) {
        this.handlers.add(new Registrations.Handler(Objects.requireNonNull(requestType, "requestType"), null,
                Objects.requireNonNull(handlers, "handlers"), RegistrationChecks.name(handlers)));
        return this;
    }

    @Override
    public MediatorBuilder requireHandlersFor(Collection<? extends Class<?>> requestTypes) {
        requestTypes.forEach(type -> declared.add(Objects.requireNonNull(type, "requestType")));
        return this;
    }

    @Override
    public Mediator mediator() {
        return late;
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
        PipelineBehavior<?, ?> target = unwrap(Objects.requireNonNull(behavior, "behavior"));
        Class<?>[] arguments = TypeArguments.of(target.getClass(), PipelineBehavior.class, true);
        if (arguments == null || arguments[0] == null || arguments[1] == null) {
            problems.add("Cannot resolve the scope of behavior " + describe(target)
                    + ": register it with behavior(ScopeType.class, behavior)");
            return this;
        }
        behaviors.add(new Registrations.Behavior(arguments[0], arguments[1], target, behavior.order(), sequence++));
        return this;
    }

    @Override
    public MediatorBuilder behavior(Class<?> scope, PipelineBehavior<?, ?> behavior) {
        Objects.requireNonNull(behavior, "behavior");
        behaviors.add(new Registrations.Behavior(Objects.requireNonNull(scope, "scope"), Object.class,
                unwrap(behavior), behavior.order(), sequence++));
        return this;
    }

    /** The behavior the chain calls: the one inside {@link PipelineBehavior#ordered}, whose order is kept apart. */
    private static PipelineBehavior<?, ?> unwrap(PipelineBehavior<?, ?> behavior) {
        return behavior instanceof OrderedBehavior ordered ? ordered.behavior() : behavior;
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

    /** Creates a discovered type (or one registered by class, {@code explicit}) and registers it. */
    private void register(HandlerIndex.Entry entry, boolean explicit, List<String> found) {
        if (entry.kind() == HandlerIndex.Kind.REQUEST) {
            declared.add(entry.messageType());
            return;
        }
        Object instance;
        try {
            instance = factory.create(entry.type(), entry.constructor());
        } catch (RuntimeException failure) {
            found.add("Cannot create " + entry.type().getName() + ": " + failure.getMessage());
            if (entry.kind() == HandlerIndex.Kind.REQUEST_HANDLER) {
                // Reported once: its request type is not also "without a handler".
                uncreated.add(entry.messageType());
            }
            return;
        }
        if (instance == null) {
            if (explicit) {
                found.add("The HandlerFactory returned null for " + entry.type().getName()
                        + ", which is registered by class");
            }
            return;
        }
        if (!entry.type().isInstance(instance)) {
            found.add("The HandlerFactory returned a " + instance.getClass().getName() + " for "
                    + entry.type().getName() + ", which is not one");
            return;
        }
        switch (entry.kind()) {
            case REQUEST_HANDLER -> handlers.add(new Registrations.Handler(entry.messageType(),
                    (RequestHandler<?, ?>) instance, null, entry.type().getName()));
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
            default -> throw new IllegalStateException("Unknown index entry kind " + entry.kind());
        }
    }

    /** Calls the no-arg constructor of a type registered by class, or {@code null} when it has none. */
    private static Supplier<?> noArgConstructor(Class<?> type) {
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException none) {
            return null;
        }
        return () -> {
            try {
                constructor.setAccessible(true);
                return constructor.newInstance();
            } catch (InvocationTargetException failure) {
                throw new IllegalStateException("the constructor threw " + failure.getCause(), failure.getCause());
            } catch (ReflectiveOperationException | RuntimeException failure) {
                throw new IllegalStateException("its no-arg constructor cannot be called: " + failure, failure);
            }
        };
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
    public MediatorBuilder strictBehaviors(boolean strict) {
        this.strictBehaviors = strict;
        return this;
    }

    @Override
    public Mediator build() {
        List<String> found = new ArrayList<>(problems);
        discovered.forEach(entry -> register(entry, false, found));
        discovered.clear();
        byClass.forEach(entry -> register(entry, true, found));
        byClass.clear();
        RegistrationChecks.messageTypes(handlers, streamHandlers, found);
        RegistrationChecks.unique("Request type", handlers, Registrations.Handler::requestType,
                Registrations.Handler::name, found);
        RegistrationChecks.unique("Stream query type", streamHandlers, Registrations.StreamHandler::queryType,
                r -> r.handler().getClass().getName(), found);
        RegistrationChecks.unique("Exception type", exceptionHandlers, Registrations.ExceptionMapping::exceptionType,
                r -> r.handler().getClass().getName(), found);
        RegistrationChecks.declared(declared, uncreated, handlers, found);
        List<String> unused = RegistrationChecks.unusedBehaviors(behaviors, handlers, streamBehaviors, streamHandlers);
        if (strictBehaviors) {
            found.addAll(unused);
        } else if (!unused.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Left out of every chain (strictBehaviors is off):\n - "
                    + String.join("\n - ", unused));
        }
        if (!found.isEmpty()) {
            throw new MediatorConfigurationException(found);
        }
        boolean ownsExecutor = executor == null;
        ExecutorService service = ownsExecutor ? DefaultExecutors.create() : executor;
        Mediator mediator = new DefaultMediator(handlers, behaviors, listeners, exceptionHandlers, streamHandlers,
                streamBehaviors, declared, publishStrategy, service, ownsExecutor);
        late.bind(mediator);
        return mediator;
    }

    private static Class<?> argument(Object instance, Class<?> target, int index, boolean useBounds) {
        Class<?>[] arguments = TypeArguments.of(Objects.requireNonNull(instance).getClass(), target, useBounds);
        return arguments == null ? null : arguments[index];
    }

    private static String describe(Object instance) {
        return RegistrationChecks.describe(instance);
    }
}
