package dev.myelin.examples.pizzeria.testsupport;

import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL for the security, bad-input and web tests of a JVM (fsync off, throw-away
 * directory), and a fresh database for each Spring context that asks for one. Stops with the JVM.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {
    }

    /**
     * Creates a new, empty database.
     *
     * @return its JDBC URL, for user {@code postgres}
     */
    public static String freshDatabaseUrl() {
        String name = "pizzeria_web_" + DATABASES.incrementAndGet();
        Server.INSTANCE.createDatabase(name);
        return Server.INSTANCE.jdbcUrl(name);
    }

    /** The server, started on first use. */
    private static final class Server {
        static final EmbeddedPostgresServer INSTANCE = start();

        private static EmbeddedPostgresServer start() {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().durable(false).start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
            return server;
        }
    }
}
