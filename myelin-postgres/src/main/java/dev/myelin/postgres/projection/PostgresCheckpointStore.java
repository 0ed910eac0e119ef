package dev.myelin.postgres.projection;

import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.postgres.internal.Connections;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.projection.CheckpointStore;
import dev.myelin.data.projection.ProjectionLag;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.PostgresAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@link CheckpointStore} on PostgreSQL: one row per projection in {@code projection_checkpoints}
 * of the framework schema (migration {@code V4__projections.sql}).
 *
 * <pre>{@code
 * CheckpointStore checkpoints = new PostgresCheckpointStore(dataSource, transactions, MyelinSchema.DEFAULT);
 * }</pre>
 *
 * <p><b>Transactions.</b> Inside a transaction of the {@link CurrentConnection} port both methods use
 * its connection, so a checkpoint commits or rolls back with the batch's read-model writes.
 * {@link #load} then locks the projection's row ({@code SELECT ... FOR UPDATE}) until the
 * transaction ends: two batches of one projection never overlap, even when an old owner has not yet
 * noticed that it lost its lease. The first load of a projection inserts its row (position 0, token
 * 0) so that there is a row to lock. Outside a transaction each call runs on its own connection in
 * auto-commit mode, and a load takes no lock.
 *
 * <p><b>Lag.</b> {@link #lag} reads the checkpoint, then runs one statement over the event log of the
 * same schema, in the log's read order ({@code (tx_id, global_position)}, events of transactions still in
 * flight held back, as {@code PostgresEventStore.readAll} reads): the events after the checkpoint
 * are counted up to {@value #LAG_COUNT_LIMIT} (a {@code count(*)} over a {@code LIMIT}ed index range
 * scan), and the oldest one's age and the head come from index lookups, so the cost is bounded
 * however far behind the projection is. It takes no lock.
 *
 * <p><b>Fencing.</b> {@link #save} is one upsert whose update applies only when the stored token is
 * not higher than the given one; when it is, nothing is written and {@code false} is returned.
 * {@link #saveAll} is the same upsert over several checkpoints in one statement.
 *
 * <p><b>Round trips.</b> A daemon round of N projections costs two statements for the checkpoints
 * ({@link #loadAll}, {@link #saveAll}), whatever N.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class PostgresCheckpointStore implements CheckpointStore {

    private static final String SQL_LOCK = """
            select position from {schema}.projection_checkpoints where projection = ? for update
            """;

    private static final String SQL_LOAD = """
            select position from {schema}.projection_checkpoints where projection = ?
            """;

    private static final String SQL_CREATE = """
            insert into {schema}.projection_checkpoints (projection, position, fencing_token) values (?, 0, 0)
            on conflict (projection) do nothing
            """;

    /** Parameters: projection, position, fencing token. */
    private static final String SQL_SAVE = """
            insert into {schema}.projection_checkpoints as c (projection, position, fencing_token) values (?, ?, ?)
            on conflict (projection) do update
                set position = excluded.position, fencing_token = excluded.fencing_token, updated_at = now()
                where c.fencing_token <= excluded.fencing_token
            """;

    /** Parameters: projections (array). Locks the rows in name order, so that two lockers never deadlock. */
    private static final String SQL_LOCK_ALL = """
            select projection, position from {schema}.projection_checkpoints where projection = any(?::text[])
            order by projection for update
            """;

    /** Parameters: projections (array). */
    private static final String SQL_LOAD_ALL = """
            select projection, position from {schema}.projection_checkpoints where projection = any(?::text[])
            """;

    /** Parameters: projections, positions, fencing tokens (arrays). Returns the projections saved. */
    private static final String SQL_SAVE_ALL = """
            insert into {schema}.projection_checkpoints as c (projection, position, fencing_token)
            select * from unnest(?::text[], ?::bigint[], ?::bigint[])
            on conflict (projection) do update
                set position = excluded.position, fencing_token = excluded.fencing_token, updated_at = now()
                where c.fencing_token <= excluded.fencing_token
            returning c.projection
            """;

    /** The most events after the checkpoint that {@link #lag} counts. */
    public static final int LAG_COUNT_LIMIT = 10_000;

    /**
     * Parameters: checkpoint, checkpoint, limit. The events after the checkpoint in read order, as
     * {@code PostgresEventStore.readAll} finds them (the checkpoint's transaction through the position
     * index, the rest through {@code events_tx_position_idx}; the checkpoint is a parameter, so both
     * are index conditions), and the head: the last event in read order, a backward index scan.
     */
    private static final String SQL_LAG = """
            with after as (
                select e.tx_id, e.global_position, e.recorded_at
                from {schema}.events e
                where (e.tx_id, e.global_position) > (
                          coalesce((select c.tx_id from {schema}.events c where c.global_position <= ?
                                    order by c.global_position desc limit 1), '0'::xid8),
                          ?)
                  and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
                order by e.tx_id, e.global_position
                limit ?
            )
            select (select count(*) from after),
                   (select a.recorded_at from after a order by a.tx_id, a.global_position limit 1),
                   (select h.global_position from {schema}.events h
                    where h.tx_id < pg_snapshot_xmin(pg_current_snapshot())
                    order by h.tx_id desc, h.global_position desc limit 1)
            """;

    private final DataSource dataSource;
    private final CurrentConnection current;
    private final Connections connections;
    private final String lock;
    private final String load;
    private final String create;
    private final String save;
    private final String lockAll;
    private final String loadAll;
    private final String saveAll;
    private final String lag;

    /**
     * Creates a store.
     *
     * @param dataSource where connections come from outside transactions
     * @param current the connection of the caller's transaction, which loads and saves join
     * @param schema the framework schema, migrated beforehand
     */
    public PostgresCheckpointStore(DataSource dataSource, CurrentConnection current, MyelinSchema schema) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.current = Objects.requireNonNull(current, "current");
        this.connections = new Connections(dataSource, current,
                (what, failure) -> new PostgresAccessException("Cannot " + what, failure));
        String name = schema.name();
        this.lock = SQL_LOCK.replace("{schema}", name);
        this.load = SQL_LOAD.replace("{schema}", name);
        this.create = SQL_CREATE.replace("{schema}", name);
        this.save = SQL_SAVE.replace("{schema}", name);
        this.lockAll = SQL_LOCK_ALL.replace("{schema}", name);
        this.loadAll = SQL_LOAD_ALL.replace("{schema}", name);
        this.saveAll = SQL_SAVE_ALL.replace("{schema}", name);
        this.lag = SQL_LAG.replace("{schema}", name);
    }

    @Override
    public long load(String projection) {
        Objects.requireNonNull(projection, "projection");
        try {
            Connection connection = current.get();
            if (connection == null) {
                try (Connection own = dataSource.getConnection()) {
                    own.setAutoCommit(true);
                    Long position = position(own, load, projection);
                    return position == null ? 0 : position;
                }
            }
            Long position = position(connection, lock, projection);
            if (position == null) {
                // No row to lock yet: create it (a concurrent creator makes this wait for its commit), then lock.
                try (PreparedStatement statement = connection.prepareStatement(create)) {
                    statement.setString(1, projection);
                    statement.executeUpdate();
                }
                position = position(connection, lock, projection);
            }
            return position == null ? 0 : position;
        } catch (SQLException failure) {
            throw new PostgresAccessException("Cannot load the checkpoint of projection " + projection, failure);
        }
    }

    @Override
    public boolean save(String projection, long position, long fencingToken) {
        Objects.requireNonNull(projection, "projection");
        return connections.run("save the checkpoint of projection " + projection,
                connection -> save(connection, projection, position, fencingToken));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement: {@code SELECT ... WHERE projection = ANY(?) ORDER BY projection FOR UPDATE} inside a
     * transaction (no lock outside). Projections without a row yet get one as {@link #load} does (an insert
     * and one more locking read), which happens once per projection.
     */
    @Override
    public Map<String, Long> loadAll(Collection<String> projections) {
        List<String> names = List.copyOf(projections);
        Map<String, Long> positions = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return positions;
        }
        return connections.run("load the checkpoints of projections " + names, connection -> {
            boolean locking = connections.inTransaction();
            Map<String, Long> found = positions(connection, locking ? lockAll : loadAll, names);
            for (String name : names) {
                Long position = found.get(name);
                if (position == null && locking) {
                    position = load(name);
                }
                positions.put(name, position == null ? 0 : position);
            }
            return positions;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement: an upsert of all the checkpoints ({@code unnest}) with the fencing condition of
     * {@link #save}, returning the projections it wrote.
     */
    @Override
    public Set<String> saveAll(Collection<Checkpoint> checkpoints) {
        List<Checkpoint> all = List.copyOf(checkpoints);
        Set<String> refused = new LinkedHashSet<>();
        for (Checkpoint checkpoint : all) {
            if (!refused.add(checkpoint.projection())) {
                throw new IllegalArgumentException("Two checkpoints of projection " + checkpoint.projection());
            }
        }
        if (all.isEmpty()) {
            return refused;
        }
        return connections.run("save the checkpoints of projections " + refused, connection -> {
            String[] names = new String[all.size()];
            Long[] positions = new Long[all.size()];
            Long[] tokens = new Long[all.size()];
            for (int i = 0; i < all.size(); i++) {
                names[i] = all.get(i).projection();
                positions[i] = all.get(i).position();
                tokens[i] = all.get(i).fencingToken();
            }
            try (PreparedStatement statement = connection.prepareStatement(saveAll)) {
                statement.setArray(1, connection.createArrayOf("text", names));
                statement.setArray(2, connection.createArrayOf("bigint", positions));
                statement.setArray(3, connection.createArrayOf("bigint", tokens));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        refused.remove(rows.getString(1));
                    }
                }
            }
            return refused;
        });
    }

    @Override
    public ProjectionLag lag(String projection, EventStore log, Clock clock) {
        Objects.requireNonNull(projection, "projection");
        return connections.run("read the lag of projection " + projection, connection -> {
            Long stored = position(connection, load, projection);
            long checkpoint = stored == null ? 0 : stored;
            try (PreparedStatement statement = connection.prepareStatement(lag)) {
                statement.setLong(1, checkpoint);
                statement.setLong(2, checkpoint);
                statement.setInt(3, LAG_COUNT_LIMIT);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    long behind = row.getLong(1);
                    OffsetDateTime oldest = row.getObject(2, OffsetDateTime.class);
                    long head = behind == 0 ? checkpoint : Math.max(row.getLong(3), checkpoint);
                    long millis = oldest == null ? 0 : Math.max(0, clock.millis() - oldest.toInstant().toEpochMilli());
                    return new ProjectionLag(projection, checkpoint, head, behind, millis);
                }
            }
        });
    }

    private boolean save(Connection connection, String projection, long position, long fencingToken) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(save)) {
            statement.setString(1, projection);
            statement.setLong(2, position);
            statement.setLong(3, fencingToken);
            return statement.executeUpdate() == 1;
        }
    }

    private static Map<String, Long> positions(Connection connection, String sql, List<String> projections)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", projections.toArray()));
            Map<String, Long> positions = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    positions.put(rows.getString(1), rows.getLong(2));
                }
            }
            return positions;
        }
    }

    private static Long position(Connection connection, String sql, String projection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, projection);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }
    }
}
