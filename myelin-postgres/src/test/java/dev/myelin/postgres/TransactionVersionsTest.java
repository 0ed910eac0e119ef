package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.postgres.TestEvents.PizzaReady;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Versions vouched for by the transaction: an {@code exactly(v)} append after a read of event v in the same
 * transaction sends the insert without the {@code where exists} guard; every other {@code exactly(v)} inside
 * a transaction keeps it, whatever an earlier transaction on the same pooled connection saw.
 */
class TransactionVersionsTest {

    private static final String GUARD = "where exists";

    private static DataSource dataSource;

    @BeforeAll
    static void createDatabase() {
        dataSource = SharedPostgres.freshDatabase();
    }

    @Test
    void anAppendAfterAReadOfTheStreamInTheSameTransactionSendsTheInsertWithoutTheGuard() {
        JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
        Recording recording = new Recording(transactions);
        try (PostgresEventStore store = store(transactions, recording)) {
            store.append("Kitchen-read", ExpectedVersion.noStream(), event("a"), EventMetadata.empty());
            store.append("Kitchen-read", ExpectedVersion.exactly(1), event("b"), EventMetadata.empty());

            long version = transactions.inTransaction(() -> {
                List<StoredEvent> history = store.readStream("Kitchen-read", 1, 100);
                long read = history.get(history.size() - 1).streamVersion();
                recording.statements.clear();
                long first = store.append("Kitchen-read", ExpectedVersion.exactly(read), event("c"),
                        EventMetadata.empty()).streamVersion();
                // Its own append vouches for the next one too.
                return store.append("Kitchen-read", ExpectedVersion.exactly(first), event("d"), EventMetadata.empty())
                        .streamVersion();
            }, result -> true);

            assertThat(version).isEqualTo(4);
            assertThat(recording.statements).hasSize(2).allSatisfy(sql -> assertThat(sql).doesNotContain(GUARD)
                    .contains("on conflict (stream_id, stream_version) do nothing"));
            assertThat(versions(store, "Kitchen-read")).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void readingTheLastEventBackwardsVouchesForItsVersion() {
        JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
        Recording recording = new Recording(transactions);
        try (PostgresEventStore store = store(transactions, recording)) {
            store.append("Kitchen-back", ExpectedVersion.noStream(), List.of(new PizzaReady("a", "left"),
                    new PizzaReady("b", "left")), EventMetadata.empty());

            transactions.inTransaction(() -> {
                long last = store.readStreamBackwards("Kitchen-back", Long.MAX_VALUE, 1).get(0).streamVersion();
                recording.statements.clear();
                return store.append("Kitchen-back", ExpectedVersion.exactly(last), event("c"), EventMetadata.empty());
            }, result -> true);

            assertThat(recording.statements).singleElement().asString().doesNotContain(GUARD);
        }
    }

    @Test
    void aVersionNotSeenInThisTransactionKeepsTheGuard() {
        JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
        Recording recording = new Recording(transactions);
        try (PostgresEventStore store = store(transactions, recording)) {
            store.append("Kitchen-unseen", ExpectedVersion.noStream(), event("a"), EventMetadata.empty());
            // Read and appended in an earlier transaction: that transaction's knowledge ends with it.
            transactions.inTransaction(() -> {
                store.readStream("Kitchen-unseen", 1, 100);
                return store.append("Kitchen-unseen", ExpectedVersion.exactly(1), event("b"), EventMetadata.empty());
            }, result -> true);
            recording.statements.clear();

            transactions.inTransaction(() -> {
                // A version above the one read, and one of a stream not read, are not vouched for.
                store.readStream("Kitchen-unseen", 1, 1);
                return store.append("Kitchen-unseen", ExpectedVersion.exactly(2), event("c"), EventMetadata.empty());
            }, result -> true);

            assertThat(recording.statements).hasSize(2);
            assertThat(recording.statements.get(1)).contains(GUARD);
            assertThat(versions(store, "Kitchen-unseen")).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void aRolledBackTransactionsVersionsAreNotUsedByTheNextTransactionOnTheSamePooledConnection() throws SQLException {
        try (Connection physical = dataSource.getConnection()) {
            // The worst case for a pool: every transaction gets the very same connection object.
            DataSource onePooledConnection = sameConnectionEveryTime(physical);
            JdbcTransactionRunner transactions = new JdbcTransactionRunner(onePooledConnection);
            Recording recording = new Recording(transactions);
            try (PostgresEventStore store = store(transactions, recording)) {
                store.append("Kitchen-undone", ExpectedVersion.noStream(), event("a"), EventMetadata.empty());
                AppendResult undone = transactions.inTransaction(() -> {
                    store.readStream("Kitchen-undone", 1, 100);
                    return store.append("Kitchen-undone", ExpectedVersion.exactly(1), event("b"), EventMetadata.empty());
                }, result -> false);
                assertThat(undone.streamVersion()).isEqualTo(2);
                recording.statements.clear();

                // Version 2 was seen by the rolled-back transaction only: without the guard this would write 3, a gap.
                assertThatThrownBy(() -> transactions.inTransaction(() -> store.append("Kitchen-undone",
                        ExpectedVersion.exactly(2), event("c"), EventMetadata.empty()), result -> true))
                        .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                            assertThat(conflict.expectedVersion()).isEqualTo(2);
                            assertThat(conflict.actualVersion()).isEqualTo(1);
                        });

                assertThat(recording.statements.get(0)).contains(GUARD);
                assertThat(versions(store, "Kitchen-undone")).containsExactly(1L);
            }
        }
    }

    @Test
    void aConflictOnAVouchedVersionIsAnAggregateConflictAndLeavesTheTransactionUsable() {
        JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
        Recording recording = new Recording(transactions);
        try (PostgresEventStore store = store(transactions, recording)) {
            store.append("Kitchen-race", ExpectedVersion.noStream(), event("a"), EventMetadata.empty());

            String outcome = transactions.inTransaction(() -> {
                store.readStream("Kitchen-race", 1, 100);
                // Another writer moves the stream on after the read, and commits.
                store.append("Kitchen-other", ExpectedVersion.noStream(), event("x"), EventMetadata.empty());
                JdbcTransactionRunner elsewhere = new JdbcTransactionRunner(dataSource);
                try (PostgresEventStore other = store(elsewhere, elsewhere)) {
                    other.append("Kitchen-race", ExpectedVersion.exactly(1), event("b"), EventMetadata.empty());
                }
                recording.statements.clear();
                try {
                    store.append("Kitchen-race", ExpectedVersion.exactly(1), event("mine"), EventMetadata.empty());
                    return "appended";
                } catch (AggregateConflictException conflict) {
                    // The transaction is still usable: another append in it commits.
                    store.append("Kitchen-other", ExpectedVersion.exactly(1), event("y"), EventMetadata.empty());
                    return "conflict at " + conflict.actualVersion();
                }
            }, result -> true);

            assertThat(outcome).isEqualTo("conflict at 2");
            assertThat(recording.statements.get(0)).doesNotContain(GUARD);
            assertThat(versions(store, "Kitchen-race")).containsExactly(1L, 2L);
            assertThat(versions(store, "Kitchen-other")).containsExactly(1L, 2L);
        }
    }

    @Test
    void aPortThatCannotReportTheEndOfItsTransactionsKeepsTheGuard() {
        JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
        List<String> statements = new ArrayList<>();
        CurrentConnection withoutEnd = () -> {
            Connection connection = transactions.get();
            return connection == null ? null : recording(connection, statements);
        };
        try (PostgresEventStore store = PostgresEventStore.builder(dataSource, transactions, withoutEnd,
                TestEvents.serializer()).build()) {
            store.append("Kitchen-port", ExpectedVersion.noStream(), event("a"), EventMetadata.empty());
            transactions.inTransaction(() -> {
                store.readStream("Kitchen-port", 1, 100);
                statements.clear();
                return store.append("Kitchen-port", ExpectedVersion.exactly(1), event("b"), EventMetadata.empty());
            }, result -> true);

            assertThat(statements).singleElement().asString().contains(GUARD);
        }
    }

    private static PostgresEventStore store(JdbcTransactionRunner transactions, CurrentConnection current) {
        return PostgresEventStore.builder(dataSource, transactions, current, TestEvents.serializer()).build();
    }

    private static List<PizzaReady> event(String orderId) {
        return List.of(new PizzaReady(orderId, "left"));
    }

    private static List<Long> versions(PostgresEventStore store, String streamId) {
        return store.readStream(streamId, 1, 100).stream().map(StoredEvent::streamVersion).toList();
    }

    /**
     * The runner's connection, recording the SQL of the statements prepared on it; the same proxy for the
     * same connection, and the runner's end-of-transaction callback.
     */
    private static final class Recording implements CurrentConnection {
        final List<String> statements = new ArrayList<>();
        private final JdbcTransactionRunner transactions;
        private Connection connection;
        private Connection proxy;

        Recording(JdbcTransactionRunner transactions) {
            this.transactions = transactions;
        }

        @Override
        public Connection get() {
            Connection bound = transactions.get();
            if (bound == null) {
                return null;
            }
            if (bound != connection) {
                connection = bound;
                proxy = recording(bound, statements);
            }
            return proxy;
        }

        @Override
        public boolean onTransactionEnd(Runnable callback) {
            return transactions.onTransactionEnd(callback);
        }
    }

    private static Connection recording(Connection connection, List<String> statements) {
        return (Connection) Proxy.newProxyInstance(TransactionVersionsTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        statements.add((String) args[0]);
                    }
                    return invoke(connection, method, args);
                });
    }

    /** A data source handing out one connection, always the same object, whose close() does nothing. */
    private static DataSource sameConnectionEveryTime(Connection physical) {
        Connection pooled = (Connection) Proxy.newProxyInstance(TransactionVersionsTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close") ? null
                        : invoke(physical, method, args));
        return (DataSource) Proxy.newProxyInstance(TransactionVersionsTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> pooled;
                    case "getLogWriter" -> (PrintWriter) null;
                    case "getParentLogger" -> Logger.getGlobal();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException failure) {
            throw failure.getCause();
        }
    }
}
