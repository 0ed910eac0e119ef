package dev.myelin.behaviors.metrics;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Query;
import dev.myelin.core.Request;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Times every request with a Micrometer {@link Timer}: the same timer, with the same tags, that
 * {@link ObservationBehavior} records through Micrometer's {@code DefaultMeterObservationHandler},
 * without an observation per request.
 *
 * <p><b>The timer</b> is {@value ObservationBehavior#OBSERVATION_NAME}, tagged
 * {@value ObservationBehavior#REQUEST_TYPE} (the request's simple class name),
 * {@value ObservationBehavior#REQUEST_KIND} ({@code command}, {@code query} or {@code request}),
 * {@value ObservationBehavior#OUTCOME} (for an {@link OperationResult} its status class such as
 * {@code 2xx}, for any other result {@code success}, {@code error} when the rest of the chain throws)
 * and {@code error} ({@code none}, or the simple class name of what was thrown). The registry's
 * common tags and meter filters apply as for any meter.
 *
 * <p><b>What it leaves out</b>, compared with {@link ObservationBehavior}: no span (so no tracing),
 * no {@code myelin.request.active} long task timer, and no observation handler, filter or convention
 * runs. In exchange a send costs two reads of the registry's clock and one timer update: each timer is
 * looked up in the registry once per request type and outcome, then kept, so a send allocates nothing
 * (but what the registry's timer itself does). Choose it when metrics are all the observations of
 * requests are used for.
 *
 * <p><b>Order.</b> {@link BehaviorOrder#METRICS}, as {@link ObservationBehavior}: requests rejected by
 * authorization or validation are not timed; the time includes idempotency, retries and the commit.
 *
 * <p>Thread-safe; wraps every request type, commands and queries alike.
 *
 * <pre>{@code
 * Mediator mediator = Mediator.builder()
 *         .behavior(TimerBehavior.of(meterRegistry))
 *         .handler(new GetMenuHandler(menu))
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class TimerBehavior implements PipelineBehavior<Request<?>, Object> {

    /** Value of the {@code error} tag when nothing was thrown, as Micrometer's meter handler writes it. */
    static final String NO_ERROR = "none";

    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final int SUCCESS = STATUS_CLASSES.length;

    private final MeterRegistry registry;
    private final Clock clock;
    private final ClassValue<Timers> timers = new ClassValue<>() {
        @Override
        protected Timers computeValue(Class<?> requestType) {
            return new Timers(requestType);
        }
    };

    private TimerBehavior(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = registry.config().clock();
    }

    /**
     * Creates the behavior.
     *
     * @param registry the registry of the timers
     * @return the behavior
     */
    public static TimerBehavior of(MeterRegistry registry) {
        return new TimerBehavior(registry);
    }

    @Override
    public Object handle(Request<?> request, Next<Request<?>, Object> next) {
        Timers typeTimers = timers.get(request.getClass());
        long start = clock.monotonicTime();
        Object result;
        try {
            result = next.invoke(request);
        } catch (Throwable failure) {
            typeTimers.failure(failure.getClass()).record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
            throw failure;
        }
        typeTimers.outcome(result).record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    @Override
    public int order() {
        return BehaviorOrder.METRICS;
    }

    @Override
    public String toString() {
        return "TimerBehavior[" + registry.getClass().getSimpleName() + "]";
    }

    /** One request type's timers, each registered on first use: an outcome never seen publishes no meter. */
    private final class Timers {
        private final String type;
        private final String kind;
        /** The status classes 1xx to 5xx, then success. */
        private final AtomicReferenceArray<Timer> outcomes = new AtomicReferenceArray<>(SUCCESS + 1);
        private final ConcurrentMap<Class<?>, Timer> failures = new ConcurrentHashMap<>();

        Timers(Class<?> requestType) {
            this.type = requestType.getSimpleName();
            this.kind = Command.class.isAssignableFrom(requestType) ? "command"
                    : Query.class.isAssignableFrom(requestType) ? "query" : "request";
        }

        Timer outcome(Object result) {
            int slot = SUCCESS;
            if (result instanceof OperationResult<?> operation) {
                slot = Math.min(Math.max(operation.status() / 100 - 1, 0), SUCCESS - 1);
            }
            Timer timer = outcomes.get(slot);
            if (timer == null) {
                // A race registers the same meter twice: the registry returns the one it has.
                timer = timer(slot == SUCCESS ? "success" : STATUS_CLASSES[slot], NO_ERROR);
                outcomes.set(slot, timer);
            }
            return timer;
        }

        Timer failure(Class<?> thrown) {
            return failures.computeIfAbsent(thrown, type -> timer("error", type.getSimpleName()));
        }

        private Timer timer(String outcome, String error) {
            return Timer.builder(ObservationBehavior.OBSERVATION_NAME)
                    .tag(ObservationBehavior.REQUEST_TYPE, type)
                    .tag(ObservationBehavior.REQUEST_KIND, kind)
                    .tag(ObservationBehavior.OUTCOME, outcome)
                    .tag("error", error)
                    .register(registry);
        }
    }
}
