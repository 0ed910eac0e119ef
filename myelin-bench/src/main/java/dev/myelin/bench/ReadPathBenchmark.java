package dev.myelin.bench;

import dev.myelin.behaviors.authorization.AuthorizationBehavior;
import dev.myelin.behaviors.caching.Cached;
import dev.myelin.behaviors.caching.CachingBehavior;
import dev.myelin.behaviors.idempotency.IdempotencyBehavior;
import dev.myelin.behaviors.logging.LoggingBehavior;
import dev.myelin.behaviors.metrics.ObservationBehavior;
import dev.myelin.behaviors.metrics.TimerBehavior;
import dev.myelin.behaviors.retry.RetryBehavior;
import dev.myelin.behaviors.timeout.TimeoutBehavior;
import dev.myelin.behaviors.transaction.TransactionBehavior;
import dev.myelin.behaviors.validation.ValidationBehavior;
import dev.myelin.core.Mediator;
import dev.myelin.core.MediatorBuilder;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Query;
import dev.myelin.core.QueryHandler;
import dev.myelin.core.RequestContext;
import dev.myelin.data.transaction.InMemoryTransactionRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
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
 * A cached query answered from the cache, sent through the chain Mario's Pizzeria gives
 * {@code GetOrderStatus}: every built-in behavior registered as the starter registers them, of which a
 * public {@code @Cached} query with a {@code @NotBlank} component has validation, logging (its line
 * off: queries log at DEBUG, the logger is at WARN), metrics and caching in its chain; sent with a
 * {@link RequestContext} bound as the HTTP filter binds one (a correlation id, no principal: the
 * status is public), so every send runs under a child context as in the app.
 *
 * <ul>
 *   <li>{@link #pizzeriaChainObservation}: metrics as an observation per send
 *       ({@link ObservationBehavior} with Micrometer's {@code DefaultMeterObservationHandler} over a
 *       {@link SimpleMeterRegistry}), the starter's default;
 *   <li>{@link #pizzeriaChainTimer}: metrics as a timer per type and outcome ({@link TimerBehavior},
 *       {@code myelin.behaviors.metrics.mode=timer}, what the pizzeria runs);
 *   <li>{@link #pizzeriaChainTimerNoValidation}: the same without the validation behavior, to show
 *       its share;
 *   <li>{@link #cachingOnly}: the caching behavior alone, the floor of a hit (context bound too).
 * </ul>
 *
 * <p>The handler is never called during the measurement (every send is a hit); {@code -prof gc}'s
 * B/op is the chain's.
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReadPathBenchmark {

    /**
     * The pizzeria's status query, as declared there.
     *
     * @param orderId the order
     */
    @Cached(ttl = "PT1M", tags = "order-status")
    public record CachedOrderStatus(@NotBlank String orderId) implements Query<OperationResult<OrderReceipt>> {
    }

    private final CachedOrderStatus query = new CachedOrderStatus("3f1c9a2e-5b7d-4c1e-9a2f-6d8e0b1c2a3f");

    private ValidatorFactory validatorFactory;
    private Mediator observation;
    private Mediator timer;
    private Mediator timerNoValidation;
    private Mediator caching;

    @Setup(Level.Trial)
    public void setUp() {
        validatorFactory = Validation.buildDefaultValidatorFactory();
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();

        observation = mediator(pizzeriaBehaviors(transactions, ObservationBehavior.of(observations), true));
        timer = mediator(pizzeriaBehaviors(transactions, TimerBehavior.of(meters), true));
        timerNoValidation = mediator(pizzeriaBehaviors(transactions, TimerBehavior.of(meters), false));
        caching = mediator(List.of(CachingBehavior.builder().transactions(transactions).build()));

        HttpContextBound context = new HttpContextBound();
        context.bind();
        try {
            for (Mediator mediator : new Mediator[] {observation, timer, timerNoValidation, caching}) {
                OperationResult<OrderReceipt> first = mediator.send(query);
                if (mediator.send(query) != first || first.data() != OrderReceipt.SHARED) {
                    throw new IllegalStateException("The second send was not the first one's cached result");
                }
            }
        } finally {
            context.unbind();
        }
    }

    private List<PipelineBehavior<?, ?>> pizzeriaBehaviors(InMemoryTransactionRunner transactions,
            PipelineBehavior<?, ?> metrics, boolean validation) {
        List<PipelineBehavior<?, ?>> behaviors = new ArrayList<>();
        behaviors.add(AuthorizationBehavior.ofDefaults());
        if (validation) {
            behaviors.add(new ValidationBehavior(validatorFactory.getValidator(), List.of()));
        }
        behaviors.add(LoggingBehavior.ofDefaults());
        behaviors.add(metrics);
        behaviors.add(IdempotencyBehavior.ofDefaults());
        behaviors.add(RetryBehavior.ofDefaults());
        behaviors.add(TimeoutBehavior.ofDefaults());
        behaviors.add(TransactionBehavior.of(transactions));
        behaviors.add(CachingBehavior.builder().transactions(transactions).build());
        return behaviors;
    }

    private static Mediator mediator(List<PipelineBehavior<?, ?>> behaviors) {
        // A command too, as in the app: the mediator refuses a behavior that applies to no registered type.
        MediatorBuilder builder = Mediator.builder()
                .handler(new PlaceOrderHandler())
                .handler(CachedOrderStatus.class, (QueryHandler<CachedOrderStatus, OperationResult<OrderReceipt>>)
                        query -> OperationResult.ok(OrderReceipt.SHARED));
        behaviors.forEach(builder::behavior);
        return builder.build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Mediator mediator : new Mediator[] {observation, timer, timerNoValidation, caching}) {
            mediator.close();
        }
        validatorFactory.close();
    }

    @Benchmark
    public OperationResult<OrderReceipt> pizzeriaChainObservation(HttpContextBound context) {
        return observation.send(query);
    }

    @Benchmark
    public OperationResult<OrderReceipt> pizzeriaChainTimer(HttpContextBound context) {
        return timer.send(query);
    }

    @Benchmark
    public OperationResult<OrderReceipt> pizzeriaChainTimerNoValidation(HttpContextBound context) {
        return timerNoValidation.send(query);
    }

    @Benchmark
    public OperationResult<OrderReceipt> cachingOnly(HttpContextBound context) {
        return caching.send(query);
    }

    /** A request context bound as the starter's HTTP filter binds one for an anonymous caller. */
    @State(Scope.Thread)
    public static class HttpContextBound {

        private RequestContext.Scope scope;

        @Setup(Level.Iteration)
        public void bind() {
            scope = RequestContext.builder().correlationId("5d0c1b0e-8f0a-4b7e-9a3c-2f1e0d9c8b7a").build().bind();
        }

        @TearDown(Level.Iteration)
        public void unbind() {
            scope.close();
        }
    }
}
