package dev.myelin.core.internal;

import dev.myelin.core.Event;
import dev.myelin.core.Mediator;
import dev.myelin.core.Request;
import dev.myelin.core.stream.StreamQuery;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * What {@code MediatorBuilder.mediator()} returns: the mediator a builder will build, for the
 * handlers and behaviors created before it exists. Bound by {@code build()}; until then every
 * call fails, naming why. Nested sends through it cost one volatile read more than through the
 * built mediator.
 */
final class LateMediator implements Mediator {

    private volatile Mediator delegate;

    void bind(Mediator built) {
        this.delegate = built;
    }

    private Mediator delegate() {
        Mediator built = delegate;
        if (built == null) {
            throw new IllegalStateException("The mediator is not built yet: MediatorBuilder.mediator() can be used "
                    + "once build() has returned, not while handlers are created");
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
        delegate().publish(event);
    }

    @Override
    public CompletableFuture<Void> publishAsync(Event event) {
        return delegate().publishAsync(event);
    }

    /** Does nothing: whoever called {@code build()} owns the mediator and closes it. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        Mediator built = delegate;
        return "LateMediator[" + (built == null ? "not built yet" : built) + "]";
    }
}
