package dev.myelin.behaviors.metrics;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Query;
import dev.myelin.core.Request;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * Observes every request with Micrometer's Observation API: one observation named
 * {@value #OBSERVATION_NAME} per request, so one registry gives both metrics and traces.
 *
 * <p><b>Key values</b> (all low cardinality, so they become meter tags and span attributes):
 * <ul>
 *   <li>{@value #REQUEST_TYPE}: the request's simple class name, such as {@code PlaceOrder};
 *   <li>{@value #REQUEST_KIND}: {@code command}, {@code query} or {@code request};
 *   <li>{@value #OUTCOME}: for an {@link OperationResult}, the status class ({@code 2xx},
 *       {@code 4xx}, {@code 5xx}...); for any other result {@code success}; when the rest of the
 *       chain throws, {@code error}, and the exception is recorded on the observation.
 * </ul>
 * The contextual name (the span name of a tracing handler) is the request's simple class name.
 *
 * <p><b>Meters and traces.</b> With Micrometer's {@code DefaultMeterObservationHandler} on the
 * registry, each request records a timer {@code myelin.request} (and a long task timer
 * {@code myelin.request.active}) tagged with these key values plus {@code error}. With the
 * OpenTelemetry or Brave tracing bridge, each request is a span; the observation is in scope
 * while the rest of the chain runs, so spans opened by the handler (JDBC, HTTP) are its children.
 *
 * <p><b>No cost when off.</b> When the registry {@linkplain ObservationRegistry#isNoop() is a
 * no-op} at the time the mediator is built ({@link ObservationRegistry#NOOP}, or a registry with
 * no handler yet), {@link #appliesTo} returns {@code false} and the behavior is not in any chain.
 * Register the registry's handlers before building the mediator (Spring Boot does).
 *
 * <p><b>Order.</b> {@link BehaviorOrder#METRICS}: inside authorization, validation and logging,
 * so requests those reject are not observed; around idempotency, timeout, retry and the
 * transaction, so a request's time includes all of its attempts and its commit.
 *
 * <p>Thread-safe; wraps every request type, commands and queries alike.
 *
 * <pre>{@code
 * Mediator mediator = Mediator.builder()
 *         .behavior(ObservationBehavior.of(observationRegistry))
 *         .handler(new PlaceOrderHandler())
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class ObservationBehavior implements PipelineBehavior<Request<?>, Object> {

    /** Name of the observation, hence of the timer and of the span. */
    public static final String OBSERVATION_NAME = "myelin.request";

    /** Key of the request's simple class name. */
    public static final String REQUEST_TYPE = "request.type";

    /** Key of the request's kind: {@code command}, {@code query} or {@code request}. */
    public static final String REQUEST_KIND = "request.kind";

    /** Key of the outcome: a status class such as {@code 2xx}, or {@code success} or {@code error}. */
    public static final String OUTCOME = "outcome";

    private static final KeyValue SUCCESS = KeyValue.of(OUTCOME, "success");
    private static final KeyValue ERROR = KeyValue.of(OUTCOME, "error");
    private static final KeyValue[] STATUS_CLASSES = {
        KeyValue.of(OUTCOME, "1xx"), KeyValue.of(OUTCOME, "2xx"), KeyValue.of(OUTCOME, "3xx"),
        KeyValue.of(OUTCOME, "4xx"), KeyValue.of(OUTCOME, "5xx"),
    };

    /** The key values of each request type, computed once. */
    private static final ClassValue<KeyValues> TYPE_KEY_VALUES = new ClassValue<>() {
        @Override
        protected KeyValues computeValue(Class<?> requestType) {
            String kind = Command.class.isAssignableFrom(requestType) ? "command"
                    : Query.class.isAssignableFrom(requestType) ? "query" : "request";
            return KeyValues.of(KeyValue.of(REQUEST_TYPE, requestType.getSimpleName()), KeyValue.of(REQUEST_KIND, kind));
        }
    };

    private final ObservationRegistry registry;

    private ObservationBehavior(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Creates the behavior.
     *
     * @param registry the registry to report to; {@link ObservationRegistry#NOOP} turns the
     *     behavior off
     * @return the behavior
     */
    public static ObservationBehavior of(ObservationRegistry registry) {
        return new ObservationBehavior(registry);
    }

    @Override
    public Object handle(Request<?> request, Next<Request<?>, Object> next) {
        Class<?> requestType = request.getClass();
        Observation observation = Observation.createNotStarted(OBSERVATION_NAME, registry)
                .contextualName(requestType.getSimpleName())
                .lowCardinalityKeyValues(TYPE_KEY_VALUES.get(requestType))
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            Object result = next.invoke(request);
            observation.lowCardinalityKeyValue(outcomeOf(result));
            return result;
        } catch (Throwable failure) {
            observation.lowCardinalityKeyValue(ERROR);
            observation.error(failure);
            throw failure;
        } finally {
            observation.stop();
        }
    }

    /** Returns {@code false} when the registry is a no-op, so the behavior costs nothing. */
    @Override
    public boolean appliesTo(Class<?> requestType) {
        return !registry.isNoop();
    }

    @Override
    public int order() {
        return BehaviorOrder.METRICS;
    }

    private static KeyValue outcomeOf(Object result) {
        if (result instanceof OperationResult<?> operationResult) {
            return STATUS_CLASSES[operationResult.status() / 100 - 1];
        }
        return SUCCESS;
    }
}
