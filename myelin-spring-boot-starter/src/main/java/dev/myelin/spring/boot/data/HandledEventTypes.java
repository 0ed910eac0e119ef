package dev.myelin.spring.boot.data;

import dev.myelin.core.DomainEvent;
import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.postgres.EventTypeRegistry;
import dev.myelin.spring.boot.internal.BeanTypes;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.TreeSet;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;

/**
 * The event types of the {@link EventHandler} beans: for the default registry, the dispatcher's routes and the
 * daemon's tracked handlers.
 */
final class HandledEventTypes {

    private HandledEventTypes() {
    }

    /**
     * Registers every concrete {@link DomainEvent} class an {@code EventHandler} bean declares, read from
     * the bean definitions without creating the beans (handlers may depend on the event store).
     */
    @SuppressWarnings("unchecked")
    static EventTypeRegistry registry(ConfigurableListableBeanFactory beanFactory) {
        TreeSet<Class<?>> types = new TreeSet<>(Comparator.comparing(Class::getName));
        for (String name : beanFactory.getBeanNamesForType(EventHandler.class, true, false)) {
            Class<?> type = declaredEventType(beanFactory, name);
            if (type != null && DomainEvent.class.isAssignableFrom(type) && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())) {
                types.add(type);
            }
        }
        EventTypeRegistry.Builder builder = EventTypeRegistry.builder();
        types.forEach(type -> builder.register((Class<? extends DomainEvent>) type));
        return builder.build();
    }

    private static Class<?> declaredEventType(ConfigurableListableBeanFactory beanFactory, String name) {
        if (beanFactory.containsBeanDefinition(name)) {
            Class<?> declared = beanFactory.getMergedBeanDefinition(name).getResolvableType()
                    .as(EventHandler.class).getGeneric(0).resolve();
            if (declared != null) {
                return declared;
            }
        }
        Class<?> beanClass = beanFactory.getType(name, false);
        return beanClass == null ? null : ResolvableType.forClass(beanClass).as(EventHandler.class).getGeneric(0).resolve();
    }

    /**
     * Registers every {@code EventHandler} bean without {@link TrackedEventHandler} in the dispatcher, under
     * the name its deliveries are kept under: its class's {@link dev.myelin.data.outbox.HandlerName}, else its
     * class name ({@link OutboxDispatcher#nameOf}), or its bean name for a lambda.
     *
     * @throws IllegalStateException when a handler's event type cannot be resolved
     */
    static void registerHandlers(ConfigurableListableBeanFactory beanFactory, OutboxDispatcher.Builder builder) {
        handlers(beanFactory, false, (name, type, handler) -> builder.handler(name, type, handler));
    }

    /**
     * Registers every {@link TrackedEventHandler} {@code EventHandler} bean in the daemon, under the same
     * name the outbox would know it by.
     *
     * @throws IllegalStateException when a handler's event type cannot be resolved or is not a domain event
     */
    static void registerTrackedHandlers(ConfigurableListableBeanFactory beanFactory, ProjectionDaemon.Builder builder) {
        handlers(beanFactory, true, (name, type, handler) -> {
            if (!DomainEvent.class.isAssignableFrom(type)) {
                throw new IllegalStateException("@TrackedEventHandler '" + name + "' handles " + type.getName()
                        + ", which is no DomainEvent: only domain events are in the event log");
            }
            builder.handler(name, type, handler);
        });
    }

    private interface Registration {
        void register(String name, Class<Event> type, EventHandler<Event> handler);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void handlers(ConfigurableListableBeanFactory beanFactory, boolean tracked, Registration registration) {
        for (BeanTypes.Bean<EventHandler> bean : BeanTypes.beansOfType(beanFactory, EventHandler.class)) {
            if ((beanFactory.findAnnotationOnBean(bean.name(), TrackedEventHandler.class) != null) != tracked) {
                continue;
            }
            Class<?>[] types = BeanTypes.arguments(beanFactory, bean, EventHandler.class, false);
            if (types == null) {
                throw new IllegalStateException("Cannot resolve the event type of EventHandler bean '" + bean.name()
                        + "': declare it on the class or on the @Bean method's return type");
            }
            Class<?> target = AopUtils.getTargetClass(bean.instance());
            boolean lambda = target.isSynthetic() || target.getName().contains("$$Lambda");
            String name = lambda ? bean.name() : OutboxDispatcher.nameOf(target);
            registration.register(name, (Class<Event>) types[0], (EventHandler<Event>) bean.instance());
        }
    }
}
