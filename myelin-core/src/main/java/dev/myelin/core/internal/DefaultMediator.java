package dev.myelin.core.internal;

import dev.myelin.core.Event;
import dev.myelin.core.Mediator;
import dev.myelin.core.Request;
import dev.myelin.core.RequestContext;
import dev.myelin.core.publish.PublishStrategy;
import dev.myelin.core.stream.StreamQuery;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The mediator. {@code send} and {@code publish} look the composed chain up by class (a
 * {@link ClassValue}) and call it; with no context bound they allocate nothing. With a context
 * bound they run under a child context, restored afterwards.
 */
final class DefaultMediator implements Mediator {

    /** The same message from every form, synchronous or not: constants, so a failing check allocates nothing. */
    private static final String NULL_REQUEST = "request must not be null";
    private static final String NULL_EVENT = "event must not be null";
    private static final String NULL_QUERY = "query must not be null";

    private final Pipelines pipelines;
    private final StreamPipelines streamPipelines;
    private final EventRoutes routes;
    private final PublishStrategy publishStrategy;
    private final ExecutorService executor;
    private final ContextExecutor contextExecutor;
    private final boolean ownsExecutor;
    /** The default strategy runs as a composed chain, which the JIT inlines better than a loop. */
    private final boolean composedFanOut;

    DefaultMediator(List<Registrations.Handler> handlers, List<Registrations.Behavior> behaviors,
            List<Registrations.Listener> listeners, List<Registrations.ExceptionMapping> exceptionHandlers,
            List<Registrations.StreamHandler> streamHandlers, List<Registrations.StreamDecorator> streamBehaviors,
            Collection<Class<?>> declaredTypes, PublishStrategy publishStrategy, ExecutorService executor,
            boolean ownsExecutor) {
        this.pipelines = new Pipelines(handlers, behaviors, new ExceptionMapper(exceptionHandlers), declaredTypes);
        this.streamPipelines = new StreamPipelines(streamHandlers, streamBehaviors);
        this.routes = new EventRoutes(listeners);
        this.publishStrategy = publishStrategy;
        this.executor = executor;
        this.contextExecutor = new ContextExecutor(executor);
        this.ownsExecutor = ownsExecutor;
        this.composedFanOut = publishStrategy == PublishStrategy.stopOnFirstError();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R send(Request<R> request) {
        Link chain = pipelines.get(Objects.requireNonNull(request, NULL_REQUEST).getClass());
        RequestContext parent = ContextHolder.get();
        if (parent == null) {
            return (R) chain.invoke(request);
        }
        ContextHolder.set(parent.child());
        try {
            return (R) chain.invoke(request);
        } finally {
            ContextHolder.set(parent);
        }
    }

    @Override
    public <R> CompletableFuture<R> sendAsync(Request<R> request) {
        Objects.requireNonNull(request, NULL_REQUEST);
        try {
            return CompletableFuture.supplyAsync(() -> send(request), contextExecutor);
        } catch (RejectedExecutionException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
    }

    @Override
    public void publish(Event event) {
        EventRoutes.Route route = routes.get(Objects.requireNonNull(event, NULL_EVENT).getClass());
        if (route.handlers().isEmpty()) {
            return;
        }
        RequestContext parent = ContextHolder.get();
        if (parent == null) {
            fanOut(event, route);
            return;
        }
        ContextHolder.set(parent.child());
        try {
            fanOut(event, route);
        } finally {
            ContextHolder.set(parent);
        }
    }

    private void fanOut(Event event, EventRoutes.Route route) {
        if (composedFanOut) {
            route.first().handle(event);
        } else {
            publishStrategy.publish(event, route.handlers(), contextExecutor);
        }
    }

    @Override
    public CompletableFuture<Void> publishAsync(Event event) {
        Objects.requireNonNull(event, NULL_EVENT);
        try {
            return CompletableFuture.runAsync(() -> publish(event), contextExecutor);
        } catch (RejectedExecutionException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Stream<T> stream(StreamQuery<T> query) {
        Link chain = streamPipelines.get(Objects.requireNonNull(query, NULL_QUERY).getClass());
        RequestContext parent = ContextHolder.get();
        if (parent == null) {
            return (Stream<T>) chain.invoke(query);
        }
        ContextHolder.set(parent.child());
        try {
            return (Stream<T>) chain.invoke(query);
        } finally {
            ContextHolder.set(parent);
        }
    }

    @Override
    public <T> Flow.Publisher<T> streamPublisher(StreamQuery<T> query) {
        Objects.requireNonNull(query, NULL_QUERY);
        return subscriber -> {
            SubmissionPublisher<T> publisher = new SubmissionPublisher<>(contextExecutor, Flow.defaultBufferSize());
            publisher.subscribe(subscriber);
            try {
                contextExecutor.execute(() -> produce(query, publisher));
            } catch (RejectedExecutionException rejected) {
                publisher.closeExceptionally(rejected);
            }
        };
    }

    private <T> void produce(StreamQuery<T> query, SubmissionPublisher<T> publisher) {
        try (Stream<T> elements = stream(query)) {
            Iterator<T> iterator = elements.iterator();
            // submit blocks while the subscriber's buffer is full: that is the back-pressure.
            while (iterator.hasNext() && publisher.hasSubscribers()) {
                publisher.submit(iterator.next());
            }
            publisher.close();
        } catch (RuntimeException | Error failure) {
            publisher.closeExceptionally(failure);
        }
    }

    /** For diagnostics and tests: the behaviors in a request type's chain, outermost first. */
    List<String> chainOf(Class<?> requestType) {
        return pipelines.describe(requestType);
    }

    @Override
    public void close() {
        if (!ownsExecutor) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Mediator[publishStrategy=" + publishStrategy + ", executor=" + executor.getClass().getSimpleName() + "]";
    }
}
