package dev.myelin.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.DomainEvent;
import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import dev.myelin.core.Mediator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublishStrategyTest {

    interface OrderEvent extends DomainEvent {
        String orderId();
    }

    record OrderPlaced(String orderId) implements OrderEvent {
    }

    record OrderCancelled(String orderId) implements OrderEvent {
    }

    record MenuChanged(String pizza) implements Event {
    }

    private final List<String> seen = new CopyOnWriteArrayList<>();

    final class OnOrderPlaced implements EventHandler<OrderPlaced> {
        @Override
        public void handle(OrderPlaced event) {
            seen.add("placed:" + event.orderId());
        }
    }

    final class OnAnyOrderEvent implements EventHandler<OrderEvent> {
        @Override
        public void handle(OrderEvent event) {
            seen.add("order-event:" + event.orderId());
        }
    }

    final class OnEveryEvent implements EventHandler<Event> {
        @Override
        public void handle(Event event) {
            seen.add("any:" + event.getClass().getSimpleName());
        }
    }

    final class Failing implements EventHandler<OrderPlaced> {
        private final String name;

        Failing(String name) {
            this.name = name;
        }

        @Override
        public void handle(OrderPlaced event) {
            seen.add("fail:" + name);
            throw new IllegalStateException(name);
        }
    }

    @Test
    void handlersOfTheTypeItsInterfacesAndSupertypesAllReceiveTheEvent() {
        try (Mediator mediator = Mediator.builder().eventHandler(new OnOrderPlaced()).eventHandler(new OnAnyOrderEvent())
                .eventHandler(new OnEveryEvent()).build()) {
            mediator.publish(new OrderPlaced("1"));
            assertThat(seen).containsExactly("placed:1", "order-event:1", "any:OrderPlaced");

            seen.clear();
            mediator.publish(new OrderCancelled("2"));
            assertThat(seen).containsExactly("order-event:2", "any:OrderCancelled");

            seen.clear();
            mediator.publish(new MenuChanged("hawaii"));
            assertThat(seen).containsExactly("any:MenuChanged");
        }
    }

    @Test
    void stopOnFirstErrorRethrowsTheFirstFailureAndSkipsTheRest() {
        try (Mediator mediator = Mediator.builder().publishStrategy(PublishStrategy.stopOnFirstError())
                .eventHandler(new OnOrderPlaced()).eventHandler(new Failing("a")).eventHandler(new Failing("b"))
                .eventHandler(new OnAnyOrderEvent()).build()) {
            assertThatThrownBy(() -> mediator.publish(new OrderPlaced("1")))
                    .isExactlyInstanceOf(IllegalStateException.class).hasMessage("a");
            assertThat(seen).containsExactly("placed:1", "fail:a");
        }
    }

    @Test
    void collectAllErrorsRunsEveryHandlerThenReportsEveryFailure() {
        try (Mediator mediator = Mediator.builder().publishStrategy(PublishStrategy.collectAllErrors())
                .eventHandler(new Failing("a")).eventHandler(new OnOrderPlaced()).eventHandler(new Failing("b"))
                .build()) {
            assertThatThrownBy(() -> mediator.publish(new OrderPlaced("1")))
                    .isInstanceOfSatisfying(PublishException.class, failure -> {
                        assertThat(failure.failures()).extracting(Throwable::getMessage).containsExactly("a", "b");
                        assertThat(failure.getSuppressed()).hasSize(2);
                        assertThat(failure.event()).isEqualTo(new OrderPlaced("1"));
                    });
            assertThat(seen).containsExactly("fail:a", "placed:1", "fail:b");
        }
    }

    @Test
    void parallelRunsHandlersConcurrentlyAndReportsEveryFailure() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        EventHandler<OrderPlaced> waitForOther = event -> {
            threads.add(Thread.currentThread().toString() + System.identityHashCode(Thread.currentThread()));
            bothRunning.countDown();
            try {
                // Each handler waits for the other: only a concurrent fan-out gets past this.
                if (!bothRunning.await(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("handlers did not run concurrently");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        };
        try (Mediator mediator = Mediator.builder().publishStrategy(PublishStrategy.parallel())
                .eventHandler(OrderPlaced.class, waitForOther).eventHandler(OrderPlaced.class, waitForOther)
                .eventHandler(new Failing("x")).eventHandler(new Failing("y")).build()) {
            assertThatThrownBy(() -> mediator.publish(new OrderPlaced("1")))
                    .isInstanceOfSatisfying(PublishException.class, failure -> assertThat(failure.failures())
                            .extracting(Throwable::getMessage).containsExactlyInAnyOrder("x", "y"));
            assertThat(bothRunning.getCount()).isZero();
            assertThat(threads).hasSize(2);
        }
    }

    @Test
    void publishAsyncCompletesExceptionallyWithWhatPublishWouldThrow() {
        try (Mediator mediator = Mediator.builder().publishStrategy(PublishStrategy.collectAllErrors())
                .eventHandler(new Failing("a")).build()) {
            assertThat(mediator.publishAsync(new OrderPlaced("1"))).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(PublishException.class);
        }
    }
}
