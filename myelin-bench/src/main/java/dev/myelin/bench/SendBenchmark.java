package dev.myelin.bench;

import dev.myelin.core.Command;
import dev.myelin.core.Mediator;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Query;
import dev.myelin.core.RequestContext;
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
 * The cost of {@link Mediator#send}: against a direct call of the handler (the floor), with no
 * behavior, with three behaviors that apply, with three that do not, with an
 * {@link OperationResult} result (the exception-mapping link) and with a {@link RequestContext}
 * bound.
 *
 * <p>Every benchmark sends the same preallocated {@link PlaceOrder} (or {@link ConfirmOrder}) and
 * the handlers return a shared result, so any allocation reported by {@code -prof gc} is the
 * mediator's. The three behaviors are distinct classes, as in an application (logging,
 * validation, transactions), so the call site that invokes them sees three receiver types.
 *
 * <p>Each benchmark runs in its own fork (the JMH default), so one benchmark's type profile does not
 * leak into another's.
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SendBenchmark {

    private final PlaceOrder command = new PlaceOrder(2);
    private final ConfirmOrder confirmation = new ConfirmOrder("order-1");
    private final PlaceOrderHandler handler = new PlaceOrderHandler();

    private Mediator withoutBehaviors;
    private Mediator withApplicableBehaviors;
    private Mediator withApplicableBehaviorsOfOneClass;
    private Mediator withNonApplicableBehaviors;

    /** Builds one mediator per configuration and checks that each returns the handler's result. */
    @Setup(Level.Trial)
    public void setUp() {
        withoutBehaviors = Mediator.builder()
                .handler(handler)
                .handler(new ConfirmOrder.Handler())
                .build();
        withApplicableBehaviors = Mediator.builder()
                .handler(handler)
                .behavior(new OuterCommandBehavior())
                .behavior(new MiddleCommandBehavior())
                .behavior(new InnerCommandBehavior())
                .build();
        withApplicableBehaviorsOfOneClass = Mediator.builder()
                .handler(handler)
                .behavior(new OuterCommandBehavior())
                .behavior(new OuterCommandBehavior())
                .behavior(new OuterCommandBehavior())
                .build();
        withNonApplicableBehaviors = Mediator.builder()
                .handler(handler)
                .handler(new GetOrderStatus.Handler())
                .behavior(new OuterQueryBehavior())
                .behavior(new MiddleQueryBehavior())
                .behavior(new InnerQueryBehavior())
                .build();
        for (Mediator mediator : new Mediator[] {withoutBehaviors, withApplicableBehaviors,
            withApplicableBehaviorsOfOneClass, withNonApplicableBehaviors}) {
            if (mediator.send(command) != OrderReceipt.SHARED) {
                throw new IllegalStateException("Mediator " + mediator + " did not return the handler's result");
            }
        }
        if (withoutBehaviors.send(confirmation).data() != OrderReceipt.SHARED) {
            throw new IllegalStateException("ConfirmOrder did not return the handler's result");
        }
    }

    /** Closes the mediators (and their idle executors). */
    @TearDown(Level.Trial)
    public void tearDown() {
        withoutBehaviors.close();
        withApplicableBehaviors.close();
        withApplicableBehaviorsOfOneClass.close();
        withNonApplicableBehaviors.close();
    }

    /**
     * The floor: the handler called directly through a field.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt directCall() {
        return handler.handle(command);
    }

    /**
     * {@code send} to a mediator with no behavior.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt sendNoBehavior() {
        return withoutBehaviors.send(command);
    }

    /**
     * {@code send} through three pass-through behaviors declared for {@code Command<?>}.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt sendThreeApplicableBehaviors() {
        return withApplicableBehaviors.send(command);
    }

    /**
     * Control for {@link #sendThreeApplicableBehaviors()}: the same chain length, but the three
     * behaviors are instances of one class, so the call site that invokes them sees one receiver
     * type and the JIT can inline through it. The difference between the two is the cost of a
     * megamorphic call per behavior.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt sendThreeApplicableBehaviorsOfOneClass() {
        return withApplicableBehaviorsOfOneClass.send(command);
    }

    /**
     * {@code send} of a command to a mediator whose three behaviors are declared for
     * {@code Query<?>}: they should not be in the command's chain, so this should cost what
     * {@link #sendNoBehavior()} costs.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt sendThreeNonApplicableBehaviors() {
        return withNonApplicableBehaviors.send(command);
    }

    /**
     * {@code send} of a command returning an {@link OperationResult}, whose chain the mediator
     * wraps in a try/catch that maps exceptions to problem results.
     *
     * @return the result
     */
    @Benchmark
    public OperationResult<OrderReceipt> sendOperationResult() {
        return withoutBehaviors.send(confirmation);
    }

    /**
     * {@code send} with a {@link RequestContext} bound to the thread. The mediator runs the request
     * under a child context (new message id, causation id = the bound message id), so this
     * allocates the child and its id on every send: that is the honest price of context
     * propagation, not an artefact of the benchmark.
     *
     * @param context the bound context
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt sendWithContextBound(BoundContext context) {
        return withoutBehaviors.send(command);
    }

    /**
     * A {@link RequestContext} bound to the benchmark thread. Binding is per thread, so this state
     * is per thread and binds in its per-iteration setup, which JMH runs on the thread that runs
     * the iteration.
     */
    @State(Scope.Thread)
    public static class BoundContext {

        private RequestContext.Scope scope;

        /** Binds a context with a correlation id and a tenant, as an HTTP filter would. */
        @Setup(Level.Iteration)
        public void bind() {
            RequestContext context = RequestContext.builder().correlationId("bench").tenant("pizzeria").build();
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

    /** Passes every command through: the first of three distinct behavior classes. */
    static final class OuterCommandBehavior implements PipelineBehavior<Command<?>, Object> {
        @Override
        public Object handle(Command<?> request, Next<Command<?>, Object> next) {
            return next.invoke(request);
        }
    }

    /** Passes every command through: the second of three distinct behavior classes. */
    static final class MiddleCommandBehavior implements PipelineBehavior<Command<?>, Object> {
        @Override
        public Object handle(Command<?> request, Next<Command<?>, Object> next) {
            return next.invoke(request);
        }
    }

    /** Passes every command through: the third of three distinct behavior classes. */
    static final class InnerCommandBehavior implements PipelineBehavior<Command<?>, Object> {
        @Override
        public Object handle(Command<?> request, Next<Command<?>, Object> next) {
            return next.invoke(request);
        }
    }

    /** Passes every query through; never in a command's chain. */
    static final class OuterQueryBehavior implements PipelineBehavior<Query<?>, Object> {
        @Override
        public Object handle(Query<?> request, Next<Query<?>, Object> next) {
            return next.invoke(request);
        }
    }

    /** Passes every query through; never in a command's chain. */
    static final class MiddleQueryBehavior implements PipelineBehavior<Query<?>, Object> {
        @Override
        public Object handle(Query<?> request, Next<Query<?>, Object> next) {
            return next.invoke(request);
        }
    }

    /** Passes every query through; never in a command's chain. */
    static final class InnerQueryBehavior implements PipelineBehavior<Query<?>, Object> {
        @Override
        public Object handle(Query<?> request, Next<Query<?>, Object> next) {
            return next.invoke(request);
        }
    }
}
