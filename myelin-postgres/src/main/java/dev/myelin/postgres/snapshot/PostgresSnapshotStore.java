package dev.myelin.postgres.snapshot;

import dev.myelin.data.snapshot.Snapshot;
import dev.myelin.data.snapshot.SnapshotStore;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.PostgresAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link SnapshotStore} on PostgreSQL: the newest snapshot of each stream in {@code snapshots}
 * of the framework schema (migration {@code V5__snapshots_documents.sql}), its state as jsonb.
 *
 * <pre>{@code
 * SnapshotStore snapshots = new PostgresSnapshotStore(dataSource, MyelinSchema.DEFAULT);
 * EventSourcedRepository.builder(Order.class, Order::new, events, transactions).snapshots(snapshots, 100).build();
 * }</pre>
 *
 * <p><b>State mapping.</b> The state is written with Jackson 3 (by default the mapper of
 * {@link JacksonEventSerializer#mapperBuilder()}: java.time as ISO-8601, exact decimals) together
 * with its class name, and read back as that class, loaded from the given class loader: use records
 * or classes with a Jackson creator. A snapshot whose state no longer reads (a changed class) is
 * treated as absent, so the aggregate is rebuilt from its events; snapshots are only a cache.
 *
 * <p><b>Transactions.</b> Every call runs on its own connection in auto-commit mode: the repository
 * saves snapshots after the events' transaction committed. A save is one upsert that keeps the
 * stored snapshot when it is newer than the given one.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class PostgresSnapshotStore implements SnapshotStore {

    /** Parameters: stream id, version, state type, state. */
    private static final String SQL_SAVE = """
            insert into {schema}.snapshots as s (stream_id, version, state_type, state) values (?, ?, ?, ?::jsonb)
            on conflict (stream_id) do update
                set version = excluded.version, state_type = excluded.state_type, state = excluded.state, taken_at = now()
                where s.version <= excluded.version
            """;

    private static final String SQL_LOAD = """
            select version, state_type, state::text from {schema}.snapshots where stream_id = ?
            """;

    private final DataSource dataSource;
    private final JsonMapper mapper;
    private final ClassLoader classLoader;
    private final String save;
    private final String load;

    /**
     * Creates a store with the default mapper, reading state classes from this class's loader.
     *
     * @param dataSource where connections come from
     * @param schema the framework schema, migrated beforehand
     */
    public PostgresSnapshotStore(DataSource dataSource, MyelinSchema schema) {
        this(dataSource, schema, JacksonEventSerializer.mapperBuilder().build(), PostgresSnapshotStore.class.getClassLoader());
    }

    /**
     * Creates a store.
     *
     * @param dataSource where connections come from
     * @param schema the framework schema, migrated beforehand
     * @param mapper writes and reads the states
     * @param classLoader loads the state classes
     */
    public PostgresSnapshotStore(DataSource dataSource, MyelinSchema schema, JsonMapper mapper, ClassLoader classLoader) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.save = SQL_SAVE.replace("{schema}", schema.name());
        this.load = SQL_LOAD.replace("{schema}", schema.name());
    }

    @Override
    public void save(Snapshot snapshot) {
        String json = mapper.writeValueAsString(snapshot.state());
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(save)) {
            statement.setString(1, snapshot.streamId());
            statement.setLong(2, snapshot.version());
            statement.setString(3, snapshot.state().getClass().getName());
            statement.setString(4, json);
            statement.executeUpdate();
        } catch (SQLException failure) {
            throw new PostgresAccessException("Cannot save the snapshot of stream " + snapshot.streamId(), failure);
        }
    }

    @Override
    public Optional<Snapshot> load(String streamId) {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(load)) {
            statement.setString(1, streamId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? snapshot(streamId, row) : Optional.empty();
            }
        } catch (SQLException failure) {
            throw new PostgresAccessException("Cannot load the snapshot of stream " + streamId, failure);
        }
    }

    /** Maps a row (version, state type, state); empty when the state no longer reads. */
    private Optional<Snapshot> snapshot(String streamId, ResultSet row) throws SQLException {
        try {
            Class<?> type = Class.forName(row.getString(2), false, classLoader);
            return Optional.of(new Snapshot(streamId, row.getLong(1), mapper.readValue(row.getString(3), type)));
        } catch (ClassNotFoundException | JacksonException unreadable) {
            return Optional.empty();
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        return connection;
    }
}
