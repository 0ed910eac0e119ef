package dev.myelin.postgres;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.contract.TestEvents;
import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One throw-away PostgreSQL per test JVM, started on first use and stopped at exit; each caller gets
 * a fresh database with the framework schema migrated. (myelin-test's extension does the same for
 * applications; this module cannot depend on it.)
 */
public final class SharedPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private SharedPostgres() {
    }

    private static final class Holder {
        static final EmbeddedPostgresServer SERVER = start();

        private static EmbeddedPostgresServer start() {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().durable(false).start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "myelin-test-postgres-stop"));
            return server;
        }
    }

    public static EmbeddedPostgresServer server() {
        return Holder.SERVER;
    }

    /** A new, empty database with the framework schema migrated. */
    public static DataSource freshDatabase() {
        String name = "myelin_pg_test_" + DATABASES.incrementAndGet();
        server().createDatabase(name);
        DataSource dataSource = server().dataSource(name);
        MyelinSchema.DEFAULT.migrate(dataSource);
        return dataSource;
    }

    /** An event store over {@code dataSource} that knows the contract suite's test events. */
    public static PostgresEventStore eventStoreOfTestEvents(DataSource dataSource, JdbcTransactionRunner transactions) {
        return PostgresEventStore.builder(dataSource, transactions, transactions, JacksonEventSerializer.of(EventTypeRegistry.builder()
                .register(TestEvents.Placed.class)
                .register(TestEvents.Added.class)
                .register(TestEvents.Poisoned.class)
                .build()))
                .build();
    }
}
