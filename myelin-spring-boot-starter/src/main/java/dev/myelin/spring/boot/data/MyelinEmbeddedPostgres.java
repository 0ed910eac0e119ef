package dev.myelin.spring.boot.data;

import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The embedded PostgreSQL server the starter runs when the application configures no database
 * ({@code spring.datasource.url} unset, no {@code DataSource} bean). Its presence as a bean means the
 * application runs on the embedded database: condition development-only beans on it with
 * {@code @ConditionalOnBean(MyelinEmbeddedPostgres.class)}.
 *
 * <p>The server is durable ({@code fsync}, {@code synchronous_commit} and {@code full_page_writes}
 * on), keeps its data in {@code myelin.postgres.embedded.data-directory} across restarts, and stops
 * with a fast shutdown when the context closes, after the pool, or when the JVM dies without closing
 * it (a watchdog process stops it; a start after a crash stops a server left on the directory).
 * Thread-safe.
 *
 * @since 0.1
 */
public final class MyelinEmbeddedPostgres implements AutoCloseable {

    /** The database the starter's data source connects to. */
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgresServer server;

    MyelinEmbeddedPostgres(EmbeddedPostgresServer server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * Returns the running server.
     *
     * @return the server
     */
    public EmbeddedPostgresServer server() {
        return server;
    }

    /**
     * Returns the JDBC URL of the application's database, for the {@value EmbeddedPostgresServer#USER} user.
     *
     * @return the URL
     */
    public String jdbcUrl() {
        return server.jdbcUrl(DATABASE);
    }

    /**
     * Returns the data directory, kept across restarts.
     *
     * @return the directory
     */
    public Path dataDirectory() {
        return server.dataDirectory();
    }

    /** Stops the server (fast shutdown: committed transactions are kept). */
    @Override
    public void close() {
        server.close();
    }
}
