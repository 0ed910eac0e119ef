package dev.myelin.behaviors.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.core.QueryHandler;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ObservationBehaviorTest {

    record PlaceOrder(String customer) implements Command<OperationResult<String>> {
    }

    record GetMenu(boolean fail) implements Query<String> {
    }

    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicReference<Observation> observedInHandler = new AtomicReference<>();

    private Mediator mediator(ObservationRegistry registry) {
        return Mediator.builder()
                .behavior(ObservationBehavior.of(registry))
                .handler(PlaceOrder.class, (CommandHandler<PlaceOrder, OperationResult<String>>) command -> {
                    handled.incrementAndGet();
                    observedInHandler.set(registry.getCurrentObservation());
                    return command.customer().isEmpty()
                            ? OperationResult.notFound("Customer", "")
                            : OperationResult.created("order-1");
                })
                .handler(GetMenu.class, (QueryHandler<GetMenu, String>) query -> {
                    handled.incrementAndGet();
                    if (query.fail()) {
                        throw new IllegalStateException("menu unavailable");
                    }
                    return "margherita";
                })
                .build();
    }

    @Test
    void successfulCommandIsObservedWithTypeKindAndStatusClass() {
        TestObservationRegistry registry = TestObservationRegistry.create();

        OperationResult<String> result = mediator(registry).send(new PlaceOrder("Ada"));

        assertThat(result.status()).isEqualTo(201);
        TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy(contexts -> {
            assertThat(contexts).hasSize(1);
            Observation.Context context = contexts.get(0);
            assertThat(context.getName()).isEqualTo("myelin.request");
            assertThat(context.getContextualName()).isEqualTo("PlaceOrder");
            assertThat(context.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
                    KeyValue.of("request.type", "PlaceOrder"), KeyValue.of("request.kind", "command"),
                    KeyValue.of("outcome", "2xx"));
            assertThat(context.getError()).isNull();
        });
    }

    @Test
    void failureResultIsObservedWithItsStatusClass() {
        TestObservationRegistry registry = TestObservationRegistry.create();

        OperationResult<String> result = mediator(registry).send(new PlaceOrder(""));

        assertThat(result.status()).isEqualTo(404);
        TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy(contexts -> {
            assertThat(contexts).hasSize(1);
            assertThat(contexts.get(0).getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
                    KeyValue.of("request.type", "PlaceOrder"), KeyValue.of("request.kind", "command"),
                    KeyValue.of("outcome", "4xx"));
            assertThat(contexts.get(0).getError()).isNull();
        });
    }

    @Test
    void plainResultIsObservedAsSuccess() {
        TestObservationRegistry registry = TestObservationRegistry.create();

        assertThat(mediator(registry).send(new GetMenu(false))).isEqualTo("margherita");

        TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy(contexts -> {
            assertThat(contexts).hasSize(1);
            assertThat(contexts.get(0).getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
                    KeyValue.of("request.type", "GetMenu"), KeyValue.of("request.kind", "query"),
                    KeyValue.of("outcome", "success"));
        });
    }

    @Test
    void exceptionIsRecordedWithErrorOutcomeAndPropagates() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        Mediator mediator = mediator(registry);

        assertThatThrownBy(() -> mediator.send(new GetMenu(true)))
                .isInstanceOf(IllegalStateException.class).hasMessage("menu unavailable");

        TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy(contexts -> {
            assertThat(contexts).hasSize(1);
            Observation.Context context = contexts.get(0);
            assertThat(context.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
                    KeyValue.of("request.type", "GetMenu"), KeyValue.of("request.kind", "query"),
                    KeyValue.of("outcome", "error"));
            assertThat(context.getError()).isInstanceOf(IllegalStateException.class).hasMessage("menu unavailable");
        });
        TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat().hasBeenStopped();
    }

    @Test
    void observationIsInScopeWhileTheHandlerRuns() {
        TestObservationRegistry registry = TestObservationRegistry.create();

        mediator(registry).send(new PlaceOrder("Ada"));

        assertThat(observedInHandler.get()).isNotNull();
        assertThat(observedInHandler.get().getContext().getName()).isEqualTo("myelin.request");
        assertThat(registry.getCurrentObservation()).isNull();
    }

    @Test
    void meterRegistryGetsOneTimerPerRequestTaggedByTypeAndOutcome() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        Mediator mediator = mediator(registry);

        mediator.send(new PlaceOrder("Ada"));
        mediator.send(new PlaceOrder(""));
        mediator.send(new PlaceOrder(""));

        Timer created = meters.find("myelin.request")
                .tags("request.type", "PlaceOrder", "request.kind", "command", "outcome", "2xx", "error", "none")
                .timer();
        Timer notFound = meters.find("myelin.request").tags("request.type", "PlaceOrder", "outcome", "4xx").timer();
        assertThat(created).isNotNull();
        assertThat(created.count()).isEqualTo(1);
        assertThat(notFound).isNotNull();
        assertThat(notFound.count()).isEqualTo(2);
        assertThat(meters.find("myelin.request").timers()).hasSize(2);
    }

    @Test
    void noopRegistryLeavesTheBehaviorOutOfTheChain() {
        ObservationBehavior behavior = ObservationBehavior.of(ObservationRegistry.NOOP);

        assertThat(behavior.appliesTo(PlaceOrder.class)).isFalse();
        assertThat(ObservationBehavior.of(ObservationRegistry.create()).appliesTo(PlaceOrder.class))
                .as("a registry without handlers is a no-op too").isFalse();
        OperationResult<String> result = mediator(ObservationRegistry.NOOP).send(new PlaceOrder("Ada"));

        assertThat(result.status()).isEqualTo(201);
        assertThat(handled).hasValue(1);
        assertThat(observedInHandler.get()).isNull();
    }

    @Test
    void registryWithHandlersAppliesToEveryRequestType() {
        ObservationBehavior behavior = ObservationBehavior.of(TestObservationRegistry.create());

        assertThat(List.of(PlaceOrder.class, GetMenu.class)).allSatisfy(type -> assertThat(behavior.appliesTo(type)).isTrue());
    }
}
