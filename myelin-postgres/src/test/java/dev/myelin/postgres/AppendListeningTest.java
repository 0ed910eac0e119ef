package dev.myelin.postgres;

import static dev.myelin.postgres.PostgresEventStoreTest.awaitLatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.postgres.TestEvents.Numbered;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresEventStore#onAppended}: a reader woken after every commit, its own process's and another's,
 * and while events are held back, without the store reading a single event for it.
 */
class AppendListeningTest {

    // Far longer than any await below: a wake-up within the await proves a commit or a notification woke it.
    private static final Duration SAFETY_NET = Duration.ofMinutes(5);
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final Queue<String> statements = new ConcurrentLinkedQueue<>();
    private DataSource dataSource;
    private JdbcTransactionRunner transactions;
    private PostgresEventStore store;
    private PostgresEventStore otherProcess;
    private ExecutorService threads;

    @BeforeEach
    void createStores() {
        dataSource = SharedPostgres.freshDatabase();
        transactions = new JdbcTransactionRunner(dataSource);
        // The listening store's connections record their statements; the appends below go through the other one.
        DataSource recorded = recording(dataSource);
        store = PostgresEventStore.builder(recorded, transactions, transactions, TestEvents.serializer())
                .notificationTimeout(SAFETY_NET).build();
        otherProcess = PostgresEventStore.builder(dataSource, transactions, transactions, TestEvents.serializer())
                .notificationTimeout(SAFETY_NET).build();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        store.close();
        otherProcess.close();
    }

    /** A reader that reads the log itself each time it is woken, as the projection daemon does. */
    private final class Reader implements Runnable {
        final List<Long> read = new ArrayList<>();
        final AtomicInteger wokenUp = new AtomicInteger();
        private final Runnable afterEachRead;
        private long position;

        Reader() {
            this(() -> { });
        }

        Reader(Runnable afterEachRead) {
            this.afterEachRead = afterEachRead;
        }

        @Override
        public synchronized void run() {
            wokenUp.incrementAndGet();
            for (StoredEvent event : otherProcess.readAll(position, 100)) {
                read.add(((Numbered) event.event()).number());
                position = event.position();
            }
            afterEachRead.run();
        }

        synchronized List<Long> read() {
            return List.copyOf(read);
        }
    }

    private void append(EventStore into, String stream, long number) {
        into.append(stream, ExpectedVersion.any(), List.of(new Numbered(stream, number)), EventMetadata.empty());
    }

    @Test
    void theListenerIsCalledAfterEachCommitOfThisProcessAndAnotherAndTheStoreReadsNoEventForIt() {
        Reader reader = new Reader();
        try (EventStore.Listening listening = store.onAppended(reader)) {
            append(store, "A", 1);
            await().atMost(WITHIN).until(() -> reader.read().equals(List.of(1L)));
            append(otherProcess, "B", 2);
            await().atMost(WITHIN).until(() -> reader.read().equals(List.of(1L, 2L)));
            for (int i = 3; i <= 10; i++) {
                append(i % 2 == 0 ? store : otherProcess, "C", i);
            }
            await().atMost(WITHIN).until(() -> reader.read().size() == 10);
        }
        assertThat(statements).as("the store's own statements: appends and listening, never a read of the log")
                .noneMatch(sql -> sql.contains("payload::text"));
    }

    @Test
    void anAppendInsideATransactionWakesTheListenerOnlyAfterItsCommit() throws Exception {
        Reader reader = new Reader();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        try (EventStore.Listening listening = store.onAppended(reader)) {
            await().atMost(WITHIN).until(() -> reader.wokenUp.get() >= 1);
            Future<?> writer = threads.submit(() -> transactions.inTransaction(() -> {
                append(store, "A", 1);
                appended.countDown();
                awaitLatch(commit);
                return null;
            }, result -> true));
            awaitLatch(appended);
            int before = reader.wokenUp.get();
            await().during(Duration.ofMillis(300)).atMost(WITHIN).until(() -> reader.wokenUp.get() == before);

            commit.countDown();
            writer.get(30, TimeUnit.SECONDS);
            await().atMost(WITHIN).until(() -> reader.read().equals(List.of(1L)));
        }
    }

    @Test
    void eventsHeldBackByAnOlderTransactionWithoutEventsAreFoundWhenItEndsWithoutANotification() throws Exception {
        Reader reader = new Reader();
        CountDownLatch blockerStarted = new CountDownLatch(1);
        CountDownLatch endBlocker = new CountDownLatch(1);
        try (EventStore.Listening listening = store.onAppended(reader)) {
            Future<?> blocker = PostgresEventStoreTest.holdTransactionOpen(threads, transactions, blockerStarted, endBlocker);
            awaitLatch(blockerStarted);
            append(otherProcess, "A", 1);
            await().atMost(WITHIN).until(() -> reader.wokenUp.get() >= 2);
            assertThat(reader.read()).as("held back").isEmpty();

            endBlocker.countDown();
            blocker.get(30, TimeUnit.SECONDS);
            await().atMost(WITHIN).until(() -> reader.read().equals(List.of(1L)));
        }
    }

    @Test
    void eventsReleasedWhileTheListenerRunsAreFoundAtItsNextCall() throws Exception {
        CountDownLatch blockerStarted = new CountDownLatch(1);
        CountDownLatch endBlocker = new CountDownLatch(1);
        AtomicBoolean appended = new AtomicBoolean();
        AtomicReference<Future<?>> blocker = new AtomicReference<>();
        // The first call after the append reads nothing (held back) and then ends the blocker before it
        // returns: the listening thread sees the events released only after a call that missed them.
        Reader reader = new Reader(() -> {
            if (appended.get() && endBlocker.getCount() > 0) {
                endBlocker.countDown();
                try {
                    blocker.get().get(30, TimeUnit.SECONDS);
                } catch (Exception failure) {
                    throw new IllegalStateException(failure);
                }
            }
        });
        try (EventStore.Listening listening = store.onAppended(reader)) {
            blocker.set(PostgresEventStoreTest.holdTransactionOpen(threads, transactions, blockerStarted, endBlocker));
            awaitLatch(blockerStarted);
            append(otherProcess, "A", 1);
            appended.set(true);
            await().atMost(WITHIN).until(() -> endBlocker.getCount() == 0);
            await().atMost(WITHIN).until(() -> reader.read().equals(List.of(1L)));
        }
    }

    @Test
    void aClosedListeningIsCalledNoMore() {
        Reader reader = new Reader();
        EventStore.Listening listening = store.onAppended(reader);
        append(store, "A", 1);
        await().atMost(WITHIN).until(() -> reader.read().size() == 1);
        long started = System.nanoTime();
        listening.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WITHIN);
        int calls = reader.wokenUp.get();

        append(store, "A", 2);
        append(otherProcess, "A", 3);
        await().during(Duration.ofMillis(300)).atMost(WITHIN).until(() -> reader.wokenUp.get() == calls);
    }

    private DataSource recording(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection connection ? recording(connection) : result;
                });
    }

    private Connection recording(Connection target) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                        return invoke(target, method, args);
                    }
                    if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                            && args != null && args[0] instanceof String sql) {
                        statements.add(sql);
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException failure) {
            throw failure.getCause();
        }
    }
}
