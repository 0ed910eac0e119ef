package dev.myelin.behaviors.retry;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.ConcurrencyConflictException;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Request;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rest of the chain again when it throws a retryable exception, for the request types
 * annotated with {@link Retry}; other request types do not have it in their chain.
 *
 * <p><b>Order.</b> {@link BehaviorOrder#RETRY}, outside {@link BehaviorOrder#TRANSACTION}: every
 * attempt passes through the transaction behavior again, so it reads fresh state in a fresh
 * transaction; a failed attempt's transaction has rolled back before the next begins. Inside
 * idempotency and timeout, so a repeated command is not re-run and all attempts share one deadline.
 *
 * <p><b>Semantics.</b> An attempt that throws an exception listed in {@link Retry#on()} (or a
 * subtype) is followed, after a backoff, by another, up to {@link Retry#maxAttempts()} in all.
 * The backoff before attempt {@code n + 1} is uniformly random in
 * {@code [0, min(maxBackoff, backoff × 2^(n-1))]} (exponential backoff with full jitter). Any other
 * exception, and any returned result (failure results included), ends the retries at once.
 * When the attempts are exhausted:
 * <ul>
 *   <li>a request whose result type is {@link OperationResult}, whose last attempt failed with a
 *       {@link ConcurrencyConflictException}, gets {@link OperationResult#conflict 409 Conflict};
 *   <li>otherwise the last exception is rethrown, with the earlier attempts' exceptions added to
 *       it as {@linkplain Throwable#getSuppressed() suppressed}.
 * </ul>
 * An exception that is not retried is rethrown the same way. When the thread is interrupted
 * during a backoff, the behavior stops retrying, restores the interrupt flag and rethrows the
 * last exception (with the {@link InterruptedException} suppressed).
 *
 * <p>Thread-safe. The annotation is read once per request type when the mediator is built; a
 * send that succeeds at once allocates nothing of this behavior's own.
 *
 * <pre>{@code
 * @Retry(maxAttempts = 5)
 * record ReserveStock(String sku, int quantity) implements Command<OperationResult<Void>> {}
 *
 * Mediator mediator = Mediator.builder()
 *         .behavior(RetryBehavior.ofDefaults())
 *         .handler(new ReserveStockHandler())
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class RetryBehavior implements PipelineBehavior<Request<?>, Object> {

    /** Random source of the jitter when none is set: {@link ThreadLocalRandom} of the calling thread. */
    public static final RandomGenerator DEFAULT_RANDOM = () -> ThreadLocalRandom.current().nextLong();

    private static final Logger LOG = LoggerFactory.getLogger(RetryBehavior.class);

    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ClassValue<Policy> policies = new ClassValue<>() {
        @Override
        protected Policy computeValue(Class<?> requestType) {
            return Policy.of(requestType);
        }
    };

    private RetryBehavior(Builder builder) {
        this.sleeper = builder.sleeper;
        this.random = builder.random;
    }

    /**
     * Returns a behavior that sleeps the thread between attempts and draws jitter from
     * {@link #DEFAULT_RANDOM}.
     *
     * @return the behavior
     */
    public static RetryBehavior ofDefaults() {
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
        List<RuntimeException> earlier = null;
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                return next.invoke(request);
            } catch (RuntimeException thrown) {
                failure = thrown;
            }
            if (!policy.retries(failure)) {
                throw withEarlier(failure, earlier);
            }
            if (attempt >= policy.maxAttempts()) {
                return exhausted(policy, failure, earlier);
            }
            Duration delay = delayBefore(policy, attempt);
            LOG.debug("Attempt {} of {} failed with {}; retrying in {}", attempt, policy.maxAttempts(), failure, delay);
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                failure.addSuppressed(interrupted);
                throw withEarlier(failure, earlier);
            }
            if (earlier == null) {
                earlier = new ArrayList<>(policy.maxAttempts() - 1);
            }
            earlier.add(failure);
        }
    }

    /** Returns {@code true} for the request types annotated with {@link Retry}. */
    @Override
    public boolean appliesTo(Class<?> requestType) {
        return policies.get(requestType) != Policy.NONE;
    }

    @Override
    public int order() {
        return BehaviorOrder.RETRY;
    }

    /** The backoff after the given failed attempt (1 for the first). */
    private Duration delayBefore(Policy policy, int failedAttempt) {
        int doublings = failedAttempt - 1;
        long ceiling = doublings >= Long.SIZE - 2 || policy.backoffNanos() > (policy.maxBackoffNanos() >> doublings)
                ? policy.maxBackoffNanos()
                : policy.backoffNanos() << doublings;
        return Duration.ofNanos((long) (ceiling * random.nextDouble()));
    }

    private static Object exhausted(Policy policy, RuntimeException last, List<RuntimeException> earlier) {
        if (policy.returnsOperationResult() && last instanceof ConcurrencyConflictException) {
            LOG.debug("{} conflicted in all {} attempts", policy.requestName(), policy.maxAttempts(), withEarlier(last, earlier));
            return OperationResult.conflict(policy.conflictDetail());
        }
        throw withEarlier(last, earlier);
    }

    private static RuntimeException withEarlier(RuntimeException last, List<RuntimeException> earlier) {
        if (earlier != null) {
            for (RuntimeException failure : earlier) {
                if (failure != last) {
                    last.addSuppressed(failure);
                }
            }
        }
        return last;
    }

    /** The retry policy of one request type, read once from its annotation. */
    private record Policy(String requestName, int maxAttempts, List<Class<? extends RuntimeException>> retried,
            long backoffNanos, long maxBackoffNanos, boolean returnsOperationResult, String conflictDetail) {

        static final Policy NONE = new Policy("", 1, List.of(), 0, 0, false, "");

        static Policy of(Class<?> requestType) {
            Retry retry = requestType.getAnnotation(Retry.class);
            if (retry == null) {
                return NONE;
            }
            String name = requestType.getSimpleName();
            if (retry.maxAttempts() < 1) {
                throw new IllegalArgumentException("@Retry on " + requestType.getName()
                        + ": maxAttempts must be at least 1, was " + retry.maxAttempts());
            }
            long backoff = parse(requestType, "backoff", retry.backoff());
            long maxBackoff = parse(requestType, "maxBackoff", retry.maxBackoff());
            return new Policy(name, retry.maxAttempts(), List.of(retry.on()), backoff, maxBackoff,
                    OperationResult.class.isAssignableFrom(Request.resultType(requestType)),
                    name + " conflicted with concurrent changes in each of " + retry.maxAttempts()
                            + " attempts; try again");
        }

        boolean retries(RuntimeException failure) {
            for (int i = 0; i < retried.size(); i++) {
                if (retried.get(i).isInstance(failure)) {
                    return true;
                }
            }
            return false;
        }

        private static long parse(Class<?> requestType, String attribute, String text) {
            Duration duration;
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException malformed) {
                throw new IllegalArgumentException("@Retry on " + requestType.getName() + ": " + attribute
                        + " must be an ISO-8601 duration such as PT0.05S, was '" + text + "'", malformed);
            }
            if (duration.isNegative()) {
                throw new IllegalArgumentException("@Retry on " + requestType.getName() + ": " + attribute
                        + " must not be negative, was " + text);
            }
            return duration.toNanos();
        }
    }

    /**
     * Builds a {@link RetryBehavior}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private Sleeper sleeper = Sleeper.THREAD_SLEEP;
        private RandomGenerator random = DEFAULT_RANDOM;

        private Builder() {
        }

        /**
         * Sets how the behavior waits between attempts.
         *
         * @param value the sleeper; {@link Sleeper#THREAD_SLEEP} by default
         * @return this builder
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * Sets the random source of the jitter; its {@code nextDouble()} picks each delay's
         * fraction of the backoff ceiling. It must be thread-safe.
         *
         * @param value the random source; {@link #DEFAULT_RANDOM} by default
         * @return this builder
         */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Builds the behavior.
         *
         * @return the behavior
         */
        public RetryBehavior build() {
            return new RetryBehavior(this);
        }
    }
}
