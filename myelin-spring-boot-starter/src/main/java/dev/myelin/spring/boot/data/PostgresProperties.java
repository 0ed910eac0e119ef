package dev.myelin.spring.boot.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of Myelin's PostgreSQL storage, under {@code myelin.postgres}.
 *
 * @since 0.1
 */
@ConfigurationProperties("myelin.postgres")
public class PostgresProperties {

    /**
     * Schema of the framework's tables (events, outbox, inbox, dead letters, projections, documents,
     * idempotency, snapshots), migrated at startup. Lower-case letters, digits and underscores.
     */
    private String schema = "myelin";

    /** The embedded PostgreSQL run when {@code spring.datasource.url} is not set. */
    private final Embedded embedded = new Embedded();

    /** The event store. */
    private final EventStore eventStore = new EventStore();

    /**
     * Returns the framework schema's name.
     *
     * @return the name
     */
    public String getSchema() {
        return schema;
    }

    /**
     * Sets the framework schema's name.
     *
     * @param schema the name
     */
    public void setSchema(String schema) {
        this.schema = schema;
    }

    /**
     * Returns the embedded server's settings.
     *
     * @return the settings
     */
    public Embedded getEmbedded() {
        return embedded;
    }

    /**
     * Returns the event store's settings.
     *
     * @return the settings
     */
    public EventStore getEventStore() {
        return eventStore;
    }

    /**
     * Settings of the event store.
     *
     * @since 0.1
     */
    public static class EventStore {

        /**
         * Most appends made outside a transaction that one statement and one commit write together
         * (group commit); 1 turns group commit off. Appends inside a transaction commit with it.
         */
        // Literals, not PostgresEventStore's DEFAULT_ constants: the metadata processor only reads literals
        // (ConfigurationMetadataTest checks that both agree).
        private int groupCommitMaxAppends = 64;

        /** Most group commits of appends made outside a transaction in flight at once. */
        private int groupCommitMaxGroups = 2;

        /**
         * Streams whose last committed version the event store remembers, so that an append expecting a
         * version it knows skips the lookup of that version (0, or a power of two such as 4096). Keep 0
         * wherever a commit can be lost (synchronous_commit off, failover to an asynchronous replica,
         * restores): a remembered version could then leave a gap in a stream.
         */
        private int knownStreams = 0;

        /**
         * Returns the most appends per group commit.
         *
         * @return the number, 1 when group commit is off
         */
        public int getGroupCommitMaxAppends() {
            return groupCommitMaxAppends;
        }

        /**
         * Sets the most appends per group commit.
         *
         * @param groupCommitMaxAppends the number, 1 to turn group commit off
         */
        public void setGroupCommitMaxAppends(int groupCommitMaxAppends) {
            this.groupCommitMaxAppends = groupCommitMaxAppends;
        }

        /**
         * Returns the most group commits in flight at once.
         *
         * @return the number
         */
        public int getGroupCommitMaxGroups() {
            return groupCommitMaxGroups;
        }

        /**
         * Sets the most group commits in flight at once.
         *
         * @param groupCommitMaxGroups the number, 1 or more
         */
        public void setGroupCommitMaxGroups(int groupCommitMaxGroups) {
            this.groupCommitMaxGroups = groupCommitMaxGroups;
        }

        /**
         * Returns how many streams' last committed versions the event store remembers.
         *
         * @return the number, 0 when off
         */
        public int getKnownStreams() {
            return knownStreams;
        }

        /**
         * Sets how many streams' last committed versions the event store remembers.
         *
         * @param knownStreams a power of two, or 0 to check every append in SQL
         */
        public void setKnownStreams(int knownStreams) {
            this.knownStreams = knownStreams;
        }
    }

    /**
     * Settings of the embedded PostgreSQL server.
     *
     * @since 0.1
     */
    public static class Embedded {

        /**
         * Whether to run an embedded PostgreSQL when no {@code spring.datasource.url} and no
         * {@code DataSource} bean is configured.
         */
        private boolean enabled = true;

        /**
         * Directory of the database cluster, relative to the working directory unless absolute; kept
         * across restarts.
         */
        private Path dataDirectory = Path.of("data", "postgres");

        /** Port on localhost; 0 for a free one. */
        private int port;

        /** Maximum number of connections of the pool over the embedded server. */
        private int maximumPoolSize = 10;

        /**
         * More server settings, as {@code postgres -c name=value} would set them (for example
         * {@code shared_preload_libraries=pg_stat_statements} to profile statements). The durability settings
         * ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes}) are refused: the embedded server
         * is always durable.
         */
        private Map<String, String> settings = new LinkedHashMap<>();

        /**
         * Returns whether the embedded server is enabled.
         *
         * @return whether enabled
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the embedded server is enabled.
         *
         * @param enabled whether enabled
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the data directory.
         *
         * @return the directory
         */
        public Path getDataDirectory() {
            return dataDirectory;
        }

        /**
         * Sets the data directory.
         *
         * @param dataDirectory the directory
         */
        public void setDataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        /**
         * Returns the port.
         *
         * @return the port, 0 for a free one
         */
        public int getPort() {
            return port;
        }

        /**
         * Sets the port.
         *
         * @param port the port, 0 for a free one
         */
        public void setPort(int port) {
            this.port = port;
        }

        /**
         * Returns the pool's maximum size.
         *
         * @return the size
         */
        public int getMaximumPoolSize() {
            return maximumPoolSize;
        }

        /**
         * Sets the pool's maximum size.
         *
         * @param maximumPoolSize the size
         */
        public void setMaximumPoolSize(int maximumPoolSize) {
            this.maximumPoolSize = maximumPoolSize;
        }

        /**
         * Returns the extra server settings.
         *
         * @return the settings, by name
         */
        public Map<String, String> getSettings() {
            return settings;
        }

        /**
         * Sets the extra server settings.
         *
         * @param settings the settings, by name
         */
        public void setSettings(Map<String, String> settings) {
            this.settings = settings;
        }
    }
}
