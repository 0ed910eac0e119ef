package dev.myelin.postgres;

import static dev.myelin.postgres.PostgresEventStoreTest.awaitLatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.postgres.TestEvents.Numbered;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Readers of the whole log never skip an event that commits late with a lower position, nor read one
 * twice: the proof of the technique that {@link PostgresEventStore} documents.
 */
class NeverSkipTest {

    /** What a store reading by position alone would run: it skips in the second scenario. */
    private static final String SQL_READ_BY_POSITION_ONLY = """
            select global_position from myelin.events
            where global_position > ? and tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by global_position
            """;

    private static final String SQL_TX_IDS = """
            select global_position, tx_id::text::numeric from myelin.events
            """;

    private DataSource dataSource;
    private JdbcTransactionRunner transactions;
    private PostgresEventStore store;
    private ExecutorService threads;

    @BeforeEach
    void createStore() {
        dataSource = SharedPostgres.freshDatabase();
        transactions = new JdbcTransactionRunner(dataSource);
        store = PostgresEventStore.builder(dataSource, transactions, transactions, TestEvents.serializer()).build();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void givenASlowWriterWithALowerPosition_whenAFastWriterCommitsFirst_thenReadersSeeNothingUntilTheSlowOneCommits()
            throws Exception {
        store.append("Before", ExpectedVersion.any(), List.of(new Numbered("before", 0)), EventMetadata.empty());
        long checkpoint = store.readAll(0, 100).get(0).position();
        CountDownLatch slowAppended = new CountDownLatch(1);
        CountDownLatch commitSlow = new CountDownLatch(1);

        Future<?> slow = threads.submit(() -> transactions.inTransaction(() -> {
            store.append("Slow", ExpectedVersion.noStream(), List.of(new Numbered("slow", 1), new Numbered("slow", 2)),
                    EventMetadata.empty());
            slowAppended.countDown();
            awaitLatch(commitSlow);
            return null;
        }, result -> true));
        awaitLatch(slowAppended);
        store.append("Fast", ExpectedVersion.noStream(), List.of(new Numbered("fast", 3)), EventMetadata.empty());

        assertThat(store.readStream("Fast", 1, 10)).hasSize(1);
        assertThat(store.readAll(checkpoint, 100)).isEmpty();

        commitSlow.countDown();
        slow.get(30, TimeUnit.SECONDS);
        List<StoredEvent> after = store.readAll(checkpoint, 100);

        assertThat(after).extracting(event -> ((Numbered) event.event()).number()).containsExactly(1L, 2L, 3L);
        assertThat(after).extracting(StoredEvent::position).isSorted();
        assertThat(store.readAll(after.get(2).position(), 100)).isEmpty();
    }

    @Test
    void givenAnOlderTransactionTakingAHigherPosition_whenItCommitsFirst_thenTheYoungerLowerPositionIsNotSkipped()
            throws Exception {
        CountDownLatch olderHasId = new CountDownLatch(1);
        CountDownLatch youngerAppended = new CountDownLatch(1);
        CountDownLatch commitYounger = new CountDownLatch(1);

        Future<?> older = threads.submit(() -> transactions.inTransaction(() -> {
            takeTransactionId();
            olderHasId.countDown();
            awaitLatch(youngerAppended);
            store.append("Older", ExpectedVersion.noStream(), List.of(new Numbered("older", 2)), EventMetadata.empty());
            return null;
        }, result -> true));
        awaitLatch(olderHasId);
        Future<?> younger = threads.submit(() -> transactions.inTransaction(() -> {
            store.append("Younger", ExpectedVersion.noStream(), List.of(new Numbered("younger", 1)), EventMetadata.empty());
            youngerAppended.countDown();
            awaitLatch(commitYounger);
            return null;
        }, result -> true));
        older.get(30, TimeUnit.SECONDS);

        List<StoredEvent> first = store.readAll(0, 100);
        assertThat(first).extracting(event -> ((Numbered) event.event()).writer()).containsExactly("older");
        long checkpoint = first.get(0).position();
        // A reader ordering by position alone now holds the older event's higher position and will never read
        // the younger one's lower position.
        assertThat(positionsAfterByPositionOnly(0)).containsExactly(checkpoint);

        commitYounger.countDown();
        younger.get(30, TimeUnit.SECONDS);
        List<StoredEvent> second = store.readAll(checkpoint, 100);

        assertThat(second).extracting(event -> ((Numbered) event.event()).writer()).containsExactly("younger");
        assertThat(second.get(0).position()).isLessThan(checkpoint);
        assertThat(positionsAfterByPositionOnly(checkpoint)).isEmpty();
        assertThat(store.readAll(second.get(0).position(), 100)).isEmpty();
    }

    @Test
    void givenManySlowAndFastWriters_whenAReaderFollowsTheLog_thenItSeesEveryCommittedEventOnceInReadOrder()
            throws Exception {
        int writers = 6;
        int transactionsPerWriter = 40;
        Set<String> committed = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String writer = "w" + w;
            Random random = new Random(42 + w);
            writes.add(threads.submit(() -> {
                for (int t = 0; t < transactionsPerWriter; t++) {
                    write(writer, t, random, committed);
                }
                return null;
            }));
        }
        List<StoredEvent> seen = new ArrayList<>();
        Future<?> reader = threads.submit(() -> {
            long checkpoint = 0;
            while (true) {
                boolean finalPass = !writing.get();
                List<StoredEvent> batch = store.readAll(checkpoint, 7);
                seen.addAll(batch);
                if (!batch.isEmpty()) {
                    checkpoint = batch.get(batch.size() - 1).position();
                } else if (finalPass) {
                    return null;
                }
            }
        });
        for (Future<?> write : writes) {
            write.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        reader.get(120, TimeUnit.SECONDS);

        List<String> seenIds = seen.stream().map(NeverSkipTest::id).toList();
        assertThat(committed).as("committed events never read").isSubsetOf(seenIds);
        assertThat(seenIds).doesNotHaveDuplicates();
        assertThat(seenIds).containsExactlyInAnyOrderElementsOf(committed);
        assertThat(committed).hasSizeGreaterThan(writers * transactionsPerWriter / 2);
        Map<Long, java.math.BigDecimal> txIds = txIdsByPosition();
        for (int i = 1; i < seen.size(); i++) {
            long previous = seen.get(i - 1).position();
            long current = seen.get(i).position();
            int byTransaction = txIds.get(previous).compareTo(txIds.get(current));
            assertThat(byTransaction < 0 || byTransaction == 0 && previous < current)
                    .as("read order (tx_id, position) at %d: %d then %d", i, previous, current).isTrue();
        }
    }

    /** One transaction of a stress writer: 1 to 3 events, slow or fast, sometimes taking its id early, sometimes rolled back. */
    private void write(String writer, int number, Random random, Set<String> committed) {
        int count = 1 + random.nextInt(3);
        boolean early = random.nextInt(4) == 0;
        boolean rollBack = random.nextInt(8) == 0;
        long pauseMillis = random.nextInt(3) == 0 ? 5 + random.nextInt(20) : 0;
        List<Numbered> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new Numbered(writer, number * 10L + i));
        }
        boolean done = transactions.inTransaction(() -> {
            if (early) {
                takeTransactionId();
            }
            pause(pauseMillis / 2);
            store.append(writer + "-" + (number % 5), ExpectedVersion.any(), events, EventMetadata.empty());
            pause(pauseMillis / 2);
            return !rollBack;
        }, result -> result);
        if (done) {
            events.forEach(event -> committed.add(event.writer() + "/" + event.number()));
        }
    }

    private static String id(StoredEvent stored) {
        Numbered event = (Numbered) stored.event();
        return event.writer() + "/" + event.number();
    }

    private void takeTransactionId() {
        try (PreparedStatement statement = transactions.currentConnection().prepareStatement("select pg_current_xact_id()")) {
            statement.execute();
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static void pause(long millis) {
        // A writer holding its transaction open is the scenario itself, not a wait for a condition.
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<Long> positionsAfterByPositionOnly(long after) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL_READ_BY_POSITION_ONLY)) {
            statement.setLong(1, after);
            try (ResultSet rows = statement.executeQuery()) {
                List<Long> positions = new ArrayList<>();
                while (rows.next()) {
                    positions.add(rows.getLong(1));
                }
                return positions;
            }
        }
    }

    private Map<Long, java.math.BigDecimal> txIdsByPosition() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL_TX_IDS);
                ResultSet rows = statement.executeQuery()) {
            Map<Long, java.math.BigDecimal> txIds = new HashMap<>();
            while (rows.next()) {
                txIds.put(rows.getLong(1), rows.getBigDecimal(2));
            }
            return txIds;
        }
    }
}
