package dev.myelin.behaviors.timeout;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Request;
import dev.myelin.core.RequestContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enforces a deadline per request type: the rest of the chain runs on a worker thread while the
 * caller waits at most the deadline; past it, the worker is interrupted and the caller answered.
 *
 * <p><b>Opt-in.</b> A request type gets a deadline from {@link Timeout @Timeout} or from
 * {@link Builder#timeout} (which wins); other types do not have this behavior in their chain.
 *
 * <p><b>Semantics.</b>
 * <ul>
 *   <li>Completed in time: the result is returned, and an exception thrown by the chain
 *       propagates unchanged.
 *   <li>Deadline passed: the worker is {@linkplain Future#cancel(boolean) cancelled with an
 *       interrupt} (cancellation is cooperative: a handler that ignores interrupts runs on, and its
 *       result is dropped). A request whose result type is {@link OperationResult} gets
 *       {@link OperationResult#serviceUnavailable 503 Service Unavailable} with the detail
 *       {@code "PlaceOrder did not complete within PT2S"}; any other request gets a
 *       {@link RequestTimeoutException}.
 *   <li>Caller interrupted while waiting: the worker is cancelled, the caller's interrupt flag is
 *       restored and a {@link CancellationException} (caused by the {@link InterruptedException})
 *       is thrown.
 * </ul>
 *
 * <p><b>Threads and context.</b> The worker binds the caller's {@link RequestContext}, so inner
 * behaviors and the handler see the same context. Everything inside this behavior (retry, the
 * transaction, the handler) runs on the worker thread, so thread-bound resources such as a
 * transaction are opened and closed there; behaviors outside it stay on the caller's thread.
 * Workers come from the executor given to {@link Builder#executor}; by default one virtual thread
 * per task on Java 21 and later, otherwise a cached pool of daemon threads.
 *
 * <p><b>Order.</b> {@link BehaviorOrder#TIMEOUT}: inside idempotency, outside retry and the
 * transaction, so one deadline covers all attempts and a timed-out attempt's transaction rolls
 * back on its own thread.
 *
 * <p>Thread-safe. Deadlines are resolved once per request type when the mediator is built.
 *
 * <pre>{@code
 * Mediator mediator = Mediator.builder()
 *         .behavior(TimeoutBehavior.builder().timeout(GetMenu.class, Duration.ofMillis(500)).build())
 *         .handler(new GetMenuHandler())
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class TimeoutBehavior implements PipelineBehavior<Request<?>, Object> {

    private final ExecutorService executor;
    private final Map<Class<?>, Duration> configured;
    private final ClassValue<Policy> policies = new ClassValue<>() {
        @Override
        protected Policy computeValue(Class<?> requestType) {
            return Policy.of(requestType, configured.get(requestType));
        }
    };

    private TimeoutBehavior(Builder builder) {
        this.executor = builder.executor != null ? builder.executor : DefaultExecutor.INSTANCE;
        this.configured = Map.copyOf(builder.timeouts);
    }

    /**
     * Returns a behavior that reads deadlines from {@link Timeout} only and runs workers on the
     * default executor.
     *
     * @return the behavior
     */
    public static TimeoutBehavior ofDefaults() {
        return builder().build();
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Object handle(Request<?> request, Next<Request<?>, Object> next) {
        Policy policy = policies.get(request.getClass());
        RequestContext context = RequestContext.current();
        Future<Object> worker = executor.submit(() -> {
            if (context.isEmpty()) {
                return next.invoke(request);
            }
            try (RequestContext.Scope scope = context.bind()) {
                return next.invoke(request);
            }
        });
        try {
            return worker.get(policy.nanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            if (!worker.cancel(true)) {
                return completed(worker); // it finished between the timeout and the cancel
            }
            if (policy.returnsOperationResult()) {
                return OperationResult.serviceUnavailable(policy.detail());
            }
            throw new RequestTimeoutException(request.getClass().getName(), policy.timeout());
        } catch (ExecutionException failed) {
            throw propagate(failed.getCause());
        } catch (InterruptedException interrupted) {
            worker.cancel(true);
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException(
                    "Interrupted while waiting for " + request.getClass().getName());
            cancelled.initCause(interrupted);
            throw cancelled;
        }
    }

    /** Returns {@code true} for the request types with a configured or annotated deadline. */
    @Override
    public boolean appliesTo(Class<?> requestType) {
        return policies.get(requestType) != Policy.NONE;
    }

    @Override
    public int order() {
        return BehaviorOrder.TIMEOUT;
    }

    private static Object completed(Future<Object> done) {
        try {
            return done.get();
        } catch (ExecutionException failed) {
            throw propagate(failed.getCause());
        } catch (InterruptedException impossible) {
            // The future is done, so get() does not wait; keep the flag for the caller all the same.
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted");
        }
    }

    /** Rethrows the chain's exception as it was thrown, checked or not. */
    private static RuntimeException propagate(Throwable failure) {
        return TimeoutBehavior.<RuntimeException>sneakyThrow(failure);
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> RuntimeException sneakyThrow(Throwable failure) throws X {
        throw (X) failure;
    }

    /** The deadline of one request type. */
    private record Policy(Duration timeout, long nanos, boolean returnsOperationResult, String detail) {

        static final Policy NONE = new Policy(Duration.ZERO, 0, false, "");

        static Policy of(Class<?> requestType, Duration configured) {
            Duration timeout = configured;
            if (timeout == null) {
                Timeout annotation = requestType.getAnnotation(Timeout.class);
                if (annotation == null) {
                    return NONE;
                }
                try {
                    timeout = Duration.parse(annotation.value());
                } catch (DateTimeParseException malformed) {
                    throw new IllegalArgumentException("@Timeout on " + requestType.getName()
                            + " must be an ISO-8601 duration such as PT2S, was '" + annotation.value() + "'", malformed);
                }
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("The timeout of " + requestType.getName()
                        + " must be positive, was " + timeout);
            }
            boolean returnsOperationResult = OperationResult.class.isAssignableFrom(Request.resultType(requestType));
            return new Policy(timeout, saturatedNanos(timeout), returnsOperationResult,
                    requestType.getSimpleName() + " did not complete within " + timeout);
        }

        private static long saturatedNanos(Duration timeout) {
            try {
                return timeout.toNanos();
            } catch (ArithmeticException tooLong) {
                return Long.MAX_VALUE;
            }
        }
    }

    /** The default executor, created on first use and shared; its threads never keep the JVM alive. */
    private static final class DefaultExecutor {

        static final ExecutorService INSTANCE = create();

        private DefaultExecutor() {
        }

        private static ExecutorService create() {
            if (Runtime.version().feature() >= 21) {
                try {
                    // Looked up, not called, because the code is compiled for Java 17.
                    return (ExecutorService) MethodHandles.publicLookup()
                            .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                                    MethodType.methodType(ExecutorService.class))
                            .invoke();
                } catch (Throwable unavailable) {
                    // Fall through to platform threads.
                }
            }
            AtomicInteger counter = new AtomicInteger();
            ThreadFactory daemons = task -> {
                Thread thread = new Thread(task, "myelin-timeout-" + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            return Executors.newCachedThreadPool(daemons);
        }
    }

    /**
     * Builds a {@link TimeoutBehavior}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private ExecutorService executor;
        private final Map<Class<?>, Duration> timeouts = new HashMap<>();

        private Builder() {
        }

        /**
         * Sets the executor whose threads run the chains under a deadline. The behavior does not
         * shut it down. It must run each task promptly: a queued task's wait counts against its
         * deadline.
         *
         * @param value the executor; by default one virtual thread per task on Java 21 and later,
         *     otherwise a cached pool of daemon threads
         * @return this builder
         */
        public Builder executor(ExecutorService value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Sets the deadline of a request type, overriding its {@link Timeout} annotation.
         *
         * @param requestType the request type, a {@link Request}
         * @param timeout the deadline; positive
         * @return this builder
         */
        public Builder timeout(Class<?> requestType, Duration timeout) {
            timeouts.put(Objects.requireNonNull(requestType, "requestType"), Objects.requireNonNull(timeout, "timeout"));
            return this;
        }

        /**
         * Sets the deadlines of several request types, as from a configuration map.
         *
         * @param values request type → deadline
         * @return this builder
         */
        public Builder timeouts(Map<Class<?>, Duration> values) {
            values.forEach(this::timeout);
            return this;
        }

        /**
         * Builds the behavior.
         *
         * @return the behavior
         */
        public TimeoutBehavior build() {
            timeouts.forEach((type, timeout) -> {
                if (!Request.class.isAssignableFrom(type)) {
                    throw new IllegalArgumentException(
                            "A timeout is configured for " + type.getName() + ", which is not a request");
                }
                if (timeout.isNegative() || timeout.isZero()) {
                    throw new IllegalArgumentException(
                            "The timeout of " + type.getName() + " must be positive, was " + timeout);
                }
            });
            return new TimeoutBehavior(this);
        }
    }
}
