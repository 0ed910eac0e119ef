package dev.myelin.core.internal;

import dev.myelin.core.Request;
import dev.myelin.core.stream.StreamQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The checks {@code build()} runs over what the builder collected. Each adds one line per problem,
 * naming the types involved, to the list it is given.
 */
final class RegistrationChecks {

    private static final String INTERNAL = RegistrationChecks.class.getPackageName() + ".";

    private RegistrationChecks() {
    }

    /** Handlers registered for types that are not requests (or not stream queries). */
    static void messageTypes(List<Registrations.Handler> handlers, List<Registrations.StreamHandler> streamHandlers,
            List<String> found) {
        for (Registrations.Handler registration : handlers) {
            if (!Request.class.isAssignableFrom(registration.requestType())) {
                found.add("Handler " + registration.name() + " is registered for "
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

    /** A message type with more than one handler, naming every one. */
    static <T> void unique(String what, List<T> registrations, Function<T, Class<?>> key, Function<T, String> name,
            List<String> found) {
        Map<Class<?>, List<String>> byKey = new LinkedHashMap<>();
        for (T registration : registrations) {
            byKey.computeIfAbsent(key.apply(registration), k -> new ArrayList<>()).add(name.apply(registration));
        }
        byKey.forEach((type, owners) -> {
            if (owners.size() > 1) {
                found.add(what + " " + type.getName() + " has " + owners.size() + " handlers: "
                        + String.join(", ", owners) + " (exactly one is allowed)");
            }
        });
    }

    /**
     * Declared request types (from the index, or named by {@code requireHandlersFor}) that have no
     * handler, or whose handlers are ambiguous. A type is handled by its own handler or by the
     * handler of its nearest registered supertype, as {@code send} routes it. The request types of
     * handlers that could not be created are skipped: that failure is reported already.
     */
    static void declared(Collection<Class<?>> declaredTypes, Collection<Class<?>> uncreated,
            List<Registrations.Handler> handlers, List<String> found) {
        Map<Class<?>, Registrations.Handler> byType = new LinkedHashMap<>();
        handlers.forEach(handler -> byType.putIfAbsent(handler.requestType(), handler));
        List<String> missing = new ArrayList<>();
        for (Class<?> type : declaredTypes) {
            if (uncreated.contains(type)) {
                continue;
            }
            if (!Request.class.isAssignableFrom(type)) {
                found.add("Declared request type " + type.getName() + " is not a Request");
                continue;
            }
            try {
                if (!byType.containsKey(type) && Pipelines.nearestHandler(byType, type) == null) {
                    missing.add(type.getName());
                }
            } catch (IllegalStateException ambiguous) {
                found.add(ambiguous.getMessage());
            }
        }
        if (!missing.isEmpty()) {
            found.add("Request type" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " declared by the application but "
                    + (missing.size() == 1 ? "has" : "have") + " no handler: register one (exactly one per type)");
        }
    }

    /** Behaviors whose declared scope covers no registered request (or stream query) type. */
    static List<String> unusedBehaviors(List<Registrations.Behavior> behaviors, List<Registrations.Handler> handlers,
            List<Registrations.StreamDecorator> streamBehaviors, List<Registrations.StreamHandler> streamHandlers) {
        List<String> unused = new ArrayList<>();
        for (Registrations.Behavior behavior : behaviors) {
            boolean applies = handlers.stream().anyMatch(h -> behavior.scope().isAssignableFrom(h.requestType())
                    && behavior.resultScope().isAssignableFrom(Pipelines.resultType(h.requestType())));
            if (!applies) {
                unused.add("Behavior " + behavior.behavior().getClass().getName() + " applies to no registered request"
                        + " type (its scope is " + behavior.scope().getName() + " returning "
                        + behavior.resultScope().getName() + ")");
            }
        }
        for (Registrations.StreamDecorator behavior : streamBehaviors) {
            boolean applies = streamHandlers.stream().anyMatch(h -> behavior.scope().isAssignableFrom(h.queryType()));
            if (!applies) {
                unused.add("Stream behavior " + behavior.behavior().getClass().getName()
                        + " applies to no registered stream query type (its scope is " + behavior.scope().getName() + ")");
            }
        }
        return unused;
    }

    /**
     * How problems name a registered instance: its class, or for a lambda (or another hidden or
     * synthetic class, whose name says nothing) the class and the place it was registered from.
     * Walks the stack, so call it only while registering, never on the send path.
     */
    static String name(Object instance) {
        Class<?> type = instance.getClass();
        if (!type.isSynthetic() && !type.isHidden() && !type.getName().contains("$$Lambda")) {
            return type.getName();
        }
        return "a lambda registered at " + callSite();
    }

    /** The first frame outside this package: the application's call of the builder. */
    static String callSite() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> !frame.getClassName().startsWith(INTERNAL))
                .findFirst()
                .map(frame -> frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                        + frame.getLineNumber() + ")")
                .orElse("an unknown place"));
    }

    /** How a type-resolution problem names an instance: its class, marked when it is a lambda. */
    static String describe(Object instance) {
        Class<?> type = instance.getClass();
        return type.isSynthetic() || type.isHidden() || type.getName().contains("$$Lambda")
                ? "(a lambda) " + type.getName() : type.getName();
    }
}
