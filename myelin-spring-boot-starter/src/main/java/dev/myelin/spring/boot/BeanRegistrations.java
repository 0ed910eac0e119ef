package dev.myelin.spring.boot;

import dev.myelin.core.DomainEvent;
import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import dev.myelin.core.ExceptionHandler;
import dev.myelin.core.MediatorBuilder;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Request;
import dev.myelin.core.RequestHandler;
import dev.myelin.core.stream.StreamBehavior;
import dev.myelin.core.stream.StreamQueryHandler;
import dev.myelin.spring.boot.internal.BeanTypes;
import dev.myelin.spring.boot.internal.BeanTypes.Bean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;

/**
 * Registers every handler, behavior and exception-handler bean in the builder, with the types
 * read once here through {@link BeanTypes} and passed to the builder's explicit-type overloads.
 *
 * <p>A built-in behavior (from {@code dev.myelin.behaviors}) whose scope covers no handler bean is
 * left out rather than reported: the starter declares them all, and an application without
 * commands has no use for the transaction behavior. A user's behavior that applies to nothing is
 * still reported by the builder, since it is probably a mistake.
 *
 * <p>Two handler beans of one request type are reported here, naming the beans (a lambda's class
 * says nothing), and only the first is given to the builder. When {@code checkDeclaredRequests}
 * is set, the request types of the application's packages ({@link DeclaredRequests}) are passed
 * to {@link MediatorBuilder#requireHandlersFor}, so a declared type without a handler bean fails
 * the startup.
 */
final class BeanRegistrations implements MediatorBuilderCustomizer, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(BeanRegistrations.class);
    private static final String BUILT_IN_BEHAVIORS = "dev.myelin.behaviors.";

    private final ConfigurableListableBeanFactory beanFactory;
    private final boolean checkDeclaredRequests;
    private final List<String> problems = new ArrayList<>();
    private boolean domainEventsGoThroughTheOutbox;

    BeanRegistrations(ConfigurableListableBeanFactory beanFactory, boolean checkDeclaredRequests) {
        this.beanFactory = beanFactory;
        this.checkDeclaredRequests = checkDeclaredRequests;
    }

    @Override
    public int getOrder() {
        return DEFAULTS_ORDER;
    }

    /**
     * Sets whether domain events are published through the outbox: then an event handler bean declared for
     * domain events only is the outbox's alone and is not registered in the in-process mediator.
     */
    void domainEventsGoThroughTheOutbox(boolean value) {
        this.domainEventsGoThroughTheOutbox = value;
    }

    /** The problems found by the last {@link #customize}, each naming the bean and its class. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void customize(MediatorBuilder builder) {
        problems.clear();
        Map<Class<?>, List<Bean<RequestHandler>>> handlersByType = new LinkedHashMap<>();
        for (Bean<RequestHandler> bean : BeanTypes.beansOfType(beanFactory, RequestHandler.class)) {
            Class<?>[] types = resolve(bean, RequestHandler.class, false, "request type",
                    "RequestHandler<TheRequest, TheResult>");
            if (types != null) {
                handlersByType.computeIfAbsent(types[0], type -> new ArrayList<>()).add(bean);
            }
        }
        List<Class<?>> requestTypes = new ArrayList<>(handlersByType.keySet());
        handlersByType.forEach((type, beans) -> {
            if (beans.size() > 1) {
                problems.add("Request type " + type.getName() + " has " + beans.size() + " handler beans: "
                        + String.join(", ", beans.stream().map(BeanRegistrations::describe).toList())
                        + " (exactly one is allowed)");
            }
            builder.handler((Class) type, beans.get(0).instance());
        });
        if (checkDeclaredRequests) {
            builder.requireHandlersFor(DeclaredRequests.in(beanFactory));
        }
        for (Bean<EventHandler> bean : BeanTypes.beansOfType(beanFactory, EventHandler.class)) {
            Class<?>[] types = resolve(bean, EventHandler.class, true, "event type", "EventHandler<TheEvent>");
            if (types != null && !(domainEventsGoThroughTheOutbox && DomainEvent.class.isAssignableFrom(types[0]))) {
                builder.eventHandler((Class<Event>) types[0], bean.instance());
            }
        }
        for (Bean<ExceptionHandler> bean : BeanTypes.beansOfType(beanFactory, ExceptionHandler.class)) {
            Class<?>[] types = resolve(bean, ExceptionHandler.class, true, "exception type",
                    "ExceptionHandler<TheException>");
            if (types != null) {
                builder.exceptionHandler((Class<Exception>) types[0], bean.instance());
            }
        }
        for (Bean<PipelineBehavior> bean : BeanTypes.beansOfType(beanFactory, PipelineBehavior.class)) {
            Class<?>[] types = resolve(bean, PipelineBehavior.class, true, "scope", "PipelineBehavior<TheScope, TheResult>");
            if (types != null) {
                registerBehavior(builder, bean, types[0], types[1], requestTypes);
            }
        }
        // MediatorBuilder has no explicit-type overloads for streams: it reads their classes itself.
        for (Bean<StreamQueryHandler> bean : BeanTypes.beansOfType(beanFactory, StreamQueryHandler.class)) {
            builder.streamHandler(bean.instance());
        }
        for (Bean<StreamBehavior> bean : BeanTypes.beansOfType(beanFactory, StreamBehavior.class)) {
            builder.streamBehavior(bean.instance());
        }
    }

    private void registerBehavior(MediatorBuilder builder, Bean<PipelineBehavior> bean, Class<?> scope,
            Class<?> resultScope, List<Class<?>> requestTypes) {
        PipelineBehavior<?, ?> behavior = bean.instance();
        if (behavior.getClass().getName().startsWith(BUILT_IN_BEHAVIORS)
                && requestTypes.stream().noneMatch(type -> scope.isAssignableFrom(type)
                        && resultScope.isAssignableFrom(Request.resultType(type)))) {
            LOG.debug("Leaving out {}: no handler bean handles a request type in its scope", bean.name());
            return;
        }
        if (resultScope == Object.class) {
            builder.behavior(scope, behavior);
        } else if (BeanTypes.classResolves(behavior, PipelineBehavior.class)) {
            // The builder reads scope and result scope from the class itself: no wrapper needed.
            builder.behavior(behavior);
        } else {
            builder.behavior(scope, new ResultScopedBehavior<>(resultScope, behavior));
        }
    }

    /** A bean as problems name it: its name, and its class unless that is a lambda's. */
    private static String describe(Bean<?> bean) {
        Class<?> type = bean.instance().getClass();
        return "'" + bean.name() + "' (" + (type.isSynthetic() || type.isHidden() ? "a lambda" : type.getName()) + ")";
    }

    private Class<?>[] resolve(Bean<?> bean, Class<?> generic, boolean useBounds, String what, String declaration) {
        Class<?>[] types = BeanTypes.arguments(beanFactory, bean, generic, useBounds);
        if (types == null) {
            problems.add("Cannot resolve the " + what + " of bean '" + bean.name() + "' ("
                    + bean.instance().getClass().getName() + "): declare its @Bean method's return type as "
                    + declaration + ", or implement " + generic.getSimpleName() + " in a class");
        }
        return types;
    }
}
