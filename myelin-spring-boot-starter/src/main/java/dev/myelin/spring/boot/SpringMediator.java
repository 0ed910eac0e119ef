package dev.myelin.spring.boot;

import dev.myelin.core.DomainEvent;
import dev.myelin.core.Event;
import dev.myelin.core.Mediator;
import dev.myelin.core.MediatorBuilder;
import dev.myelin.core.MediatorConfigurationException;
import dev.myelin.core.Request;
import dev.myelin.core.stream.StreamQuery;
import dev.myelin.spring.boot.internal.DomainEventRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * The mediator bean: a thin front that builds the real mediator once every singleton exists.
 *
 * <p>Why not build it in the {@code @Bean} method: the mediator needs every handler bean, and a
 * handler often needs the mediator (to send a follow-up command or publish an event). Building it
 * after all singletons are created breaks that cycle without {@code @Lazy} on the user's side. A
 * send before then (from a {@code @PostConstruct}) builds it at once. Registry problems are thrown
 * from {@link #afterSingletonsInstantiated()}, which fails the context refresh.
 *
 * <p><b>Domain events with the data layer on</b> go to the outbox ({@link DomainEventRoute}): stored in
 * the caller's transaction (or one of their own) and delivered to their handlers after commit, once. The
 * in-process mediator then fans out only other events, so no handler has two routes to one event.
 */
final class SpringMediator implements Mediator, SmartInitializingSingleton {

    private final ObjectProvider<MediatorBuilderCustomizer> customizers;
    private final BeanRegistrations registrations;
    private final ObjectProvider<DomainEventRoute> durableRoute;
    private volatile Mediator delegate;
    /** The outbox's route for domain events, or null without the data layer; set with {@link #delegate}. */
    private volatile DomainEventRoute domainEvents;
    private boolean closed;

    SpringMediator(ObjectProvider<MediatorBuilderCustomizer> customizers, BeanRegistrations registrations,
            ObjectProvider<DomainEventRoute> durableRoute) {
        this.customizers = customizers;
        this.registrations = registrations;
        this.durableRoute = durableRoute;
    }

    @Override
    public void afterSingletonsInstantiated() {
        delegate();
    }

    private Mediator delegate() {
        Mediator built = delegate;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (delegate == null) {
                if (closed) {
                    throw new IllegalStateException("The mediator is closed: its application context has shut down");
                }
                delegate = build();
            }
            return delegate;
        }
    }

    private Mediator build() {
        DomainEventRoute route = durableRoute.getIfAvailable();
        registrations.domainEventsGoThroughTheOutbox(route != null);
        domainEvents = route;
        MediatorBuilder builder = Mediator.builder();
        List<MediatorBuilderCustomizer> all = new ArrayList<>(customizers.orderedStream().toList());
        all.add(registrations);
        AnnotationAwareOrderComparator.sort(all);
        all.forEach(customizer -> customizer.customize(builder));
        List<String> problems = new ArrayList<>(registrations.problems());
        Mediator built = null;
        try {
            built = builder.build();
        } catch (MediatorConfigurationException failure) {
            problems.addAll(failure.problems());
        }
        if (!problems.isEmpty()) {
            if (built != null) {
                built.close();
            }
            throw new MediatorConfigurationException(problems);
        }
        return built;
    }

    @Override
    public <R> R send(Request<R> request) {
        return delegate().send(request);
    }

    @Override
    public <R> CompletableFuture<R> sendAsync(Request<R> request) {
        return delegate().sendAsync(request);
    }

    @Override
    public <T> Stream<T> stream(StreamQuery<T> query) {
        return delegate().stream(query);
    }

    @Override
    public <T> Flow.Publisher<T> streamPublisher(StreamQuery<T> query) {
        return delegate().streamPublisher(query);
    }

    @Override
    public void publish(Event event) {
        Mediator built = delegate();
        DomainEventRoute route = domainEvents;
        if (route != null && event instanceof DomainEvent domain) {
            route.publish(domain);
        } else {
            built.publish(event);
        }
    }

    /**
     * A domain event with the data layer on is stored on the caller's thread (in its transaction); its
     * handlers run after commit.
     */
    @Override
    public CompletableFuture<Void> publishAsync(Event event) {
        Mediator built = delegate();
        DomainEventRoute route = domainEvents;
        if (route != null && event instanceof DomainEvent domain) {
            try {
                route.publish(domain);
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException failure) {
                return CompletableFuture.failedFuture(failure);
            }
        }
        return built.publishAsync(event);
    }

    @Override
    public synchronized void close() {
        closed = true;
        Mediator built = delegate;
        if (built != null) {
            built.close();
        }
    }

    @Override
    public String toString() {
        return "SpringMediator[" + (delegate == null ? "not built yet" : delegate) + "]";
    }
}
