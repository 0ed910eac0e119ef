package dev.myelin.bench;

import dev.myelin.core.EventHandler;
import dev.myelin.core.Mediator;
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
 * The cost of {@link Mediator#publish} with the default sequential strategy, to one event handler
 * and to three, against a direct call of one handler (the floor).
 *
 * <p>Every benchmark publishes the same preallocated {@link OrderPlaced}. Each handler counts what
 * it receives, and the benchmarks return the counts so that nothing can be optimised away. The
 * three handlers are distinct classes, as in an application.
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PublishBenchmark {

    private final OrderPlaced event = new OrderPlaced("order-1");
    private final WhenOrderPlacedThenCount counter = new WhenOrderPlacedThenCount();
    private final WhenOrderPlacedThenNotifyKitchen kitchen = new WhenOrderPlacedThenNotifyKitchen();
    private final WhenOrderPlacedThenNotifyCustomer customer = new WhenOrderPlacedThenNotifyCustomer();

    private Mediator toOneHandler;
    private Mediator toThreeHandlers;
    private Mediator toThreeHandlersOfOneClass;
    private final WhenOrderPlacedThenCount[] counters = {
        new WhenOrderPlacedThenCount(), new WhenOrderPlacedThenCount(), new WhenOrderPlacedThenCount()};

    /** Builds the two mediators and checks that each delivers to all its handlers. */
    @Setup(Level.Trial)
    public void setUp() {
        toOneHandler = Mediator.builder().eventHandler(counter).build();
        toThreeHandlers = Mediator.builder().eventHandler(counter).eventHandler(kitchen).eventHandler(customer).build();
        toThreeHandlersOfOneClass = Mediator.builder()
                .eventHandler(counters[0]).eventHandler(counters[1]).eventHandler(counters[2]).build();
        toThreeHandlersOfOneClass.publish(event);
        if (counters[0].received + counters[1].received + counters[2].received != 3) {
            throw new IllegalStateException("An event was not delivered to every handler");
        }
        long before = counter.received + kitchen.received + customer.received;
        toOneHandler.publish(event);
        toThreeHandlers.publish(event);
        if (counter.received + kitchen.received + customer.received != before + 4) {
            throw new IllegalStateException("An event was not delivered to every handler");
        }
    }

    /** Closes the mediators (and their idle executors). */
    @TearDown(Level.Trial)
    public void tearDown() {
        toOneHandler.close();
        toThreeHandlers.close();
        toThreeHandlersOfOneClass.close();
    }

    /**
     * The floor: one handler called directly through a field.
     *
     * @return the handler's count
     */
    @Benchmark
    public long directCall() {
        counter.handle(event);
        return counter.received;
    }

    /**
     * {@code publish} to one handler.
     *
     * @return the handler's count
     */
    @Benchmark
    public long publishToOneHandler() {
        toOneHandler.publish(event);
        return counter.received;
    }

    /**
     * {@code publish} to three handlers, one after the other.
     *
     * @return the handlers' counts added up
     */
    @Benchmark
    public long publishToThreeHandlers() {
        toThreeHandlers.publish(event);
        return counter.received + kitchen.received + customer.received;
    }

    /**
     * Control for {@link #publishToThreeHandlers()}: three handlers that are instances of one
     * class, so the call site that invokes them sees one receiver type. The difference between the
     * two is the cost of a megamorphic call per handler.
     *
     * @return the handlers' counts added up
     */
    @Benchmark
    public long publishToThreeHandlersOfOneClass() {
        toThreeHandlersOfOneClass.publish(event);
        return counters[0].received + counters[1].received + counters[2].received;
    }

    /** Counts the orders placed. */
    static final class WhenOrderPlacedThenCount implements EventHandler<OrderPlaced> {
        long received;

        @Override
        public void handle(OrderPlaced event) {
            received++;
        }
    }

    /** Stands for a handler telling the kitchen; only counts. */
    static final class WhenOrderPlacedThenNotifyKitchen implements EventHandler<OrderPlaced> {
        long received;

        @Override
        public void handle(OrderPlaced event) {
            received++;
        }
    }

    /** Stands for a handler texting the customer; only counts. */
    static final class WhenOrderPlacedThenNotifyCustomer implements EventHandler<OrderPlaced> {
        long received;

        @Override
        public void handle(OrderPlaced event) {
            received++;
        }
    }
}
