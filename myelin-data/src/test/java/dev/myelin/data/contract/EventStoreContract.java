package dev.myelin.data.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.contract.TestEvents.Added;
import dev.myelin.data.contract.TestEvents.Placed;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventReader;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link EventStore}. Extend it, give a fresh, empty store per test in
 * {@link #store()} and its transaction runner in {@link #transactions()}.
 */
public abstract class EventStoreContract {

    /**
     * Returns the store under test: empty at the start of each test.
     *
     * @return the store
     */
    protected abstract EventStore store();

    /**
     * Returns the transaction runner the store joins.
     *
     * @return the runner
     */
    protected abstract TransactionRunner transactions();

    private static final EventMetadata NONE = EventMetadata.empty();

    @Test
    public void appendedEventsAreReadForwardsInVersionOrder() {
        store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1"), new Added("1", 2)), NONE);
        store().append("Order-1", ExpectedVersion.exactly(2), List.of(new Added("1", 3)), NONE);

        List<StoredEvent> events = store().readStream("Order-1", 1, 10);

        assertThat(events).extracting(StoredEvent::streamVersion).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(StoredEvent::event).containsExactly(new Placed("1"), new Added("1", 2), new Added("1", 3));
        assertThat(store().readStream("Order-1", 2, 1)).extracting(StoredEvent::streamVersion).containsExactly(2L);
        assertThat(store().readStream("Order-404", 1, 10)).isEmpty();
    }

    @Test
    public void aStreamLongerThanOnePageIsReadWholeInVersionOrder() {
        int count = EventReader.STREAM_PAGE * 2 + 3;
        store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1")), NONE);
        for (int version = 2; version <= count; version += 50) {
            List<Added> batch = new ArrayList<>();
            for (int i = version; i < Math.min(version + 50, count + 1); i++) {
                batch.add(new Added("1", i));
            }
            store().append("Order-1", ExpectedVersion.exactly(version - 1), batch, NONE);
        }
        store().append("Order-2", ExpectedVersion.noStream(), List.of(new Placed("2")), NONE);

        List<StoredEvent> events = store().readStream("Order-1");

        assertThat(events).hasSize(count);
        assertThat(events).extracting(StoredEvent::streamVersion).isSorted().doesNotHaveDuplicates()
                .startsWith(1L).endsWith((long) count);
        assertThat(events).allMatch(event -> event.streamId().equals("Order-1"));
        assertThat(store().readStream("Order-2")).extracting(StoredEvent::event).containsExactly(new Placed("2"));
        assertThat(store().readStream("Order-404")).isEmpty();
    }

    @Test
    public void streamReadBackwardsFromTheEndGivesDescendingVersions() {
        store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1"), new Added("1", 1), new Added("1", 2)),
                NONE);

        assertThat(store().readStreamBackwards("Order-1", Long.MAX_VALUE, 2)).extracting(StoredEvent::streamVersion)
                .containsExactly(3L, 2L);
        assertThat(store().readStreamBackwards("Order-1", 1, 5)).extracting(StoredEvent::streamVersion).containsExactly(1L);
    }

    @Test
    public void appendWithAnyVersionSucceedsOnNewAndExistingStreams() {
        assertThat(store().append("Order-1", ExpectedVersion.any(), List.of(new Placed("1")), NONE).streamVersion()).isEqualTo(1);
        assertThat(store().append("Order-1", ExpectedVersion.any(), List.of(new Added("1", 1)), NONE).streamVersion())
                .isEqualTo(2);
    }

    @Test
    public void appendExpectingNoStreamToAnExistingStreamConflictsAndAppendsNothing() {
        store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1")), NONE);

        assertThatThrownBy(() -> store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1")), NONE))
                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.aggregateId()).isEqualTo("Order-1");
                    assertThat(conflict.expectedVersion()).isZero();
                    assertThat(conflict.actualVersion()).isEqualTo(1);
                });
        assertThat(store().readStream("Order-1", 1, 10)).hasSize(1);
    }

    @Test
    public void appendExpectingAStaleVersionConflictsNamingExpectedAndActual() {
        store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1"), new Added("1", 1)), NONE);

        assertThatThrownBy(() -> store().append("Order-1", ExpectedVersion.exactly(1), List.of(new Added("1", 9)), NONE))
                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.expectedVersion()).isEqualTo(1);
                    assertThat(conflict.actualVersion()).isEqualTo(2);
                });
        assertThatThrownBy(() -> store().append("Order-2", ExpectedVersion.exactly(1), List.of(new Added("2", 9)), NONE))
                .isInstanceOfSatisfying(AggregateConflictException.class,
                        conflict -> assertThat(conflict.actualVersion()).isEqualTo(AggregateConflictException.NONE));
        assertThat(store().readStream("Order-1", 1, 10)).hasSize(2);
    }

    @Test
    public void appendExpectingAVersionAboveTheStreamsConflictsAndLeavesNoGap() {
        store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1"), new Added("1", 1)), NONE);

        assertThatThrownBy(() -> store().append("Order-1", ExpectedVersion.exactly(3), List.of(new Added("1", 9)), NONE))
                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.expectedVersion()).isEqualTo(3);
                    assertThat(conflict.actualVersion()).isEqualTo(2);
                });
        assertThatThrownBy(() -> store().append("Order-1", ExpectedVersion.exactly(5),
                List.of(new Added("1", 9), new Added("1", 10)), NONE))
                .isInstanceOfSatisfying(AggregateConflictException.class,
                        conflict -> assertThat(conflict.actualVersion()).isEqualTo(2));
        assertThat(store().readStream("Order-1", 1, 10)).extracting(StoredEvent::streamVersion).containsExactly(1L, 2L);
        assertThat(store().append("Order-1", ExpectedVersion.exactly(2), List.of(new Added("1", 3)), NONE).streamVersion())
                .isEqualTo(3);
    }

    @Test
    public void aConflictInsideATransactionWritesNothingAndTheTransactionGoesOn() {
        store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1"), new Added("1", 1)), NONE);

        String outcome = transactions().inTransaction(() -> {
            store().append("Order-2", ExpectedVersion.noStream(), List.of(new Placed("2")), NONE);
            try {
                store().append("Order-1", ExpectedVersion.exactly(1), List.of(new Added("1", 8), new Added("1", 9)), NONE);
                return "appended";
            } catch (AggregateConflictException conflict) {
                // The transaction is still usable after the conflict: this append commits with it.
                store().append("Order-2", ExpectedVersion.exactly(1), List.of(new Added("2", 2)), NONE);
                return "conflict, actual " + conflict.actualVersion();
            }
        }, result -> true);

        assertThat(outcome).isEqualTo("conflict, actual 2");
        assertThat(store().readStream("Order-1", 1, 10)).extracting(StoredEvent::event)
                .containsExactly(new Placed("1"), new Added("1", 1));
        assertThat(store().readStream("Order-2", 1, 10)).extracting(StoredEvent::event)
                .containsExactly(new Placed("2"), new Added("2", 2));
    }

    @Test
    public void concurrentAppendsExpectingAnyVersionToOneStreamAllSucceedWithContiguousVersions() throws Exception {
        int writers = 8;
        int appendsEach = 25;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                int id = writer;
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < appendsEach; i++) {
                        int quantity = id * 1000 + i;
                        // Odd writers append two events at once, in a transaction; even ones one, in auto-commit.
                        if (id % 2 == 0) {
                            store().append("Order-hot", ExpectedVersion.any(), List.of(new Added("hot", quantity)), NONE);
                        } else {
                            transactions().inTransaction(() -> store().append("Order-hot", ExpectedVersion.any(),
                                    List.of(new Added("hot", quantity), new Added("hot", -quantity - 1)), NONE),
                                    result -> true);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        int expected = writers / 2 * appendsEach + writers / 2 * appendsEach * 2;
        List<StoredEvent> stream = store().readStream("Order-hot", 1, expected + 10);
        assertThat(stream).hasSize(expected);
        for (int i = 0; i < expected; i++) {
            assertThat(stream.get(i).streamVersion()).isEqualTo(i + 1L);
        }
        // The two events of one append are adjacent: nobody slipped in between.
        for (int i = 0; i < expected; i++) {
            int quantity = ((Added) stream.get(i).event()).quantity();
            if (quantity >= 0 && quantity / 1000 % 2 == 1) {
                assertThat(((Added) stream.get(i + 1).event()).quantity()).isEqualTo(-quantity - 1);
            }
        }
    }

    @Test
    public void twoWritersExpectingTheSameVersionExactlyOneWins() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String stream = "Order-race" + round;
                store().append(stream, ExpectedVersion.noStream(), List.of(new Placed(stream)), NONE);
                CountDownLatch start = new CountDownLatch(1);
                AtomicInteger conflicts = new AtomicInteger();
                List<Future<?>> results = new ArrayList<>();
                for (int writer = 0; writer < 2; writer++) {
                    int quantity = writer;
                    results.add(writers.submit(() -> {
                        start.await();
                        try {
                            transactions().inTransaction(() -> store().append(stream, ExpectedVersion.exactly(1),
                                    List.of(new Added(stream, quantity)), NONE), result -> true);
                        } catch (AggregateConflictException expected) {
                            conflicts.incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> result : results) {
                    result.get(30, TimeUnit.SECONDS);
                }
                assertThat(conflicts).hasValue(1);
                assertThat(store().readStream(stream, 1, 10)).extracting(StoredEvent::streamVersion).containsExactly(1L, 2L);
            }
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    public void readAllGivesEveryEventInPositionOrderPageByPage() {
        for (int i = 0; i < 7; i++) {
            store().append("Order-" + (i % 3), ExpectedVersion.any(), List.of(new Added(String.valueOf(i % 3), i)), NONE);
        }
        List<StoredEvent> seen = new ArrayList<>();
        long after = 0;
        for (List<StoredEvent> page = store().readAll(after, 3); !page.isEmpty(); page = store().readAll(after, 3)) {
            assertThat(page.size()).isLessThanOrEqualTo(3);
            seen.addAll(page);
            after = page.get(page.size() - 1).position();
        }
        assertThat(seen).extracting(event -> ((Added) event.event()).quantity()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(seen).extracting(StoredEvent::position).isSorted().doesNotHaveDuplicates();
    }

    @Test
    public void readAllNeverSkipsAnEventThatCommitsLateWithALowerPosition() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService slow = Executors.newSingleThreadExecutor();
        try {
            Future<?> slowWriter = slow.submit(() -> transactions().inTransaction(() -> {
                store().append("Order-slow", ExpectedVersion.noStream(), List.of(new Placed("slow")), NONE);
                appended.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }, result -> true));
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            store().append("Order-fast", ExpectedVersion.noStream(), List.of(new Placed("fast")), NONE);

            List<StoredEvent> whileSlowIsOpen = store().readAll(0, 10);
            release.countDown();
            slowWriter.get(30, TimeUnit.SECONDS);
            long after = whileSlowIsOpen.isEmpty() ? 0 : whileSlowIsOpen.get(whileSlowIsOpen.size() - 1).position();
            List<StoredEvent> rest = store().readAll(after, 10);

            List<StoredEvent> seen = new ArrayList<>(whileSlowIsOpen);
            seen.addAll(rest);
            assertThat(seen).extracting(StoredEvent::event).containsExactlyInAnyOrder(new Placed("slow"), new Placed("fast"));
            assertThat(whileSlowIsOpen).extracting(StoredEvent::event).doesNotContain(new Placed("fast"));
        } finally {
            release.countDown();
            slow.shutdownNow();
        }
    }

    @Test
    public void subscriptionStopsWhenItsHandlerThrows() {
        store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1"), new Added("1", 1)), NONE);
        List<StoredEvent> received = new CopyOnWriteArrayList<>();

        try (EventStore.Subscription subscription = store().subscribe(0, event -> {
            received.add(event);
            throw new IllegalStateException("handler failed");
        })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            store().append("Order-1", ExpectedVersion.exactly(2), List.of(new Added("1", 2)), NONE);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        }
    }

    @Test
    public void appendRolledBackWithItsTransactionIsNeitherStoredNorRead() {
        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1")), NONE);
            throw new IllegalStateException("the command failed");
        }, result -> true)).hasMessage("the command failed");

        assertThat(store().readStream("Order-1", 1, 10)).isEmpty();
        assertThat(store().readAll(0, 10)).isEmpty();
        store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1")), NONE);
        assertThat(store().readAll(0, 10)).hasSize(1);
    }

    @Test
    public void metadataAndIdentityRoundTrip() {
        EventMetadata metadata = new EventMetadata("corr-1", "cause-1", "mario", "pizzeria", Map.of("key", "value"));
        store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1"), new Added("1", 1)), metadata);

        List<StoredEvent> events = store().readAll(0, 10);

        assertThat(events).allSatisfy(event -> {
            assertThat(event.metadata()).isEqualTo(metadata);
            assertThat(event.streamId()).isEqualTo("Order-1");
            assertThat(event.schemaVersion()).isPositive();
            assertThat(event.recordedAt()).isNotNull();
        });
        assertThat(events).extracting(StoredEvent::eventId).doesNotHaveDuplicates();
        assertThat(events.get(0).event()).isEqualTo(new Placed("1"));
    }

    @Test
    public void subscriptionCatchesUpThenReceivesLiveAppendsInOrder() {
        store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1"), new Added("1", 1)), NONE);
        List<StoredEvent> received = new CopyOnWriteArrayList<>();

        try (EventStore.Subscription subscription = store().subscribe(0, received::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            store().append("Order-2", ExpectedVersion.noStream(), List.of(new Placed("2")), NONE);
            transactions().inTransaction(() -> store().append("Order-1", ExpectedVersion.exactly(2),
                    List.of(new Added("1", 2)), NONE), result -> true);

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 4);
            assertThat(subscription.position()).isEqualTo(received.get(3).position());
        }
        assertThat(received).extracting(StoredEvent::position).isSorted().doesNotHaveDuplicates();
        assertThat(received).extracting(StoredEvent::event)
                .containsExactly(new Placed("1"), new Added("1", 1), new Placed("2"), new Added("1", 2));
    }

    @Test
    public void subscriptionReceivesEveryEventOnceInReadAllOrderWhileFourWritersAppend() throws Exception {
        List<StoredEvent> received = new CopyOnWriteArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try (EventStore.Subscription subscription = store().subscribe(0, received::add)) {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                String stream = "Order-w" + writer;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        int quantity = i;
                        transactions().inTransaction(() -> store().append(stream, ExpectedVersion.any(),
                                List.of(new Added(stream, quantity)), NONE), result -> true);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 200);
        } finally {
            writers.shutdownNow();
        }
        // Across concurrent transactions the read order is the order in which events became safe to
        // read, which PostgreSQL may not give in position order: compare with readAll, not with sorting.
        assertThat(received).hasSize(200);
        assertThat(received).extracting(StoredEvent::eventId)
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(store().readAll(0, 1000).stream().map(StoredEvent::eventId).toList());
    }

    @Test
    public void subscriptionFromAPositionSkipsWhatCameBefore() {
        store().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1"), new Added("1", 1)), NONE);
        long first = store().readAll(0, 1).get(0).position();
        List<StoredEvent> received = new CopyOnWriteArrayList<>();

        try (EventStore.Subscription subscription = store().subscribe(first, received::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        }
        assertThat(received.get(0).event()).isEqualTo(new Added("1", 1));
    }
}
