package dev.myelin.behaviors.idempotency;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Principal;
import dev.myelin.core.Request;
import dev.myelin.core.RequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Runs a command that carries an idempotency key once: a repeat with the same key answers with
 * the first result instead of running again, and the result is recorded in the same transaction
 * as the command's effects.
 *
 * <p><b>Key.</b> The key is {@link IdempotentCommand#idempotencyKey()} when the command implements
 * it and returns a non-blank key, otherwise the {@link RequestContext} metadata entry
 * {@value #METADATA_KEY} (which the Spring Boot starter copies from the {@code Idempotency-Key}
 * header). It is scoped by command type, tenant and principal name ({@link IdempotencyKey}): the
 * same key on two command types, in two tenants or from two principals names two executions. A
 * command without a key runs every time; the check costs one type test and one map lookup.
 *
 * <p><b>Fingerprint.</b> Each key is recorded with a fingerprint of its request: the metadata entry
 * {@value #FINGERPRINT_METADATA_KEY} when present (the starter puts a hash of the HTTP method, path
 * and body there), otherwise a SHA-256 of the command's class and {@code toString()} (a record's
 * components). A repeat whose fingerprint differs is refused: a command whose result type is
 * {@link OperationResult} gets {@link OperationResult#unprocessable 422}, any other an
 * {@link IdempotencyKeyReusedException}; the handler does not run.
 *
 * <p><b>Semantics.</b>
 * <ul>
 *   <li>First command with a key: reserves the key ({@link IdempotencyStore#tryBegin}, visible to
 *       every instance at once), then runs. If it succeeds (any returned value except an
 *       {@link OperationResult} that is not {@linkplain OperationResult#isSuccess() a success}), its
 *       result is recorded for the retention ({@link #DEFAULT_RETENTION} by default) by the
 *       {@linkplain #recorder() recorder} inside the command's transaction: it commits with the
 *       command's effects or not at all. A failure, thrown or returned, or a rollback, frees the
 *       key: a repeat runs again.
 *   <li>Repeat within the retention: gets the first result (the same instance, with an in-memory
 *       store); the handler does not run, and the replay listener ({@link Builder#onReplay}) is
 *       told.
 *   <li>Repeat while the first is still running: waits for it, up to the in-flight wait
 *       ({@link #DEFAULT_IN_FLIGHT_WAIT} by default), then gets its result, or runs itself if the
 *       first failed. If the first is still running when the wait is over, a command whose result
 *       type is {@link OperationResult} gets {@link OperationResult#conflict 409 Conflict}, any
 *       other an {@link IdempotencyConflictException}. If the waiting thread is interrupted, its
 *       flag is restored and a {@link CancellationException} is thrown.
 * </ul>
 *
 * <p><b>Order and transactions.</b> This behavior sits at {@link BehaviorOrder#IDEMPOTENCY}:
 * outside timeout, retry, payment authorizations and the transaction, so a repeat never opens a
 * transaction nor repeats an effect outside it. Its {@link #recorder()} must be registered too; it
 * sits at {@link BehaviorOrder#IDEMPOTENCY_RECORD}, inside the transaction, and writes the record
 * on the transaction's connection (with a store that joins transactions, such as the PostgreSQL
 * one). So no crash can run a committed command twice: a crash after the commit leaves the
 * record, and a crash before it leaves nothing but a reservation that expires after the store's
 * lease. Without the recorder in the chain the result is recorded after the command returns, in
 * the store's own write, and a crash between the two lets a repeat run again.
 *
 * <p>Thread-safe; wraps every command. Times come from the {@link Clock} given to the builder.
 *
 * <pre>{@code
 * IdempotencyBehavior idempotency = IdempotencyBehavior.builder().retention(Duration.ofHours(1)).build();
 * Mediator mediator = Mediator.builder()
 *         .behavior(idempotency)
 *         .behavior(TransactionBehavior.of(transactions))
 *         .behavior(idempotency.recorder())
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

    /** Metadata entry of the {@link RequestContext} that holds the fingerprint of a command's request. */
    public static final String FINGERPRINT_METADATA_KEY = "idempotency-fingerprint";

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

    /**
     * The reservation of the command running on this thread, handed to the recorder inside the
     * transaction. Per instance: two behaviors over two stores do not see each other's.
     */
    private final ThreadLocal<Reservation> reservation = new ThreadLocal<>();

    private final IdempotencyStore store;
    private final Clock clock;
    private final Duration retention;
    private final long inFlightWaitNanos;
    private final Consumer<? super IdempotencyKey> onReplay;
    private final IdempotencyRecorder recorder;

    private IdempotencyBehavior(Builder builder) {
        this.store = builder.store != null ? builder.store : new InMemoryIdempotencyStore();
        this.clock = builder.clock;
        this.retention = builder.retention;
        this.inFlightWaitNanos = builder.inFlightWait.toNanos();
        this.onReplay = builder.onReplay;
        this.recorder = new IdempotencyRecorder(this);
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

    /**
     * Returns the behavior that records a command's result inside its transaction; register it in
     * the same mediator as this one.
     *
     * @return the recorder of this behavior (always the same instance)
     */
    public IdempotencyRecorder recorder() {
        return recorder;
    }

    @Override
    public Object handle(Command<?> command, Next<Command<?>, Object> next) {
        RequestContext context = RequestContext.current();
        String key = keyOf(command, context);
        if (key == null) {
            return next.invoke(command);
        }
        IdempotencyKey scoped = new IdempotencyKey(command.getClass().getName(), context.tenant().orElse(""),
                context.principal().map(Principal::name).orElse(""), key);
        String fingerprint = fingerprintOf(command, context);
        long waitStart = System.nanoTime();
        while (true) {
            IdempotencyStore.Claim claim = store.tryBegin(scoped, fingerprint, clock.instant());
            if (claim instanceof IdempotencyStore.Claim.Started started) {
                return execute(command, next, new Reservation(scoped, started.owner()));
            }
            if (claim instanceof IdempotencyStore.Claim.Completed completed) {
                if (!matches(completed.fingerprint(), fingerprint)) {
                    return reused(command, scoped);
                }
                onReplay.accept(scoped);
                return completed.result();
            }
            if (!matches(((IdempotencyStore.Claim.InFlight) claim).fingerprint(), fingerprint)) {
                return reused(command, scoped);
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

    private Object execute(Command<?> command, Next<Command<?>, Object> next, Reservation reserved) {
        Reservation outer = reservation.get();
        reservation.set(reserved);
        Object result;
        try {
            result = next.invoke(command);
        } catch (Throwable failure) {
            try {
                store.abandon(reserved.key(), reserved.owner());
            } catch (RuntimeException storeFailure) {
                failure.addSuppressed(storeFailure);
            }
            throw failure;
        } finally {
            reservation.set(outer);
        }
        if (isFailure(result)) {
            store.abandon(reserved.key(), reserved.owner());
        } else if (!reserved.recorded && !store.complete(reserved.key(), reserved.owner(), result, expiry())) {
            // No recorder in the chain, and the reservation expired while the command ran.
            throw new IdempotencyConflictException(reserved.key());
        }
        return result;
    }

    /** Called by the recorder, inside the transaction: the reservation of this thread's command, taken once. */
    Reservation takeReservation() {
        Reservation taken = reservation.get();
        if (taken != null) {
            reservation.set(null);
        }
        return taken;
    }

    /** Called by the recorder after its {@code next}: hands the reservation back for a retried attempt. */
    void restoreReservation(Reservation taken) {
        reservation.set(taken);
    }

    /** Called by the recorder with the command's successful result, inside the transaction. */
    Object record(Command<?> command, Reservation reserved, Object result) {
        if (store.complete(reserved.key(), reserved.owner(), result, expiry())) {
            reserved.recorded = true;
            return result;
        }
        // The reservation expired and another caller took the key over: this command must not commit.
        if (RETURNS_OPERATION_RESULT.get(command.getClass())) {
            return OperationResult.conflict("The idempotency key '" + reserved.key().value()
                    + "' was taken over by another request while this one ran; try again");
        }
        throw new IdempotencyConflictException(reserved.key());
    }

    static boolean isFailure(Object result) {
        return result instanceof OperationResult<?> operationResult && !operationResult.isSuccess();
    }

    private Instant expiry() {
        return clock.instant().plus(retention);
    }

    private static boolean matches(String stored, String fingerprint) {
        // Records written before fingerprints existed have none; they match any request.
        return stored == null || stored.equals(fingerprint);
    }

    private static Object reused(Command<?> command, IdempotencyKey scoped) {
        if (RETURNS_OPERATION_RESULT.get(command.getClass())) {
            return OperationResult.unprocessable("The idempotency key '" + scoped.value()
                    + "' was already used with a different request");
        }
        throw new IdempotencyKeyReusedException(scoped);
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

    private static String fingerprintOf(Command<?> command, RequestContext context) {
        String sent = context.metadata().get(FINGERPRINT_METADATA_KEY);
        if (sent != null && !sent.isBlank()) {
            return sent;
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(command.getClass().getName().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return HexFormat.of().formatHex(sha256.digest(String.valueOf(command).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            // Every Java platform has SHA-256 (MessageDigest's documented required algorithms).
            throw new IllegalStateException(impossible);
        }
    }

    /** A key this behavior reserved for the command running on this thread. */
    static final class Reservation {
        private final IdempotencyKey key;
        private final String owner;
        /** Whether the recorder recorded the result in the command's transaction. */
        boolean recorded;

        Reservation(IdempotencyKey key, String owner) {
            this.key = key;
            this.owner = owner;
        }

        IdempotencyKey key() {
            return key;
        }

        String owner() {
            return owner;
        }
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
        private Consumer<? super IdempotencyKey> onReplay = key -> { };

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
         * Sets what runs when a repeat is answered with a stored result, on the repeat's thread
         * before the result is returned (the starter marks the HTTP response as replayed).
         *
         * @param value the listener; it must not throw; nothing by default
         * @return this builder
         */
        public Builder onReplay(Consumer<? super IdempotencyKey> value) {
            this.onReplay = Objects.requireNonNull(value, "onReplay");
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
