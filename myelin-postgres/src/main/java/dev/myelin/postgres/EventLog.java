package dev.myelin.postgres;

import dev.myelin.data.events.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The log reader of {@link PostgresEventStore}: stream reads, the global read that never skips
 * (see the store's class comment, "Global order that never skips"), what a subscription does next,
 * and the mapping of a row to a {@link StoredEvent}. Thread-safe.
 */
final class EventLog {

    private static final String SQL_READ_STREAM = """
            select global_position, stream_id, stream_version, event_id, type, schema_version, payload::text,
                   metadata::text, recorded_at
            from {schema}.events
            where stream_id = ? and stream_version >= ?
            order by stream_version
            limit ?
            """;

    private static final String SQL_READ_STREAM_BACKWARDS = """
            select global_position, stream_id, stream_version, event_id, type, schema_version, payload::text,
                   metadata::text, recorded_at
            from {schema}.events
            where stream_id = ? and stream_version <= ?
            order by stream_version desc
            limit ?
            """;

    /**
     * Parameters: checkpoint position, checkpoint position, max. The checkpoint's transaction is that
     * of the last event at or before the checkpoint position (0 before the first event).
     */
    private static final String SQL_READ_ALL = """
            select global_position, stream_id, stream_version, event_id, type, schema_version, payload::text,
                   metadata::text, recorded_at
            from {schema}.events
            where (tx_id, global_position) > (
                      coalesce((select c.tx_id from {schema}.events c where c.global_position <= ?
                                order by c.global_position desc limit 1), '0'::xid8),
                      ?)
              and tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by tx_id, global_position
            limit ?
            """;

    /**
     * Whether anything is left to read after the checkpoint, in ONE snapshot: column 1 — committed events
     * held back from readAll by an older transaction still in flight; column 2 — events readAll would return
     * now (released since the last read). Parameters: checkpoint position, checkpoint position. One snapshot
     * matters: a held-back event released between two separate checks would be seen by neither. Column 1
     * compares the newest {@code tx_id} with the snapshot's xmin ({@code max} reads one entry at the end of
     * {@code events_tx_position_idx}), column 2 asks for the first readable event in index order: both cost
     * an index lookup whatever the statistics say. Written as {@code exists (...)}, a log not analysed yet
     * was scanned whole on every call, as it grew.
     */
    private static final String SQL_WAITING = """
            select coalesce((select max(tx_id) from {schema}.events) >= pg_snapshot_xmin(pg_current_snapshot()), false),
                   (select tx_id from {schema}.events
                    where (tx_id, global_position) > (
                              coalesce((select c.tx_id from {schema}.events c where c.global_position <= ?
                                        order by c.global_position desc limit 1), '0'::xid8),
                              ?)
                      and tx_id < pg_snapshot_xmin(pg_current_snapshot())
                    order by tx_id, global_position limit 1) is not null
            """;

    /**
     * Whether committed events are held back from readAll by an older transaction still in flight (which
     * sends no notification when it ends): the newest {@code tx_id} against the snapshot's xmin, one index
     * entry read.
     */
    private static final String SQL_HELD_BACK = """
            select coalesce((select max(tx_id) from {schema}.events) >= pg_snapshot_xmin(pg_current_snapshot()), false)
            """;

    /** For lag metrics only: may count an event that readAll still holds back (see lastPosition). */
    private static final String SQL_LAST_POSITION = """
            select coalesce(max(global_position), 0) from {schema}.events
            """;

    private static final String SQL_WAKE = """
            select pg_notify('myelin_events', 'wake')
            """;

    private final DataSource dataSource;
    private final JacksonEventSerializer serializer;
    private final String readStream;
    private final String readStreamBackwards;
    private final String readAll;
    private final String waiting;
    private final String lastPosition;
    private final String heldBack;

    EventLog(DataSource dataSource, MyelinSchema schema, JacksonEventSerializer serializer) {
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.readStream = schema.qualify(SQL_READ_STREAM);
        this.readStreamBackwards = schema.qualify(SQL_READ_STREAM_BACKWARDS);
        this.readAll = schema.qualify(SQL_READ_ALL);
        this.waiting = schema.qualify(SQL_WAITING);
        this.lastPosition = schema.qualify(SQL_LAST_POSITION);
        this.heldBack = schema.qualify(SQL_HELD_BACK);
    }

    long lastPosition(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(lastPosition);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Reads the log after a checkpoint on a given connection. */
    List<StoredEvent> readAll(Connection connection, long afterPosition, int maxCount) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(readAll)) {
            statement.setLong(1, afterPosition);
            statement.setLong(2, afterPosition);
            statement.setInt(3, maxCount);
            return events(statement);
        }
    }

    /** What a reader at {@code afterPosition} that just read everything it could should do next. */
    enum NextRead { NOW, POLL, AWAIT_NOTIFICATION }

    /**
     * {@link NextRead#NOW} when events became readable after the checkpoint, {@link NextRead#POLL} when
     * committed events are held back by an older transaction still in flight (which sends no
     * notification when it ends), else {@link NextRead#AWAIT_NOTIFICATION}.
     */
    NextRead nextRead(Connection connection, long afterPosition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(waiting)) {
            statement.setLong(1, afterPosition);
            statement.setLong(2, afterPosition);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                if (result.getBoolean(2)) {
                    return NextRead.NOW;
                }
                return result.getBoolean(1) ? NextRead.POLL : NextRead.AWAIT_NOTIFICATION;
            }
        }
    }

    /** Whether committed events wait for an older transaction still in flight before readAll returns them. */
    boolean heldBack(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(heldBack);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getBoolean(1);
        }
    }

    /** Wakes every subscription's thread, so that a closed one notices at once. */
    void wakeSubscriptions() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(SQL_WAKE)) {
                statement.execute();
            }
        }
    }

    List<StoredEvent> query(Connection connection, String sql, String streamId, long version, int maxCount)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, streamId);
            statement.setLong(2, version);
            statement.setInt(3, maxCount);
            return events(statement);
        }
    }

    private List<StoredEvent> events(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            List<StoredEvent> events = new ArrayList<>();
            while (rows.next()) {
                events.add(storedEvent(rows));
            }
            return events;
        }
    }

    /** Maps one row of the events table. */
    private StoredEvent storedEvent(ResultSet row) throws SQLException {
        JacksonEventSerializer.Deserialized event = serializer.deserialize(row.getString(5), row.getInt(6), row.getString(7));
        return new StoredEvent(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4), event.type(),
                event.schemaVersion(), event.event(), serializer.deserializeMetadata(row.getString(8)),
                row.getObject(9, OffsetDateTime.class).toInstant());
    }

    /** A stream forwards from a version. */
    List<StoredEvent> stream(Connection connection, String streamId, long fromVersion, int maxCount) throws SQLException {
        return query(connection, readStream, streamId, fromVersion, maxCount);
    }

    /** A stream backwards from a version. */
    List<StoredEvent> streamBackwards(Connection connection, String streamId, long fromVersion, int maxCount)
            throws SQLException {
        return query(connection, readStreamBackwards, streamId, fromVersion, maxCount);
    }
}
