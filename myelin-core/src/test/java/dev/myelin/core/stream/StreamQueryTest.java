package dev.myelin.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Mediator;
import dev.myelin.core.Next;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StreamQueryTest {

    record ListOrders(int count) implements StreamQuery<Integer> {
    }

    static final class ListOrdersHandler implements StreamQueryHandler<ListOrders, Integer> {
        final AtomicInteger produced = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public Stream<Integer> handle(ListOrders query) {
            return Stream.iterate(1, i -> i <= query.count(), i -> i + 1).peek(i -> produced.incrementAndGet())
                    .onClose(() -> closed.set(true));
        }
    }

    static final class EvenOnly implements StreamBehavior<ListOrders, Integer> {
        @Override
        public Stream<Integer> handle(ListOrders query, Next<ListOrders, Stream<Integer>> next) {
            return next.invoke(query).filter(i -> i % 2 == 0);
        }
    }

    static final class TimesTen implements StreamBehavior<StreamQuery<?>, Integer> {
        @Override
        public Stream<Integer> handle(StreamQuery<?> query, Next<StreamQuery<?>, Stream<Integer>> next) {
            return next.invoke(query).map(i -> i * 10);
        }

        @Override
        public int order() {
            return 1;
        }
    }

    @Test
    void streamBehaviorsDecorateTheHandlersStreamInOrder() {
        try (Mediator mediator = Mediator.builder().streamHandler(new ListOrdersHandler()).streamBehavior(new EvenOnly())
                .streamBehavior(new TimesTen()).build();
                Stream<Integer> orders = mediator.stream(new ListOrders(6))) {
            // TimesTen (order 1) is outermost: it maps what EvenOnly let through.
            assertThat(orders).containsExactly(20, 40, 60);
        }
    }

    @Test
    void publisherHonoursDemandAndCancellation() throws Exception {
        ListOrdersHandler handler = new ListOrdersHandler();
        List<Integer> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        try (Mediator mediator = Mediator.builder().streamHandler(handler).build()) {
            mediator.streamPublisher(new ListOrders(1_000_000)).subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(3);
                }

                @Override
                public void onNext(Integer item) {
                    received.add(item);
                    if (received.size() == 3) {
                        subscription.cancel();
                        cancelled.complete(null);
                    }
                }

                @Override
                public void onError(Throwable throwable) {
                    cancelled.completeExceptionally(throwable);
                }

                @Override
                public void onComplete() {
                    cancelled.completeExceptionally(new AssertionError("completed although cancelled"));
                }
            });
            cancelled.get(5, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).untilTrue(handler.closed);
        }
        assertThat(received).containsExactly(1, 2, 3);
        // The producer stops soon after the cancel: far fewer than a million elements were made.
        assertThat(handler.produced.get()).isLessThan(10_000);
    }

    @Test
    void publisherDeliversEveryElementThenCompletes() throws Exception {
        CompletableFuture<List<Integer>> all = new CompletableFuture<>();
        try (Mediator mediator = Mediator.builder().streamHandler(new ListOrdersHandler()).build()) {
            List<Integer> received = new CopyOnWriteArrayList<>();
            mediator.streamPublisher(new ListOrders(1000)).subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(Integer item) {
                    received.add(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    all.completeExceptionally(throwable);
                }

                @Override
                public void onComplete() {
                    all.complete(received);
                }
            });
            assertThat(all.get(5, TimeUnit.SECONDS)).hasSize(1000).startsWith(1, 2, 3).endsWith(1000);
        }
    }
}
