package dev.myelin.postgres;

import static dev.myelin.postgres.PostgresEventStoreTest.awaitLatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.postgres.TestEvents.Numbered;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscriptions catch up, then go live woken by NOTIFY, not by polling. */
class PostgresSubscriptionTest {

    // Far longer than any await below: a delivery within the await proves a notification woke the subscription.
    private static final Duration SAFETY_NET = Duration.ofMinutes(5);
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private JdbcTransactionRunner transactions;
    private PostgresEventStore store;
    private ExecutorService threads;

    @BeforeEach
    void createStore() {
        DataSource dataSource = SharedPostgres.freshDatabase();
        transactions = new JdbcTransactionRunner(dataSource);
        store = PostgresEventStore.builder(dataSource, transactions, transactions, TestEvents.serializer())
                .notificationTimeout(SAFETY_NET)
                .subscriptionBatchSize(2)
                .build();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private void append(String stream, long... numbers) {
        store.append(stream, ExpectedVersion.any(),
                java.util.Arrays.stream(numbers).mapToObj(n -> new Numbered(stream, n)).toList(), EventMetadata.empty());
    }

    private static List<Long> numbers(List<StoredEvent> events) {
        return events.stream().map(event -> ((Numbered) event.event()).number()).toList();
    }

    @Test
    void catchesUpWithStoredEventsThenDeliversNewOnesWhenNotified() {
        append("A", 1, 2, 3);
        append("B", 4, 5);
        List<StoredEvent> delivered = new CopyOnWriteArrayList<>();

        try (EventStore.Subscription subscription = store.subscribe(0, delivered::add)) {
            await().atMost(WITHIN).until(() -> delivered.size() == 5);
            assertThat(numbers(delivered)).containsExactly(1L, 2L, 3L, 4L, 5L);

            append("A", 6);
            append("C", 7, 8);

            await().atMost(WITHIN).until(() -> delivered.size() == 8);
            assertThat(numbers(delivered)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(subscription.position()).isEqualTo(delivered.get(7).position());
        }
    }

    @Test
    void startsAfterTheGivenPosition() {
        append("A", 1, 2, 3);
        long afterSecond = store.readAll(0, 2).get(1).position();
        List<StoredEvent> delivered = new CopyOnWriteArrayList<>();

        try (EventStore.Subscription subscription = store.subscribe(afterSecond, delivered::add)) {
            await().atMost(WITHIN).until(() -> delivered.size() == 1);
            assertThat(numbers(delivered)).containsExactly(3L);
        }
    }

    @Test
    void eventsHeldBackByAnOlderTransactionWithoutEventsAreDeliveredWhenItEnds() throws Exception {
        List<StoredEvent> delivered = new CopyOnWriteArrayList<>();
        CountDownLatch blockerStarted = new CountDownLatch(1);
        CountDownLatch endBlocker = new CountDownLatch(1);
        try (EventStore.Subscription subscription = store.subscribe(0, delivered::add)) {
            Future<?> blocker = PostgresEventStoreTest.holdTransactionOpen(threads, transactions, blockerStarted, endBlocker);
            awaitLatch(blockerStarted);
            append("A", 1);
            assertThat(store.readAll(0, 10)).isEmpty();

            // The blocker commits without a notification: the subscription must still find the event.
            endBlocker.countDown();
            blocker.get(30, TimeUnit.SECONDS);

            await().atMost(WITHIN).until(() -> delivered.size() == 1);
        }
    }

    @Test
    void anAppendInsideATransactionIsDeliveredAfterItsCommitAndARolledBackOneNever() throws Exception {
        List<StoredEvent> delivered = new CopyOnWriteArrayList<>();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        try (EventStore.Subscription subscription = store.subscribe(0, delivered::add)) {
            Future<?> writer = threads.submit(() -> transactions.inTransaction(() -> {
                append("A", 1);
                appended.countDown();
                awaitLatch(commit);
                return null;
            }, result -> true));
            awaitLatch(appended);
            transactions.inTransaction(() -> {
                append("B", 2);
                return "rolled back";
            }, result -> false);

            await().during(Duration.ofMillis(300)).atMost(WITHIN).until(delivered::isEmpty);
            commit.countDown();
            writer.get(30, TimeUnit.SECONDS);

            await().atMost(WITHIN).until(() -> delivered.size() == 1);
            assertThat(numbers(delivered)).containsExactly(1L);
        }
    }

    @Test
    void closeStopsDeliveryPromptly() {
        List<StoredEvent> delivered = new CopyOnWriteArrayList<>();
        EventStore.Subscription subscription = store.subscribe(0, delivered::add);
        append("A", 1);
        await().atMost(WITHIN).until(() -> delivered.size() == 1);

        long started = System.nanoTime();
        subscription.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WITHIN);
        append("A", 2);
        assertThat(store.readAll(0, 10)).hasSize(2);
        await().during(Duration.ofMillis(300)).atMost(WITHIN).until(() -> delivered.size() == 1);
    }

    @Test
    void aHandlerThatThrowsStopsItsSubscriptionAtTheEventBefore() {
        append("A", 1, 2, 3);
        List<Long> handled = new CopyOnWriteArrayList<>();

        try (EventStore.Subscription subscription = store.subscribe(0, event -> {
            long number = ((Numbered) event.event()).number();
            if (number == 2) {
                throw new IllegalStateException("poison");
            }
            handled.add(number);
        })) {
            long firstPosition = store.readAll(0, 1).get(0).position();
            await().atMost(WITHIN).until(() -> subscription.position() == firstPosition);
            append("A", 4);
            await().during(Duration.ofMillis(300)).atMost(WITHIN).until(() -> handled.equals(List.of(1L)));
        }
    }
}
