package dev.myelin.behaviors.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Query;
import dev.myelin.core.QueryHandler;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TimerBehaviorTest {

    record PlaceOrder(String customer) implements Command<OperationResult<String>> {
    }

    record GetMenu(boolean fail) implements Query<String> {
    }

    private static Mediator mediator(PipelineBehavior<?, ?> metrics) {
        return Mediator.builder()
                .behavior(metrics)
                .handler(PlaceOrder.class, (CommandHandler<PlaceOrder, OperationResult<String>>) command ->
                        command.customer().isEmpty() ? OperationResult.notFound("Customer", "") : OperationResult.created("o-1"))
                .handler(GetMenu.class, (QueryHandler<GetMenu, String>) query -> {
                    if (query.fail()) {
                        throw new IllegalStateException("menu unavailable");
                    }
                    return "margherita";
                })
                .build();
    }

    private static void sendTheSameMix(Mediator mediator) {
        mediator.send(new PlaceOrder("Ada"));
        mediator.send(new PlaceOrder(""));
        mediator.send(new PlaceOrder(""));
        mediator.send(new GetMenu(false));
        assertThatThrownBy(() -> mediator.send(new GetMenu(true))).isInstanceOf(IllegalStateException.class);
    }

    private static Set<String> timersOf(MeterRegistry meters) {
        return meters.find(ObservationBehavior.OBSERVATION_NAME).timers().stream()
                .map(timer -> timer.getId().getName() + timer.getId().getTags() + " count=" + timer.count())
                .collect(Collectors.toSet());
    }

    @Test
    void recordsTheTimersTheObservationBehaviorRecordsThroughTheMeterHandler() {
        SimpleMeterRegistry observed = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(observed));
        sendTheSameMix(mediator(ObservationBehavior.of(observations)));
        SimpleMeterRegistry timed = new SimpleMeterRegistry();

        sendTheSameMix(mediator(TimerBehavior.of(timed)));

        assertThat(timersOf(timed)).hasSize(4).isEqualTo(timersOf(observed));
        assertThat(timed.find(ObservationBehavior.OBSERVATION_NAME)
                .tags("request.type", "GetMenu", "request.kind", "query", "outcome", "error", "error", "IllegalStateException")
                .timer()).isNotNull();
        assertThat(timed.getMeters()).as("no long task timer, only the request timers")
                .allMatch(meter -> meter.getId().getType() == Meter.Type.TIMER);
    }

    @Test
    void eachOutcomeRegistersItsTimerOnceAndOnlyWhenSeen() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Mediator mediator = mediator(TimerBehavior.of(meters));

        for (int i = 0; i < 5; i++) {
            mediator.send(new PlaceOrder("Ada"));
        }

        Timer created = meters.find(ObservationBehavior.OBSERVATION_NAME).tags("outcome", "2xx", "error", "none").timer();
        assertThat(created).isNotNull();
        assertThat(created.count()).isEqualTo(5);
        assertThat(meters.getMeters()).hasSize(1);
    }

    @Test
    void timesTheRestOfTheChainWithTheRegistrysClock() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        Mediator mediator = Mediator.builder()
                .behavior(TimerBehavior.of(meters))
                .handler(GetMenu.class, (QueryHandler<GetMenu, String>) query -> {
                    clock.add(Duration.ofMillis(7));
                    return "margherita";
                })
                .build();

        assertThat(mediator.send(new GetMenu(false))).isEqualTo("margherita");

        Timer timer = meters.find(ObservationBehavior.OBSERVATION_NAME).tags("outcome", "success").timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7.0);
    }
}
