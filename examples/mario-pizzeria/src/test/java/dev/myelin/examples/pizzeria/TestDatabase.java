package dev.myelin.examples.pizzeria;

import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM (fsync off, throw-away directory), and a fresh database for
 * each Spring context that asks for one. The server stops with the JVM.
 */
final class TestDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestDatabase() {
    }

    /** Creates a new, empty database and returns its JDBC URL. */
    static String freshDatabaseUrl() {
        String name = "pizzeria_" + DATABASES.incrementAndGet();
        Server.INSTANCE.createDatabase(name);
        return Server.INSTANCE.jdbcUrl(name);
    }

    /** The server, started on first use. */
    private static final class Server {
        static final EmbeddedPostgresServer INSTANCE = start();

        private static EmbeddedPostgresServer start() {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().durable(false).start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
            return server;
        }
    }
}
