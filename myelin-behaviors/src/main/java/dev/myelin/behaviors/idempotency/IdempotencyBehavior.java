package dev.myelin.behaviors.idempotency;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Principal;
import dev.myelin.core.Request;
import dev.myelin.core.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Runs a command that carries an idempotency key once: a repeat with the same key answers with
 * the first result instead of running again.
 *
 * <p><b>Key.</b> The key is {@link IdempotentCommand#idempotencyKey()} when the command implements
 * it and returns a non-blank key, otherwise the {@link RequestContext} metadata entry
 * {@value #METADATA_KEY} (which an HTTP filter can copy from the {@code Idempotency-Key} header).
 * It is scoped by command type and by the principal's name ({@link IdempotencyKey}): the same key
 * on two command types, or from two principals, names two executions. A command without a key
 * runs every time; the check costs one type test and one map lookup.
 *
 * <p><b>Semantics.</b>
 * <ul>
 *   <li>First command with a key: runs. Its result is remembered for the retention
 *       ({@link #DEFAULT_RETENTION} by default) if it succeeded: any returned value except an
 *       {@link OperationResult} that is not {@linkplain OperationResult#isSuccess() a success}. A
 *       failure, thrown or returned, is not remembered: a repeat runs again.
 *   <li>Repeat within the retention: gets the first result (the same instance, with an in-memory
 *       store); the handler does not run.
 *   <li>Repeat while the first is still running: waits for it, up to the in-flight wait
 *       ({@link #DEFAULT_IN_FLIGHT_WAIT} by default), then gets its result, or runs itself if the
 *       first failed. If the first is still running when the wait is over, a command whose result
 *       type is {@link OperationResult} gets {@link OperationResult#conflict 409 Conflict}, any
 *       other an {@link IdempotencyConflictException}. If the waiting thread is interrupted, its
 *       flag is restored and a {@link CancellationException} is thrown.
 * </ul>
 *
 * <p><b>Order and transactions.</b> {@link BehaviorOrder#IDEMPOTENCY}: outside timeout, retry and
 * the transaction, so a repeat never opens a transaction, and a retried command is remembered once
 * with its final result. The result is recorded after the transaction has committed, in the
 * store's own write: a crash between the commit and that write lets a repeat run again.
 *
 * <p>Thread-safe; wraps every command. Times come from the {@link Clock} given to the builder.
 *
 * <pre>{@code
 * Mediator mediator = Mediator.builder()
 *         .behavior(IdempotencyBehavior.builder().retention(Duration.ofHours(1)).build())
 *         .handler(new PlaceOrderHandler())
 *         .build();
 *
 * mediator.send(new PlaceOrder("3f1c...", "Ada", items));   // runs
 * mediator.send(new PlaceOrder("3f1c...", "Ada", items));   // the first result, not run again
 * }</pre>
 *
 * @since 0.1
 */
public final class IdempotencyBehavior implements PipelineBehavior<Command<?>, Object> {

    /** Metadata entry of the {@link RequestContext} that holds the key of a command. */
    public static final String METADATA_KEY = "idempotency-key";

    /** How long a completed command answers repeats when no retention is set: 24 hours. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    /** How long a repeat waits for the first command to finish when no wait is set: 5 seconds. */
    public static final Duration DEFAULT_IN_FLIGHT_WAIT = Duration.ofSeconds(5);

    /** Whether a command type's declared result is an {@code OperationResult}, resolved once per type. */
    private static final ClassValue<Boolean> RETURNS_OPERATION_RESULT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> commandType) {
            return OperationResult.class.isAssignableFrom(Request.resultType(commandType));
        }
    };

    private final IdempotencyStore store;
    private final Clock clock;
    private final Duration retention;
    private final long inFlightWaitNanos;

    private IdempotencyBehavior(Builder builder) {
        this.store = builder.store != null ? builder.store : new InMemoryIdempotencyStore();
        this.clock = builder.clock;
        this.retention = builder.retention;
        this.inFlightWaitNanos = builder.inFlightWait.toNanos();
    }

    /**
     * Returns a behavior with an {@link InMemoryIdempotencyStore}, the system clock and the default
     * retention and wait.
     *
     * @return the behavior
     */
    public static IdempotencyBehavior ofDefaults() {
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
    public Object handle(Command<?> command, Next<Command<?>, Object> next) {
        RequestContext context = RequestContext.current();
        String key = keyOf(command, context);
        if (key == null) {
            return next.invoke(command);
        }
        IdempotencyKey scoped = new IdempotencyKey(command.getClass().getName(),
                context.principal().map(Principal::name).orElse(""), key);
        long waitStart = System.nanoTime();
        while (true) {
            IdempotencyStore.Claim claim = store.tryBegin(scoped, clock.instant());
            if (claim instanceof IdempotencyStore.Claim.Completed completed) {
                return completed.result();
            }
            if (claim instanceof IdempotencyStore.Claim.Started) {
                return execute(command, next, scoped);
            }
            long remaining = inFlightWaitNanos - (System.nanoTime() - waitStart);
            if (remaining <= 0) {
                if (RETURNS_OPERATION_RESULT.get(command.getClass())) {
                    return OperationResult.conflict("A " + command.getClass().getSimpleName() + " with idempotency key '"
                            + key + "' is still in progress; try again later");
                }
                throw new IdempotencyConflictException(scoped);
            }
            try {
                store.awaitChange(scoped, Duration.ofNanos(remaining));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                CancellationException cancelled = new CancellationException(
                        "Interrupted while waiting for the " + command.getClass().getName() + " in flight with the same key");
                cancelled.initCause(interrupted);
                throw cancelled;
            }
        }
    }

    @Override
    public int order() {
        return BehaviorOrder.IDEMPOTENCY;
    }

    private Object execute(Command<?> command, Next<Command<?>, Object> next, IdempotencyKey scoped) {
        Object result;
        try {
            result = next.invoke(command);
        } catch (Throwable failure) {
            try {
                store.abandon(scoped);
            } catch (RuntimeException storeFailure) {
                failure.addSuppressed(storeFailure);
            }
            throw failure;
        }
        if (result instanceof OperationResult<?> operationResult && !operationResult.isSuccess()) {
            store.abandon(scoped);
        } else {
            store.complete(scoped, result, clock.instant().plus(retention));
        }
        return result;
    }

    private static String keyOf(Command<?> command, RequestContext context) {
        if (command instanceof IdempotentCommand idempotent) {
            String key = idempotent.idempotencyKey();
            if (key != null && !key.isBlank()) {
                return key;
            }
        }
        String key = context.metadata().get(METADATA_KEY);
        return key == null || key.isBlank() ? null : key;
    }

    /**
     * Builds an {@link IdempotencyBehavior}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private IdempotencyStore store;
        private Clock clock = Clock.systemUTC();
        private Duration retention = DEFAULT_RETENTION;
        private Duration inFlightWait = DEFAULT_IN_FLIGHT_WAIT;

        private Builder() {
        }

        /**
         * Sets where keys and results are kept.
         *
         * @param value the store; a new {@link InMemoryIdempotencyStore} by default
         * @return this builder
         */
        public Builder store(IdempotencyStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /**
         * Sets the clock that dates completions and expiries.
         *
         * @param value the clock; {@link Clock#systemUTC()} by default
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets how long a completed command answers repeats.
         *
         * @param value a positive duration; {@link #DEFAULT_RETENTION} by default
         * @return this builder
         */
        public Builder retention(Duration value) {
            this.retention = positive(value, "retention");
            return this;
        }

        /**
         * Sets how long a repeat waits for a first command still running before it gets a
         * conflict.
         *
         * @param value zero (no wait) or more; {@link #DEFAULT_IN_FLIGHT_WAIT} by default
         * @return this builder
         */
        public Builder inFlightWait(Duration value) {
            Objects.requireNonNull(value, "inFlightWait");
            if (value.isNegative()) {
                throw new IllegalArgumentException("inFlightWait must not be negative, was " + value);
            }
            this.inFlightWait = value;
            return this;
        }

        /**
         * Builds the behavior.
         *
         * @return the behavior
         */
        public IdempotencyBehavior build() {
            return new IdempotencyBehavior(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
