package dev.myelin.postgres.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.contract.TestEvents;
import dev.myelin.data.contract.TestEvents.OrderEvent;
import dev.myelin.data.contract.TestEvents.Placed;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.outbox.OutboxDelivery;
import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.outbox.OutboxEntry;
import dev.myelin.postgres.EventTypeRegistry;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.PostgresEventStore;
import dev.myelin.postgres.SharedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Claims of the PostgreSQL outbox across dispatchers: each delivery once at a time, per-handler order. */
class PostgresOutboxStoreTest {

    private static final Set<String> KITCHEN = Set.of("kitchen");
    private static final Set<String> PICKY_AND_HEALTHY = Set.of("picky", "healthy");

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
    private final JacksonEventSerializer serializer = JacksonEventSerializer.of(EventTypeRegistry.builder()
            .register(TestEvents.Placed.class)
            .register(TestEvents.Added.class)
            .register(TestEvents.Poisoned.class)
            .build());
    private final PostgresEventStore events = PostgresEventStore.builder(dataSource, transactions, transactions, serializer).build();

    private PostgresOutboxStore store(String owner) {
        return PostgresOutboxStore.builder(dataSource, transactions, serializer).owner(owner).build();
    }

    private List<StoredEvent> append(int count) {
        List<StoredEvent> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String stream = "Order-" + i;
            events.append(stream, ExpectedVersion.noStream(), List.of(new Placed(String.valueOf(i))), EventMetadata.empty());
            stored.addAll(events.readStream(stream, 1, 1));
        }
        return stored;
    }

    @Test
    void twoDispatchersOnOneDatabaseDeliverEachEventOnceAndInPositionOrderPerHandler() throws Exception {
        List<String> handlers = List.of("kitchen", "analytics", "sms");
        Map<String, List<Long>> delivered = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        List<OutboxDispatcher> dispatchers = new ArrayList<>();
        for (String owner : List.of("instance-a", "instance-b")) {
            OutboxDispatcher.Builder builder = OutboxDispatcher.builder(store(owner), transactions)
                    .batch(7, Duration.ofMinutes(1));
            for (String handler : handlers) {
                delivered.putIfAbsent(handler, new CopyOnWriteArrayList<>());
                running.putIfAbsent(handler, new AtomicInteger());
                // No inbox: a delivery made twice would show here.
                builder.handler(handler, OrderEvent.class, event -> {
                    if (running.get(handler).incrementAndGet() > 1) {
                        overlaps.add(handler);
                    }
                    delivered.get(handler).add(Long.parseLong(event.orderId()));
                    running.get(handler).decrementAndGet();
                });
            }
            dispatchers.add(builder.build());
        }
        List<StoredEvent> appended = append(150);
        transactions.inTransaction(() -> {
            dispatchers.get(0).enqueue(appended);
            return null;
        }, result -> true);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (OutboxDispatcher dispatcher : dispatchers) {
                rounds.add(threads.submit(() -> {
                    start.await();
                    return dispatcher.dispatchPending();
                }));
            }
            start.countDown();
            int attempted = 0;
            for (Future<Integer> round : rounds) {
                attempted += round.get(60, TimeUnit.SECONDS);
            }
            // A dispatcher stops when nothing is claimable for it: the other may have finished the rest.
            assertThat(attempted).isEqualTo(150 * handlers.size());
        } finally {
            threads.shutdownNow();
        }

        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 150; i++) {
            expected.add(i);
        }
        for (String handler : handlers) {
            assertThat(delivered.get(handler)).as(handler).containsExactlyElementsOf(expected);
        }
        assertThat(overlaps).isEmpty();
        assertThat(store("check").pendingCount()).isZero();
    }

    @Test
    void claimedDeliveryIsHiddenUntilItsClaimExpiresThenAnotherDispatcherTakesIt() {
        StoredEvent event = append(1).get(0);
        PostgresOutboxStore crashed = store("crashed");
        PostgresOutboxStore survivor = store("survivor");
        crashed.enqueue(List.of(new OutboxEntry(event, "kitchen")));
        Instant now = Instant.parse("2026-01-01T12:00:00Z");

        List<OutboxDelivery> first = crashed.claim(KITCHEN, now, now.plusSeconds(60), 10);
        assertThat(first).singleElement().satisfies(delivery -> assertThat(delivery.event()).isEqualTo(event));

        assertThat(survivor.claim(KITCHEN, now.plusSeconds(59), now.plusSeconds(119), 10)).isEmpty();
        assertThat(survivor.claim(KITCHEN, now.plusSeconds(60), now.plusSeconds(120), 10))
                .singleElement().satisfies(delivery -> {
                    assertThat(delivery.id()).isEqualTo(first.get(0).id());
                    assertThat(delivery.handler()).isEqualTo("kitchen");
                });
    }

    @Test
    void laterDeliveryOfAHandlerWaitsWhileAnEarlierOneBacksOffButOtherHandlersDoNot() {
        List<StoredEvent> appended = append(2);
        PostgresOutboxStore store = store("one");
        store.enqueue(List.of(new OutboxEntry(appended.get(0), "picky"), new OutboxEntry(appended.get(1), "picky"),
                new OutboxEntry(appended.get(1), "healthy")));
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        List<OutboxDelivery> claimed = store.claim(PICKY_AND_HEALTHY, now, now.plusSeconds(60), 10);
        assertThat(claimed).extracting(OutboxDelivery::handler).containsExactly("picky", "picky", "healthy");

        store.retryLater(claimed.get(0).id(), 1, now.plusSeconds(5), "boom");
        store.release(claimed.get(1).id());
        store.release(claimed.get(2).id());

        assertThat(store.claim(PICKY_AND_HEALTHY, now.plusSeconds(1), now.plusSeconds(61), 10)).extracting(OutboxDelivery::handler)
                .containsExactly("healthy");
        assertThat(store.claim(PICKY_AND_HEALTHY, now.plusSeconds(5), now.plusSeconds(65), 10))
                .extracting(delivery -> delivery.handler() + "#" + delivery.attempts())
                .containsExactly("picky#1", "picky#0");
    }

    @Test
    void claimTakesOnlyDeliveriesOfTheGivenHandlersAndLeavesTheOthersDueAndUntouched() {
        List<StoredEvent> appended = append(2);
        PostgresOutboxStore store = store("old-version");
        store.enqueue(List.of(new OutboxEntry(appended.get(0), "kitchen"), new OutboxEntry(appended.get(0), "sms"),
                new OutboxEntry(appended.get(1), "kitchen")));
        Instant now = Instant.parse("2026-01-01T12:00:00Z");

        assertThat(store.claim(KITCHEN, now, now.plusSeconds(60), 10)).extracting(OutboxDelivery::handler)
                .containsExactly("kitchen", "kitchen");
        assertThat(store.claim(Set.of(), now, now.plusSeconds(60), 10)).isEmpty();
        assertThat(store.backlog(now, KITCHEN).waitingForAbsentHandlers()).isEqualTo(1);
        assertThat(store.backlog(now, Set.of("kitchen", "sms")).waitingForAbsentHandlers()).isZero();
        assertThat(store("new-version").claim(Set.of("sms"), now, now.plusSeconds(60), 10))
                .singleElement().satisfies(delivery -> {
                    assertThat(delivery.attempts()).as("never attempted by the instance without it").isZero();
                    assertThat(delivery.event()).isEqualTo(appended.get(0));
                });
    }
}
