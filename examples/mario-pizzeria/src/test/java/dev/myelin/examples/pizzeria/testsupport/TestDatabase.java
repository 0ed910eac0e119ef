package dev.myelin.examples.pizzeria.testsupport;

import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One embedded PostgreSQL per test JVM (fsync off, throw-away directory), and a fresh database for
 * each Spring context that asks for one. The server stops with the JVM.
 */
public final class TestDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestDatabase() {
    }

    /**
     * Points a Spring context at a new, empty database: registers {@code spring.datasource.url} (the
     * database is created once, when the context first reads the URL) and user {@code postgres}. Call it
     * from a {@code @DynamicPropertySource} method; each context that Spring loads gets its own database.
     *
     * @param registry the context's dynamic properties
     */
    public static void useFreshDatabase(DynamicPropertyRegistry registry) {
        FreshUrl url = new FreshUrl();
        registry.add("spring.datasource.url", url::get);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    /**
     * Creates a new, empty database.
     *
     * @return its JDBC URL, for user {@code postgres}
     */
    private static String freshDatabaseUrl() {
        String name = "pizzeria_" + DATABASES.incrementAndGet();
        Server.INSTANCE.createDatabase(name);
        return Server.INSTANCE.jdbcUrl(name);
    }

    /** A database URL made on first use and the same after; thread-safe. */
    private static final class FreshUrl {
        private String url;

        synchronized String get() {
            if (url == null) {
                url = freshDatabaseUrl();
            }
            return url;
        }
    }

    /** The server, started on first use. */
    private static final class Server {
        static final EmbeddedPostgresServer INSTANCE = start();

        private static EmbeddedPostgresServer start() {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().durable(false).shutdownHook(false).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterSpring(server), "embedded-postgres-stop"));
            return server;
        }

        /**
         * Shutdown hooks run concurrently: stopping the server while Spring closes the test contexts
         * leaves the projection daemon waiting for a connection that never comes. So zonky's own hook is
         * off, and this one waits for Spring's first.
         */
        private static void stopAfterSpring(EmbeddedPostgresServer server) {
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            try {
                // The hooks start in no fixed order: give Spring's a moment to appear, then wait for it.
                while (System.nanoTime() < deadline) {
                    Thread spring = Thread.getAllStackTraces().keySet().stream()
                            .filter(thread -> thread.getName().equals("SpringApplicationShutdownHook"))
                            .findFirst().orElse(null);
                    if (spring != null) {
                        spring.join(Duration.ofSeconds(20).toMillis());
                        break;
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            server.close();
        }
    }
}
