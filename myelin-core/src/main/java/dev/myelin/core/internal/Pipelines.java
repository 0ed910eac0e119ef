package dev.myelin.core.internal;

import dev.myelin.core.OperationResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Composes the chain of each request type: the behaviors in scope, sorted by order (then by
 * registration), around the one handler; for {@code OperationResult} requests a handler link that
 * rejects a {@code null} result, and an exception mapping link outermost. Registered and declared
 * types are composed eagerly when the mediator is built; any other subtype of a registered type
 * is composed on first use, once.
 */
final class Pipelines extends ClassValue<Link> {

    private final Map<Class<?>, Registrations.Handler> handlers;
    private final List<Registrations.Behavior> behaviors;
    private final ExceptionMapper exceptionMapper;

    Pipelines(List<Registrations.Handler> handlers, List<Registrations.Behavior> behaviors,
            ExceptionMapper exceptionMapper, Collection<Class<?>> declaredTypes) {
        this.handlers = handlers.stream().collect(
                Collectors.toUnmodifiableMap(Registrations.Handler::requestType, Function.identity()));
        List<Registrations.Behavior> sorted = new ArrayList<>(behaviors);
        sorted.sort(Comparator.comparingInt(Registrations.Behavior::order).thenComparingInt(Registrations.Behavior::sequence));
        this.behaviors = List.copyOf(sorted);
        this.exceptionMapper = exceptionMapper;
        this.handlers.keySet().forEach(this::get);
        declaredTypes.forEach(this::get);
    }

    @Override
    protected Link computeValue(Class<?> requestType) {
        Registrations.Handler handler = handlers.get(requestType);
        if (handler == null) {
            handler = nearestHandler(handlers, requestType);
        }
        if (handler == null) {
            return new Link.Missing(requestType);
        }
        Class<?> resultType = resultType(requestType);
        boolean operationResult = OperationResult.class.isAssignableFrom(resultType);
        List<Registrations.Behavior> applying = new ArrayList<>();
        for (Registrations.Behavior behavior : behaviors) {
            if (behavior.scope().isAssignableFrom(requestType) && behavior.resultScope().isAssignableFrom(resultType)
                    && behavior.behavior().appliesTo(requestType)) {
                applying.add(behavior);
            }
        }
        Link link;
        if (handler.perSend() != null) {
            link = new Link.PerSendHandler(handler.perSend(), handler.name(), operationResult);
        } else if (operationResult) {
            link = new Link.ResultHandler(handler.instance(), handler.name());
        } else {
            link = new Link.Handler(handler.instance());
        }
        for (int depth = applying.size() - 1; depth >= 0; depth--) {
            link = Link.Behavior.at(depth, applying.get(depth).behavior(), link);
        }
        return operationResult ? new Link.MapExceptions(link, exceptionMapper) : link;
    }

    /** Returns the names of the behaviors in a request type's chain, outermost first. */
    List<String> describe(Class<?> requestType) {
        List<String> names = new ArrayList<>();
        Class<?> resultType = resultType(requestType);
        for (Registrations.Behavior behavior : behaviors) {
            if (behavior.scope().isAssignableFrom(requestType) && behavior.resultScope().isAssignableFrom(resultType)
                    && behavior.behavior().appliesTo(requestType)) {
                names.add(behavior.behavior().getClass().getName());
            }
        }
        return names;
    }

    /**
     * The handler of the nearest registered supertype of {@code requestType}, or {@code null}.
     *
     * @throws IllegalStateException when two unrelated supertypes have handlers
     */
    static Registrations.Handler nearestHandler(Map<Class<?>, Registrations.Handler> handlers, Class<?> requestType) {
        Registrations.Handler nearest = null;
        for (Registrations.Handler candidate : handlers.values()) {
            if (candidate.requestType().isAssignableFrom(requestType)) {
                if (nearest == null || nearest.requestType().isAssignableFrom(candidate.requestType())) {
                    nearest = candidate;
                } else if (!candidate.requestType().isAssignableFrom(nearest.requestType())) {
                    throw new IllegalStateException("Request type " + requestType.getName() + " matches the handlers of "
                            + nearest.requestType().getName() + " and " + candidate.requestType().getName()
                            + ": register a handler for " + requestType.getName() + " itself");
                }
            }
        }
        return nearest;
    }

    /** The raw result type a request type declares through {@code Request<R>}, or Object. */
    static Class<?> resultType(Class<?> requestType) {
        return RequestTypes.resultType(requestType);
    }
}
