package dev.myelin.spring.boot.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.DomainEvent;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.postgres.EventTypeRegistry;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.PostgresEventStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The store's versions vouched for by the transaction, in Spring's transactions: the append after a read
 * sends no guard, and a rolled-back transaction's versions do not reach the next transaction on the very
 * same connection object ({@link SingleConnectionDataSource}, a pool's worst case).
 */
class SpringTransactionVersionsTest {

    record Baked(String pizza) implements DomainEvent {
    }

    private static EmbeddedPostgres postgres;
    private static DataSource database;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        database = postgres.getPostgresDatabase();
        MyelinSchema.DEFAULT.migrate(database);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void anAppendAfterAReadInTheSameSpringTransactionSendsNoGuardAndARolledBackOneTeachesTheNextNothing()
            throws SQLException {
        SingleConnectionDataSource oneConnection = new SingleConnectionDataSource(database.getConnection(), true);
        SpringTransactionRunner runner = new SpringTransactionRunner(new JdbcTransactionManager(oneConnection));
        List<String> statements = new CopyOnWriteArrayList<>();
        SpringCurrentConnection spring = new SpringCurrentConnection(oneConnection);
        CurrentConnection recording = new CurrentConnection() {
            private Connection bound;
            private Connection proxy;

            @Override
            public Connection get() {
                Connection connection = spring.get();
                if (connection != null && connection != bound) {
                    bound = connection;
                    proxy = recording(connection, statements);
                }
                return connection == null ? null : proxy;
            }

            @Override
            public boolean onTransactionEnd(Runnable callback) {
                return spring.onTransactionEnd(callback);
            }
        };
        JacksonEventSerializer serializer = JacksonEventSerializer.of(EventTypeRegistry.builder().register(Baked.class)
                .build());
        try (PostgresEventStore store = PostgresEventStore.builder(database, runner, recording, serializer).build()) {
            store.append("Oven-1", ExpectedVersion.noStream(), List.of(new Baked("a")), EventMetadata.empty());

            runner.inTransaction(() -> {
                List<StoredEvent> read = store.readStream("Oven-1", 1, 100);
                statements.clear();
                return store.append("Oven-1", ExpectedVersion.exactly(read.get(read.size() - 1).streamVersion()),
                        List.of(new Baked("b")), EventMetadata.empty());
            }, result -> false);
            assertThat(statements).singleElement().asString().doesNotContain("where exists");
            statements.clear();

            // Version 2 was rolled back: the next transaction on the same connection object must check it.
            assertThatThrownBy(() -> runner.inTransaction(() -> store.append("Oven-1", ExpectedVersion.exactly(2),
                    List.of(new Baked("c")), EventMetadata.empty()), result -> true))
                    .isInstanceOfSatisfying(AggregateConflictException.class,
                            conflict -> assertThat(conflict.actualVersion()).isEqualTo(1));
            assertThat(statements.get(0)).contains("where exists");
            assertThat(store.readStream("Oven-1", 1, 100)).extracting(StoredEvent::streamVersion).containsExactly(1L);
        } finally {
            oneConnection.destroy();
        }
    }

    /** The connection, recording the SQL of the statements prepared on it. */
    private static Connection recording(Connection connection, List<String> statements) {
        return (Connection) Proxy.newProxyInstance(SpringTransactionVersionsTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new java.lang.reflect.InvocationHandler() {
                    @Override
                    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
                        if (method.getName().equals("prepareStatement")) {
                            statements.add((String) args[0]);
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException failure) {
                            throw failure.getCause();
                        }
                    }
                });
    }
}
