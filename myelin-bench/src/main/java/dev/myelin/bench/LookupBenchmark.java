package dev.myelin.bench;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two lookups that {@code Mediator.send} and {@code publish} make before calling a chain, each
 * on its own, to attribute the gap between {@link SendBenchmark#directCall()} and
 * {@link SendBenchmark#sendNoBehavior()}: the chain of the request's class (a {@link ClassValue})
 * and the context bound to the thread (a {@link ThreadLocal}, unset here as in an unbound send).
 * They imitate the core's internals rather than call them, since those are not public.
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LookupBenchmark {

    private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();

    private final PlaceOrder command = new PlaceOrder(2);
    private final ClassValue<Object> chains = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            return new Object();
        }
    };

    /** Computes the value of the command's class once, as the mediator does when it is built. */
    @Setup(Level.Trial)
    public void setUp() {
        chains.get(PlaceOrder.class);
    }

    /**
     * {@link ClassValue#get} of the request's class.
     *
     * @return the value
     */
    @Benchmark
    public Object classValueGet() {
        return chains.get(command.getClass());
    }

    /**
     * {@link ThreadLocal#get} of a thread-local that is not set.
     *
     * @return {@code null}
     */
    @Benchmark
    public Object threadLocalGet() {
        return CURRENT.get();
    }
}
