package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.postgres.TestEvents.PizzaOrdered;
import dev.myelin.postgres.TestEvents.PizzaReady;
import dev.myelin.postgres.TestEvents.PriceChanged;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Appends, reads, expected versions, transactions and JSON on a real PostgreSQL 17. */
class PostgresEventStoreTest {

    private static DataSource dataSource;
    private static JdbcTransactionRunner transactions;
    private static PostgresEventStore store;
    private static ExecutorService threads;

    @BeforeAll
    static void createStore() {
        dataSource = SharedPostgres.freshDatabase();
        transactions = new JdbcTransactionRunner(dataSource);
        store = PostgresEventStore.builder(dataSource, transactions, transactions, TestEvents.serializer()).build();
        threads = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    private static PizzaOrdered ordered(String id) {
        return new PizzaOrdered(id, new BigDecimal("12.50"), Instant.parse("2026-11-26T11:30:00Z"), List.of("basil"));
    }

    @Test
    void appendedEventsAreReadForwardsAndBackwardsPageByPage() {
        AppendResult first = store.append("Order-read", ExpectedVersion.noStream(),
                List.of(ordered("read"), new PizzaReady("read", "left")), EventMetadata.empty());
        AppendResult second = store.append("Order-read", ExpectedVersion.exactly(2),
                List.of(new PizzaReady("read", "right")), EventMetadata.empty());

        assertThat(TestEvents.appended(first)).isEqualTo(TestEvents.appended(2, 2));
        assertThat(TestEvents.appended(second)).isEqualTo(TestEvents.appended(3, 1));
        assertThat(store.readStream("Order-read", 1, 2)).extracting(StoredEvent::streamVersion).containsExactly(1L, 2L);
        assertThat(store.readStream("Order-read", 3, 10)).extracting(StoredEvent::event)
                .containsExactly(new PizzaReady("read", "right"));
        assertThat(store.readStreamBackwards("Order-read", Long.MAX_VALUE, 2)).extracting(StoredEvent::streamVersion)
                .containsExactly(3L, 2L);
        assertThat(store.readStreamBackwards("Order-read", 1, 10)).extracting(StoredEvent::event)
                .containsExactly(ordered("read"));
        assertThat(store.readStream("Order-missing", 1, 10)).isEmpty();
        StoredEvent stored = store.readStream("Order-read", 1, 1).get(0);
        assertThat(stored.type()).isEqualTo("PizzaOrdered");
        assertThat(stored.schemaVersion()).isEqualTo(1);
        assertThat(stored.streamId()).isEqualTo("Order-read");
        assertThat(stored.eventId()).hasSize(36);
        assertThat(stored.recordedAt()).isBefore(Instant.now().plusSeconds(5));
    }

    @Test
    void positionsIncreaseWithinAnAppendAndEventIdsAreUnique() {
        store.append("Order-positions", ExpectedVersion.any(), List.of(ordered("p1"), ordered("p2"), ordered("p3")),
                EventMetadata.empty());
        List<StoredEvent> events = store.readStream("Order-positions", 1, 10);

        assertThat(events).extracting(StoredEvent::position).isSorted().doesNotHaveDuplicates();
        assertThat(events.get(2).position() - events.get(0).position()).isEqualTo(2);
        assertThat(events).extracting(StoredEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void anyAppendsToANewOrAnExistingStream() {
        assertThat(store.append("Order-any", ExpectedVersion.any(), List.of(ordered("a")), EventMetadata.empty())
                .streamVersion()).isEqualTo(1);
        assertThat(store.append("Order-any", ExpectedVersion.any(), List.of(ordered("a"), ordered("a")),
                EventMetadata.empty()).streamVersion()).isEqualTo(3);
    }

    @Test
    void noStreamOnAnExistingStreamIsAConflictNamingTheActualVersion() {
        store.append("Order-exists", ExpectedVersion.any(), List.of(ordered("e"), ordered("e")), EventMetadata.empty());

        assertThatThrownBy(() -> store.append("Order-exists", ExpectedVersion.noStream(), List.of(ordered("e")),
                EventMetadata.empty()))
                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.aggregateType()).isEqualTo("Order");
                    assertThat(conflict.aggregateId()).isEqualTo("Order-exists");
                    assertThat(conflict.actualVersion()).isEqualTo(2);
                });
        assertThat(store.readStream("Order-exists", 1, 10)).hasSize(2);
    }

    @Test
    void exactlyOnAStaleOrMissingStreamIsAConflictAndAppendsNothing() {
        store.append("Order-stale", ExpectedVersion.noStream(), List.of(ordered("s")), EventMetadata.empty());
        store.append("Order-stale", ExpectedVersion.exactly(1), List.of(ordered("s")), EventMetadata.empty());

        assertThatThrownBy(() -> store.append("Order-stale", ExpectedVersion.exactly(1), List.of(ordered("s")),
                EventMetadata.empty()))
                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.expectedVersion()).isEqualTo(1);
                    assertThat(conflict.actualVersion()).isEqualTo(2);
                });
        assertThatThrownBy(() -> store.append("Order-never", ExpectedVersion.exactly(3), List.of(ordered("n")),
                EventMetadata.empty()))
                .isInstanceOfSatisfying(AggregateConflictException.class,
                        conflict -> assertThat(conflict.actualVersion()).isEqualTo(AggregateConflictException.NONE));
        assertThat(store.readStream("Order-stale", 1, 10)).hasSize(2);
        assertThat(store.readStream("Order-never", 1, 10)).isEmpty();
    }

    @Test
    void twoWritersExpectingTheSameVersionExactlyOneWins() throws Exception {
        for (int round = 0; round < 20; round++) {
            String stream = "Order-race-" + round;
            store.append(stream, ExpectedVersion.noStream(), List.of(ordered("race")), EventMetadata.empty());
            CountDownLatch bothInTransaction = new CountDownLatch(2);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                String oven = "oven-" + writer;
                outcomes.add(threads.submit(() -> transactions.inTransaction(() -> {
                    bothInTransaction.countDown();
                    awaitLatch(bothInTransaction);
                    try {
                        store.append(stream, ExpectedVersion.exactly(1), List.of(new PizzaReady("race", oven)),
                                EventMetadata.empty());
                        return "won";
                    } catch (AggregateConflictException conflict) {
                        assertThat(conflict.actualVersion()).isEqualTo(2);
                        return "lost";
                    }
                }, result -> true)));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }

            assertThat(results).containsExactlyInAnyOrder("won", "lost");
            assertThat(store.readStream(stream, 1, 10)).hasSize(2);
        }
    }

    @Test
    void twoWritersCreatingTheSameStreamExactlyOneWins() throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
            outcomes.add(threads.submit(() -> {
                ready.countDown();
                awaitLatch(ready);
                try {
                    store.append("Order-created-twice", ExpectedVersion.noStream(), List.of(ordered("twice")),
                            EventMetadata.empty());
                    return "won";
                } catch (AggregateConflictException conflict) {
                    return "lost";
                }
            }));
        }

        assertThat(List.of(outcomes.get(0).get(30, TimeUnit.SECONDS), outcomes.get(1).get(30, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder("won", "lost");
    }

    @Test
    void twoWritersAppendingSeveralEventsAtTheSameVersionExactlyOneWinsAndNoEventsInterleave() throws Exception {
        for (int round = 0; round < 10; round++) {
            String stream = "Order-batch-race-" + round;
            store.append(stream, ExpectedVersion.noStream(), List.of(ordered("batch")), EventMetadata.empty());
            CountDownLatch ready = new CountDownLatch(2);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                String oven = "oven-" + writer;
                outcomes.add(threads.submit(() -> {
                    ready.countDown();
                    awaitLatch(ready);
                    try {
                        store.append(stream, ExpectedVersion.exactly(1), List.of(new PizzaReady("batch", oven),
                                new PizzaReady("batch", oven), new PizzaReady("batch", oven)), EventMetadata.empty());
                        return oven;
                    } catch (AggregateConflictException conflict) {
                        assertThat(conflict.actualVersion()).isEqualTo(4);
                        return "lost";
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }

            assertThat(results).containsOnlyOnce("lost");
            String winner = results.get(0).equals("lost") ? results.get(1) : results.get(0);
            List<StoredEvent> events = store.readStream(stream, 1, 10);
            assertThat(events).extracting(StoredEvent::streamVersion).containsExactly(1L, 2L, 3L, 4L);
            assertThat(events.subList(1, 4)).extracting(StoredEvent::event)
                    .containsOnly(new PizzaReady("batch", winner));
        }
    }

    @Test
    void anAppendWaitsForAWriterOfTheSameVersionStillInFlightAndWinsWhenThatOneRollsBack() throws Exception {
        store.append("Order-waits", ExpectedVersion.noStream(), List.of(ordered("w")), EventMetadata.empty());
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch rollBack = new CountDownLatch(1);
        Future<?> first = threads.submit(() -> transactions.inTransaction(() -> {
            store.append("Order-waits", ExpectedVersion.exactly(1), List.of(new PizzaReady("w", "first")),
                    EventMetadata.empty());
            firstAppended.countDown();
            awaitLatch(rollBack);
            throw new IllegalStateException("the first writer's command failed");
        }, result -> true));
        awaitLatch(firstAppended);
        Future<AppendResult> second = threads.submit(() -> store.append("Order-waits", ExpectedVersion.exactly(1),
                List.of(new PizzaReady("w", "second")), EventMetadata.empty()));

        await().atMost(Duration.ofSeconds(10)).until(() -> query("""
                select count(*) from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and query like '%insert into%events%'
                """).equals("1"));
        assertThat(second).isNotDone();
        rollBack.countDown();

        assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("the first writer's command failed");
        assertThat(TestEvents.appended(second.get(30, TimeUnit.SECONDS))).isEqualTo(TestEvents.appended(2, 1));
        assertThat(store.readStream("Order-waits", 1, 10)).extracting(StoredEvent::event)
                .containsExactly(ordered("w"), new PizzaReady("w", "second"));
    }

    @Test
    void theSchemaKeepsNoStreamsTable() throws SQLException {
        assertThat(query("select to_regclass('myelin.streams') is null")).isEqualTo("t");
        assertThat(query("select to_regclass('myelin.events') is not null")).isEqualTo("t");
    }

    @Test
    void anAppendInsideARolledBackTransactionLeavesNoEventAndNoStream() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            store.append("Order-rolled-back", ExpectedVersion.noStream(), List.of(ordered("rb")), EventMetadata.empty());
            assertThat(store.readStream("Order-rolled-back", 1, 10)).hasSize(1);
            throw new IllegalStateException("handler failed");
        }, result -> true)).hasMessage("handler failed");

        assertThat(store.readStream("Order-rolled-back", 1, 10)).isEmpty();
        assertThat(store.append("Order-rolled-back", ExpectedVersion.noStream(), List.of(ordered("rb")),
                EventMetadata.empty()).streamVersion()).isEqualTo(1);
    }

    @Test
    void metadataRoundTripsWithAbsentFieldsAndExtras() {
        EventMetadata full = new EventMetadata("corr-1", "cause-1", "mario", "naples", Map.of("channel", "web", "ip", "::1"));
        EventMetadata partial = new EventMetadata(null, "cause-2", null, null, Map.of());
        store.append("Order-metadata", ExpectedVersion.any(), List.of(ordered("m")), full);
        store.append("Order-metadata", ExpectedVersion.any(), List.of(ordered("m")), partial);

        assertThat(store.readStream("Order-metadata", 1, 10)).extracting(StoredEvent::metadata)
                .containsExactly(full, partial);
    }

    @Test
    void decimalsKeepTheirExactValueAndScaleAndDatesAreIsoStrings() throws SQLException {
        BigDecimal price = new BigDecimal("12345678901234567890.1234567890");
        BigDecimal tenth = new BigDecimal("0.10");
        store.append("Menu-decimals", ExpectedVersion.any(), List.of(new PriceChanged("margherita", price,
                LocalDate.of(2026, 11, 26)), new PriceChanged("marinara", tenth, LocalDate.of(2026, 12, 1))),
                EventMetadata.empty());

        assertThat(store.readStream("Menu-decimals", 1, 10)).extracting(StoredEvent::event).containsExactly(
                new PriceChanged("margherita", price, LocalDate.of(2026, 11, 26)),
                new PriceChanged("marinara", tenth, LocalDate.of(2026, 12, 1)));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select payload->>'price', payload->>'from', json_typeof(payload->'price')
                        from myelin.events where stream_id = 'Menu-decimals' order by stream_version"""
                );
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("12345678901234567890.1234567890");
            assertThat(rows.getString(2)).isEqualTo("2026-11-26");
            assertThat(rows.getString(3)).isEqualTo("number");
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("0.10");
        }
    }

    @Test
    void anUnregisteredEventClassIsRefusedBeforeAnythingIsWritten() {
        record Unknown(String what) implements dev.myelin.core.DomainEvent {
        }

        assertThatThrownBy(() -> store.append("Order-unknown", ExpectedVersion.any(), List.of(new Unknown("x")),
                EventMetadata.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not registered");
        assertThat(store.readStream("Order-unknown", 1, 10)).isEmpty();
    }

    private static String query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    /**
     * Begins a transaction that takes a transaction id and writes nothing, on another thread, and keeps it
     * open: {@code started} counts down once it has its id, and it commits once {@code end} counts down.
     * Events appended meanwhile are held back from readers of the log.
     */
    static Future<?> holdTransactionOpen(ExecutorService threads, JdbcTransactionRunner transactions,
            CountDownLatch started, CountDownLatch end) {
        return threads.submit(() -> transactions.inTransaction(() -> {
            try (PreparedStatement statement = transactions.currentConnection().prepareStatement("select pg_current_xact_id()")) {
                statement.execute();
            } catch (SQLException failure) {
                throw new IllegalStateException(failure);
            }
            started.countDown();
            awaitLatch(end);
            return null;
        }, result -> true));
    }

    static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Latch not released in 30 s");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
