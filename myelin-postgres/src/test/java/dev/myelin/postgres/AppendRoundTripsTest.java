package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.postgres.TestEvents.PizzaReady;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an append inside a transaction does on the transaction's connection: one statement, executed once,
 * and nothing else (no savepoint, no auto-commit or isolation switch, no read back, no commit of its own).
 * The transaction's {@code BEGIN} travels with that statement and its {@code COMMIT} is the runner's, so
 * the append costs the transaction one round trip, as the raw insert of the row would.
 */
class AppendRoundTripsTest {

    private static DataSource dataSource;
    private static JdbcTransactionRunner transactions;

    @BeforeAll
    static void createDatabase() {
        dataSource = SharedPostgres.freshDatabase();
        transactions = new JdbcTransactionRunner(dataSource);
    }

    @Test
    void anAppendInsideATransactionRunsOneStatementAndNothingElseOnTheTransactionsConnection() {
        List<String> calls = new ArrayList<>();
        CurrentConnection recorded = () -> {
            Connection connection = transactions.get();
            return connection == null ? null : recording(connection, calls);
        };
        try (PostgresEventStore store = PostgresEventStore.builder(dataSource, transactions, recorded,
                TestEvents.serializer()).build()) {
            transactions.inTransaction(() -> store.append("Kitchen-trips", ExpectedVersion.noStream(),
                    List.of(new PizzaReady("trips", "left")), EventMetadata.empty()), result -> true);
            for (long version = 1; version <= 3; version++) {
                long expected = version;
                calls.clear();
                transactions.inTransaction(() -> store.append("Kitchen-trips", ExpectedVersion.exactly(expected),
                        List.of(new PizzaReady("trips", "right")), EventMetadata.empty()), result -> true);

                assertThat(calls).as("calls on the transaction's connection for exactly(%d)", expected)
                        .containsExactly("Connection.prepareStatement", "PreparedStatement.executeQuery",
                                "PreparedStatement.close");
            }
            assertThat(store.readStream("Kitchen-trips", 1, 10)).hasSize(4);
        }
    }

    /** The connection, recording every call made on it and on the statements it prepares (setters left out). */
    private static Connection recording(Connection connection, List<String> calls) {
        return (Connection) Proxy.newProxyInstance(AppendRoundTripsTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    calls.add("Connection." + method.getName());
                    Object result = invoke(connection, method, args);
                    if (result instanceof PreparedStatement statement) {
                        return recording(statement, calls);
                    }
                    return result;
                });
    }

    private static PreparedStatement recording(PreparedStatement statement, List<String> calls) {
        return (PreparedStatement) Proxy.newProxyInstance(AppendRoundTripsTest.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (!method.getName().startsWith("set")) {
                        calls.add("PreparedStatement." + method.getName());
                    }
                    return invoke(statement, method, args);
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
