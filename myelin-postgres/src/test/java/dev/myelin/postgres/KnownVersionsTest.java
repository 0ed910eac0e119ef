package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.postgres.TestEvents.PizzaReady;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Appends outside a transaction whose expected version the store knows to be committed (opted into with
 * {@code knownStreams}; off by default, see the lost-tail tests at the end): a plain insert,
 * the unique key being the whole check (a conflict then carries the unique violation as its cause; one
 * found by the checked statement has none). Two stores on one database stand for two instances. What a
 * transaction wrote or read is known only once it commits: otherwise a rolled-back write would let an
 * append leave a gap.
 */
class KnownVersionsTest {

    /** Known versions are opted into: off by default, since a lost commit would let them leave a gap. */
    private static final int KNOWN = 4096;

    private static DataSource dataSource;
    private static JdbcTransactionRunner transactions;
    private static PostgresEventStore store;
    private static PostgresEventStore other;

    @BeforeAll
    static void createStores() {
        dataSource = SharedPostgres.freshDatabase();
        transactions = new JdbcTransactionRunner(dataSource);
        store = PostgresEventStore.builder(dataSource, transactions, transactions, TestEvents.serializer())
                .knownStreams(KNOWN).build();
        JdbcTransactionRunner runner1 = new JdbcTransactionRunner(dataSource);
        other = PostgresEventStore.builder(dataSource, runner1, runner1, TestEvents.serializer())
                .knownStreams(KNOWN).build();
    }

    private static List<PizzaReady> ready(String stream, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new PizzaReady(stream, "oven-" + i)).toList();
    }

    private static AggregateConflictException conflictOf(Runnable append) {
        try {
            append.run();
        } catch (AggregateConflictException conflict) {
            return conflict;
        }
        throw new AssertionError("expected a conflict");
    }

    @Test
    void aVersionTheStoreWroteIsCheckedByTheUniqueKeyAlone() {
        store.append("Kitchen-own", ExpectedVersion.noStream(), ready("own", 1), EventMetadata.empty());
        store.append("Kitchen-own", ExpectedVersion.exactly(1), ready("own", 1), EventMetadata.empty());
        // Another instance moves the stream on; this store still knows version 2 exists.
        other.append("Kitchen-own", ExpectedVersion.exactly(2), ready("own", 1), EventMetadata.empty());

        AggregateConflictException conflict = conflictOf(() -> store.append("Kitchen-own", ExpectedVersion.exactly(2),
                ready("own", 2), EventMetadata.empty()));

        assertThat(conflict.expectedVersion()).isEqualTo(2);
        assertThat(conflict.actualVersion()).isEqualTo(3);
        assertThat(conflict.getCause()).isInstanceOfSatisfying(SQLException.class,
                failure -> assertThat(failure.getSQLState()).isEqualTo("23505"));
        assertThat(store.readStream("Kitchen-own", 1, 10)).extracting(StoredEvent::streamVersion).containsExactly(1L, 2L, 3L);
        // The retry expecting the actual version is written.
        assertThat(store.append("Kitchen-own", ExpectedVersion.exactly(3), ready("own", 2), EventMetadata.empty())
                .streamVersion()).isEqualTo(5);
    }

    @Test
    void aVersionBeyondWhatTheStoreKnowsIsCheckedInSqlAndLeavesNoGap() {
        store.append("Kitchen-ahead", ExpectedVersion.noStream(), ready("ahead", 2), EventMetadata.empty());

        AggregateConflictException conflict = conflictOf(() -> store.append("Kitchen-ahead", ExpectedVersion.exactly(5),
                ready("ahead", 1), EventMetadata.empty()));

        assertThat(conflict.actualVersion()).isEqualTo(2);
        assertThat(conflict.getCause()).isNull();
        assertThat(store.readStream("Kitchen-ahead", 1, 10)).hasSize(2);
    }

    @Test
    void noStreamIsAPlainInsertWhoseUniqueViolationIsTheConflict() {
        other.append("Kitchen-taken", ExpectedVersion.noStream(), ready("taken", 3), EventMetadata.empty());

        AggregateConflictException conflict = conflictOf(() -> store.append("Kitchen-taken", ExpectedVersion.noStream(),
                ready("taken", 2), EventMetadata.empty()));

        assertThat(conflict.expectedVersion()).isZero();
        assertThat(conflict.actualVersion()).isEqualTo(3);
        assertThat(conflict.getCause()).isInstanceOf(SQLException.class);
        assertThat(store.readStream("Kitchen-taken", 1, 10)).extracting(StoredEvent::event)
                .containsExactlyElementsOf(ready("taken", 3));
    }

    @Test
    void severalEventsAfterAKnownVersionAreNumberedOnInOrder() {
        assertThat(TestEvents.appended(store.append("Kitchen-many", ExpectedVersion.noStream(), ready("many", 3),
                EventMetadata.empty()))).isEqualTo(TestEvents.appended(3, 3));
        assertThat(TestEvents.appended(store.append("Kitchen-many", ExpectedVersion.exactly(3), ready("many", 4),
                EventMetadata.empty()))).isEqualTo(TestEvents.appended(7, 4));
        other.append("Kitchen-many", ExpectedVersion.exactly(7), ready("many", 1), EventMetadata.empty());
        AggregateConflictException conflict = conflictOf(() -> store.append("Kitchen-many", ExpectedVersion.exactly(7),
                ready("many", 2), EventMetadata.empty()));
        assertThat(conflict.actualVersion()).isEqualTo(8);
        assertThat(conflict.getCause()).isInstanceOf(SQLException.class);

        List<StoredEvent> events = store.readStream("Kitchen-many", 1, 10);
        assertThat(events).extracting(StoredEvent::streamVersion).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(events).extracting(StoredEvent::position).isSorted().doesNotHaveDuplicates();
        assertThat(events.subList(3, 7)).extracting(StoredEvent::event).containsExactlyElementsOf(ready("many", 4));
    }

    @Test
    void aVersionReadOutsideATransactionIsKnown() {
        other.append("Kitchen-read", ExpectedVersion.noStream(), ready("read", 3), EventMetadata.empty());
        assertThat(store.readStreamBackwards("Kitchen-read", Long.MAX_VALUE, 1)).hasSize(1);
        other.append("Kitchen-read", ExpectedVersion.exactly(3), ready("read", 1), EventMetadata.empty());

        AggregateConflictException conflict = conflictOf(() -> store.append("Kitchen-read", ExpectedVersion.exactly(3),
                ready("read", 1), EventMetadata.empty()));

        assertThat(conflict.actualVersion()).isEqualTo(4);
        assertThat(conflict.getCause()).isInstanceOf(SQLException.class);
    }

    @Test
    void whatARolledBackTransactionWroteOrReadIsNotKnown() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            store.append("Kitchen-undone", ExpectedVersion.noStream(), ready("undone", 2), EventMetadata.empty());
            assertThat(store.readStream("Kitchen-undone", 1, 10)).hasSize(2);
            throw new IllegalStateException("handler failed");
        }, result -> true)).hasMessage("handler failed");

        // Had the store learnt version 2, this would insert version 3 into an empty stream.
        AggregateConflictException conflict = conflictOf(() -> store.append("Kitchen-undone", ExpectedVersion.exactly(2),
                ready("undone", 1), EventMetadata.empty()));

        assertThat(conflict.actualVersion()).isEqualTo(AggregateConflictException.NONE);
        assertThat(conflict.getCause()).isNull();
        assertThat(store.readStream("Kitchen-undone", 1, 10)).isEmpty();
    }

    @Test
    void whatACommittedTransactionWroteIsKnownAfterItsCommit() {
        transactions.inTransaction(() -> store.append("Kitchen-committed", ExpectedVersion.noStream(),
                ready("committed", 2), EventMetadata.empty()), result -> true);
        other.append("Kitchen-committed", ExpectedVersion.exactly(2), ready("committed", 1), EventMetadata.empty());

        AggregateConflictException conflict = conflictOf(() -> store.append("Kitchen-committed",
                ExpectedVersion.exactly(2), ready("committed", 1), EventMetadata.empty()));

        assertThat(conflict.actualVersion()).isEqualTo(3);
        assertThat(conflict.getCause()).isInstanceOf(SQLException.class);
    }

    @Test
    void insideATransactionAConflictOnAKnownVersionLeavesTheTransactionUsable() {
        store.append("Kitchen-joined", ExpectedVersion.noStream(), ready("joined", 1), EventMetadata.empty());
        other.append("Kitchen-joined", ExpectedVersion.exactly(1), ready("joined", 1), EventMetadata.empty());

        long read = transactions.inTransaction(() -> {
            AggregateConflictException conflict = conflictOf(() -> store.append("Kitchen-joined",
                    ExpectedVersion.exactly(1), ready("joined", 1), EventMetadata.empty()));
            assertThat(conflict.actualVersion()).isEqualTo(2);
            assertThat(conflict.getCause()).isNull();
            return (long) store.readStream("Kitchen-joined", 1, 10).size();
        }, result -> true);

        assertThat(read).isEqualTo(2);
    }

    @Test
    void aStoreWithoutKnownStreamsChecksEveryAppendInSql() {
        JdbcTransactionRunner runner2 = new JdbcTransactionRunner(dataSource);
        PostgresEventStore checking = PostgresEventStore.builder(dataSource, runner2, runner2,
                TestEvents.serializer()).knownStreams(0).build();
        checking.append("Kitchen-checked", ExpectedVersion.noStream(), ready("checked", 1), EventMetadata.empty());
        other.append("Kitchen-checked", ExpectedVersion.exactly(1), ready("checked", 1), EventMetadata.empty());

        AggregateConflictException conflict = conflictOf(() -> checking.append("Kitchen-checked",
                ExpectedVersion.exactly(1), ready("checked", 1), EventMetadata.empty()));

        assertThat(conflict.actualVersion()).isEqualTo(2);
        assertThat(conflict.getCause()).isNull();
        assertThatThrownBy(() -> PostgresEventStore.builder(dataSource, transactions, transactions, TestEvents.serializer())
                .knownStreams(100)).isInstanceOf(IllegalArgumentException.class);
        checking.close();
    }

    @Test
    void theTableForgetsByOverwritingAndNeverLowersWhatItKeeps() {
        KnownVersions known = new KnownVersions(1);
        known.learn("A", 3);
        known.learn("A", 2);
        known.learn("A", 0);

        assertThat(known.committed("A", 3)).isTrue();
        assertThat(known.committed("A", 1)).isTrue();
        assertThat(known.committed("A", 4)).isFalse();

        known.learn("B", 1);
        assertThat(known.committed("B", 1)).isTrue();
        assertThat(known.committed("A", 1)).isFalse();
        assertThatThrownBy(() -> new KnownVersions(3)).isInstanceOf(IllegalArgumentException.class);
        KnownVersions none = new KnownVersions(0);
        none.learn("A", 3);
        assertThat(none.committed("A", 1)).isFalse();
    }

    /** Deletes a stream's events after a version: what a restore or a failover that lost commits leaves. */
    private static void loseTail(String stream, long keptVersion) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(
                        "delete from myelin.events where stream_id = ? and stream_version > ?")) {
            statement.setString(1, stream);
            statement.setLong(2, keptVersion);
            assertThat(statement.executeUpdate()).isPositive();
        } catch (SQLException failure) {
            throw new AssertionError(failure);
        }
    }

    @Test
    void byDefaultAnAppendAfterALostCommittedTailIsAConflictNotAGap() {
        JdbcTransactionRunner runner = new JdbcTransactionRunner(dataSource);
        try (PostgresEventStore defaults = PostgresEventStore.builder(dataSource, runner, runner,
                TestEvents.serializer()).build()) {
            defaults.append("Kitchen-restored", ExpectedVersion.noStream(), ready("restored", 2), EventMetadata.empty());
            defaults.append("Kitchen-restored", ExpectedVersion.exactly(2), ready("restored", 1), EventMetadata.empty());
            assertThat(defaults.readStream("Kitchen-restored", 1, 10)).hasSize(3);
            loseTail("Kitchen-restored", 2);

            // The writer loaded version 3 before the loss; the store wrote and read it, and must not trust that.
            AggregateConflictException conflict = conflictOf(() -> defaults.append("Kitchen-restored",
                    ExpectedVersion.exactly(3), ready("restored", 1), EventMetadata.empty()));

            assertThat(conflict.expectedVersion()).isEqualTo(3);
            assertThat(conflict.actualVersion()).isEqualTo(2);
            assertThat(defaults.readStream("Kitchen-restored", 1, 10)).extracting(StoredEvent::streamVersion)
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    void withKnownStreamsOptedInTheSameLossLeavesAGapWhichIsWhyTheyAreOffByDefault() {
        store.append("Kitchen-opted", ExpectedVersion.noStream(), ready("opted", 3), EventMetadata.empty());
        loseTail("Kitchen-opted", 2);

        store.append("Kitchen-opted", ExpectedVersion.exactly(3), ready("opted", 1), EventMetadata.empty());

        assertThat(store.readStream("Kitchen-opted", 1, 10)).extracting(StoredEvent::streamVersion)
                .containsExactly(1L, 2L, 4L);
    }
}
