package dev.myelin.bench;

import dev.myelin.behaviors.authorization.AuthorizationBehavior;
import dev.myelin.behaviors.caching.CachingBehavior;
import dev.myelin.behaviors.idempotency.IdempotencyBehavior;
import dev.myelin.behaviors.logging.LoggingBehavior;
import dev.myelin.behaviors.logging.LoggingConfig;
import dev.myelin.behaviors.metrics.ObservationBehavior;
import dev.myelin.behaviors.retry.RetryBehavior;
import dev.myelin.behaviors.timeout.TimeoutBehavior;
import dev.myelin.data.transaction.InMemoryTransactionRunner;
import dev.myelin.behaviors.transaction.TransactionBehavior;
import dev.myelin.behaviors.validation.ValidationBehavior;
import dev.myelin.core.Mediator;
import dev.myelin.core.MediatorBuilder;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of each built-in behavior of {@code myelin-behaviors} on {@link Mediator#send}: for a
 * request type the behavior applies to (it opts in and the behavior does its success-path work),
 * and for one it does not apply to (the behavior is registered but not in that type's chain, so
 * the send should cost what {@link #sendNoBehavior()} costs).
 *
 * <p>Each behavior gets its own mediator holding only that behavior, so each measurement is one
 * behavior's cost above the baseline. Handlers return the shared {@link OrderReceipt}, so the
 * allocation {@code -prof gc} reports is the mediator's and the behavior's. What each case does:
 *
 * <ul>
 *   <li>authorization: a {@code @RequiresRole("chef")} command sent with a chef bound in the
 *       {@link RequestContext}; binding makes every send run under a child context, so compare it
 *       with {@link #sendNoBehaviorWithPrincipalBound}, not {@link #sendNoBehavior()};
 *   <li>validation: a valid record with four constraints, checked by Hibernate Validator;
 *   <li>logging: every request (there is no opt-out type), at the default logger whose level
 *       (WARN, in {@code logback.xml}) disables the command's INFO line, and at a logger whose
 *       INFO line is enabled and written to Logback's no-op appender (so the line is built and
 *       handed to Logback, but not encoded nor written);
 *   <li>metrics: an observation per send on a registry with a
 *       {@link DefaultMeterObservationHandler} over a {@link SimpleMeterRegistry}; "does not
 *       apply" is the behavior with {@link ObservationRegistry#NOOP}, which keeps it out of every
 *       chain;
 *   <li>idempotency: the same keyed command sent again and again, so every measured send is a
 *       repeat answered from the in-memory store; it wraps every command, so a command without a
 *       key is a third case (in the chain, passing through); a query does not have it;
 *   <li>timeout: a {@code @Timeout} query whose chain runs on a worker of the default executor
 *       (a cached pool of platform threads on Java 17) while the caller waits;
 *   <li>retry: a {@code @Retry} command whose first attempt succeeds;
 *   <li>transaction: every command, in a transaction of an {@link InMemoryTransactionRunner}; a
 *       query does not have it;
 *   <li>caching: a hit of a {@code @Cached} query.
 * </ul>
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BehaviorBenchmark {

    /** A logger that {@code logback.xml} enables at INFO and sends to a no-op appender. */
    static final String ENABLED_LOGGER = "dev.myelin.bench.requests";

    private final PlaceOrder command = new PlaceOrder(2);
    private final GetOrderStatus query = new GetOrderStatus("order-1");
    private final StartCooking startCooking = new StartCooking("order-1");
    private final PlaceValidatedOrder validOrder = new PlaceValidatedOrder("Ada", "0612345678", 2);
    private final PlaceIdempotentOrder idempotentOrder = new PlaceIdempotentOrder("3f1c9a2e-key", 2);
    private final GetKitchenQueue kitchenQueue = new GetKitchenQueue("kitchen-1");
    private final ReserveStock reserveStock = new ReserveStock("dough", 2);
    private final GetMenu menu = new GetMenu("pizzas");

    private ValidatorFactory validatorFactory;
    private Mediator withoutBehaviors;
    private Mediator authorization;
    private Mediator validation;
    private Mediator loggingLevelDisabled;
    private Mediator loggingLevelEnabled;
    private Mediator metrics;
    private Mediator metricsOff;
    private Mediator idempotency;
    private Mediator timeout;
    private Mediator retry;
    private Mediator transaction;
    private Mediator caching;

    /**
     * Builds one mediator per behavior, sends the idempotent command and the cached query once (so
     * that the measured sends are repeats and hits) and checks that every benchmark reaches its
     * handler.
     */
    @Setup(Level.Trial)
    public void setUp() {
        validatorFactory = Validation.buildDefaultValidatorFactory();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));

        withoutBehaviors = mediator(null);
        authorization = mediator(AuthorizationBehavior.ofDefaults());
        validation = mediator(new ValidationBehavior(validatorFactory.getValidator(), List.of()));
        loggingLevelDisabled = mediator(LoggingBehavior.ofDefaults());
        loggingLevelEnabled = mediator(new LoggingBehavior(LoggingConfig.builder().loggerName(ENABLED_LOGGER).build()));
        metrics = mediator(ObservationBehavior.of(observations));
        metricsOff = mediator(ObservationBehavior.of(ObservationRegistry.NOOP));
        idempotency = mediator(IdempotencyBehavior.ofDefaults());
        timeout = mediator(TimeoutBehavior.ofDefaults());
        retry = mediator(RetryBehavior.ofDefaults());
        transaction = mediator(TransactionBehavior.of(new InMemoryTransactionRunner()));
        caching = mediator(CachingBehavior.ofDefaults());

        idempotency.send(idempotentOrder);
        caching.send(menu);
        PrincipalBound principal = new PrincipalBound();
        principal.bind();
        try {
            check(sendNoBehaviorWithPrincipalBound(principal), "sendNoBehaviorWithPrincipalBound");
            check(authorizationApplies(principal), "authorizationApplies");
        } finally {
            principal.unbind();
        }
        check(sendNoBehavior(), "sendNoBehavior");
        check(sendQueryNoBehavior(), "sendQueryNoBehavior");
        check(authorizationDoesNotApply(), "authorizationDoesNotApply");
        check(validationApplies(), "validationApplies");
        check(validationDoesNotApply(), "validationDoesNotApply");
        check(loggingAppliesLevelDisabled(), "loggingAppliesLevelDisabled");
        check(loggingAppliesLevelEnabled(), "loggingAppliesLevelEnabled");
        check(metricsApplies(), "metricsApplies");
        check(metricsDoesNotApply(), "metricsDoesNotApply");
        check(idempotencyAppliesRepeat(), "idempotencyAppliesRepeat");
        check(idempotencyCommandWithoutKey(), "idempotencyCommandWithoutKey");
        check(idempotencyDoesNotApply(), "idempotencyDoesNotApply");
        check(timeoutApplies(), "timeoutApplies");
        check(timeoutDoesNotApply(), "timeoutDoesNotApply");
        check(retryApplies(), "retryApplies");
        check(retryDoesNotApply(), "retryDoesNotApply");
        check(transactionApplies(), "transactionApplies");
        check(transactionDoesNotApply(), "transactionDoesNotApply");
        check(cachingAppliesHit(), "cachingAppliesHit");
        check(cachingDoesNotApply(), "cachingDoesNotApply");
    }

    /** Closes the mediators and the validator factory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (Mediator mediator : new Mediator[] {withoutBehaviors, authorization, validation, loggingLevelDisabled,
            loggingLevelEnabled, metrics, metricsOff, idempotency, timeout, retry, transaction, caching}) {
            mediator.close();
        }
        validatorFactory.close();
    }

    /**
     * The baseline: a command sent to a mediator with no behavior.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt sendNoBehavior() {
        return withoutBehaviors.send(command);
    }

    /**
     * The baseline of the query cases: a query sent to a mediator with no behavior.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt sendQueryNoBehavior() {
        return withoutBehaviors.send(query);
    }

    /**
     * The baseline of {@link #authorizationApplies}: a command sent with a context holding a
     * principal bound, to a mediator with no behavior.
     *
     * @param principal the bound context
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt sendNoBehaviorWithPrincipalBound(PrincipalBound principal) {
        return withoutBehaviors.send(command);
    }

    /**
     * A {@code @RequiresRole("chef")} command sent by a chef.
     *
     * @param principal the bound context
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt authorizationApplies(PrincipalBound principal) {
        return authorization.send(startCooking);
    }

    /**
     * A command without a role requirement, to the mediator with the authorization behavior.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt authorizationDoesNotApply() {
        return authorization.send(command);
    }

    /**
     * A valid constrained command.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt validationApplies() {
        return validation.send(validOrder);
    }

    /**
     * A command without constraints, to the mediator with the validation behavior.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt validationDoesNotApply() {
        return validation.send(command);
    }

    /**
     * A command through the logging behavior, whose INFO line is disabled.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt loggingAppliesLevelDisabled() {
        return loggingLevelDisabled.send(command);
    }

    /**
     * A command through the logging behavior, whose INFO line is enabled and given to a no-op
     * appender.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt loggingAppliesLevelEnabled() {
        return loggingLevelEnabled.send(command);
    }

    /**
     * A command observed on a registry with a meter handler.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt metricsApplies() {
        return metrics.send(command);
    }

    /**
     * A command sent to a mediator whose observation behavior has the no-op registry.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt metricsDoesNotApply() {
        return metricsOff.send(command);
    }

    /**
     * A repeat of a keyed command, answered with the first result.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt idempotencyAppliesRepeat() {
        return idempotency.send(idempotentOrder);
    }

    /**
     * A command without a key: the idempotency behavior is in its chain and passes it through.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt idempotencyCommandWithoutKey() {
        return idempotency.send(command);
    }

    /**
     * A query, to the mediator with the idempotency behavior (which wraps commands only).
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt idempotencyDoesNotApply() {
        return idempotency.send(query);
    }

    /**
     * A query with a deadline, run on a worker thread.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt timeoutApplies() {
        return timeout.send(kitchenQueue);
    }

    /**
     * A command without a deadline, to the mediator with the timeout behavior.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt timeoutDoesNotApply() {
        return timeout.send(command);
    }

    /**
     * A {@code @Retry} command whose first attempt succeeds.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt retryApplies() {
        return retry.send(reserveStock);
    }

    /**
     * A command without {@code @Retry}, to the mediator with the retry behavior.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt retryDoesNotApply() {
        return retry.send(command);
    }

    /**
     * A command in an in-memory transaction that commits.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt transactionApplies() {
        return transaction.send(command);
    }

    /**
     * A query, to the mediator with the transaction behavior (which wraps commands only).
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt transactionDoesNotApply() {
        return transaction.send(query);
    }

    /**
     * A cache hit of a {@code @Cached} query.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt cachingAppliesHit() {
        return caching.send(menu);
    }

    /**
     * A command that neither is cached nor evicts, to the mediator with the caching behavior.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt cachingDoesNotApply() {
        return caching.send(command);
    }

    /** A mediator with every benchmarked request's handler and at most one behavior. */
    private static Mediator mediator(PipelineBehavior<?, ?> behavior) {
        MediatorBuilder builder = Mediator.builder()
                .handler(new PlaceOrderHandler())
                .handler(new GetOrderStatus.Handler())
                .handler(StartCooking.class, request -> OrderReceipt.SHARED)
                .handler(PlaceValidatedOrder.class, request -> OrderReceipt.SHARED)
                .handler(PlaceIdempotentOrder.class, request -> OrderReceipt.SHARED)
                .handler(GetKitchenQueue.class, request -> OrderReceipt.SHARED)
                .handler(ReserveStock.class, request -> OrderReceipt.SHARED)
                .handler(GetMenu.class, request -> OrderReceipt.SHARED);
        if (behavior != null) {
            builder.behavior(behavior);
        }
        return builder.build();
    }

    private static void check(OrderReceipt receipt, String benchmark) {
        if (receipt != OrderReceipt.SHARED) {
            throw new IllegalStateException(benchmark + " did not return the handler's result");
        }
    }

    /**
     * A {@link RequestContext} holding a chef bound to the benchmark thread, as an HTTP filter
     * would bind the authenticated caller. Binding is per thread, so this state is per thread and
     * binds in its per-iteration setup, which JMH runs on the thread that runs the iteration.
     */
    @State(Scope.Thread)
    public static class PrincipalBound {

        private RequestContext.Scope scope;

        /** Binds a context with a correlation id and a principal holding the role {@code chef}. */
        @Setup(Level.Iteration)
        public void bind() {
            RequestContext context = RequestContext.builder()
                    .correlationId("bench")
                    .principal(Principal.of("luigi", "chef"))
                    .build();
            scope = context.bind();
            if (RequestContext.current() != context) {
                throw new IllegalStateException("The context is not bound to the benchmark thread");
            }
        }

        /** Restores what was bound before. */
        @TearDown(Level.Iteration)
        public void unbind() {
            scope.close();
        }
    }
}
