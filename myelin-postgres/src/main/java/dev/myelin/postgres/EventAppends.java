package dev.myelin.postgres;

import dev.myelin.core.DomainEvent;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The append protocol of {@link PostgresEventStore}: its statements and how one append runs on a
 * connection, the expected-version check inside the insert, the insert without the guard of versions
 * known or vouched for by the transaction, and the conflict (see the store's class comment, "Appends",
 * "Versions vouched for by the transaction" and "Known versions"). Every statement
 * returns what it stored ({@code RETURNING}), so an append reads nothing back. Thread-safe.
 */
final class EventAppends {

    /**
     * Inserts ONE event at version {version}, or nothing when the {guard} clause fails or when that
     * version exists (the unique key on stream id and version is the concurrency check; {@code on conflict
     * do nothing} waits for a writer of the same version still in flight, and leaves the caller's
     * transaction usable). {version} and {guard} come from the EXACTLY_, NO_STREAM_ and ANY_ fragments.
     * Parameters: stream id, those of {version}, event id, type, schema version, payload, metadata, those
     * of {guard}. Returns the position, version and time of the event inserted, or no row.
     */
    private static final String SQL_INSERT_FIRST = """
            insert into {schema}.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
            select ?, {version}, ?, ?, ?, ?::json, ?::json
            {guard}
            on conflict (stream_id, stream_version) do nothing
            returning global_position, stream_version, recorded_at
            """;

    /** No stream: version 1, which exists exactly when the stream does. No parameters. */
    private static final String NO_STREAM_VERSION = "1";

    /** Exactly v: version v + 1. Parameter: the expected version. */
    private static final String EXACTLY_VERSION = "?::bigint + 1";

    /**
     * Exactly v: only if event v exists (one lookup in the unique index), so that nothing is inserted when
     * the stream is shorter than v (an insert of v + 1 would leave a gap). Parameters: stream id, expected
     * version.
     */
    private static final String EXACTLY_GUARD = """
            where exists (select 1 from {schema}.events where stream_id = ? and stream_version = ?)""";

    /** Any: the stream's last version (one index lookup) + 1. Parameter: stream id. */
    private static final String ANY_VERSION = """
            coalesce((select max(stream_version) from {schema}.events where stream_id = ?), 0) + 1""";

    /**
     * An append of several events: the first one's insert is the check; the others follow it only when it
     * was inserted, numbered on from it, from arrays. Parameters: those of {@code SQL_INSERT_FIRST}, then
     * stream id, metadata, and the event ids, types, schema versions and payloads of the events after the
     * first. Returns every event's position, version and time, or no row when the expectation failed.
     */
    private static final String SQL_APPEND_MANY = "with head as (\n" + SQL_INSERT_FIRST + """
            ), tail as (
                insert into {schema}.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
                select ?, head.stream_version + e.ordinal, e.event_id, e.type, e.schema_version, e.payload::json, ?::json
                from head cross join unnest(?::uuid[], ?::text[], ?::int[], ?::text[])
                    with ordinality as e (event_id, type, schema_version, payload, ordinal)
                order by e.ordinal
                returning global_position, stream_version, recorded_at
            )
            select global_position, stream_version, recorded_at from head
            union all
            select global_position, stream_version, recorded_at from tail
            """;

    /**
     * Appends outside a transaction whose expectation needs no lookup: {@code noStream} (version 1) and
     * {@code exactly(v)} with event v known to be committed ({@link KnownVersions}). A plain insert at a
     * version computed here; the unique key on {@code (stream_id, stream_version)} is the whole check (a
     * unique violation is the conflict; a writer of the same version in flight makes it wait, as above).
     * Parameters: stream id, version, event id, type, schema version, payload, metadata.
     */
    private static final String SQL_INSERT_KNOWN = """
            insert into {schema}.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
            values (?, ?, ?, ?, ?, ?::json, ?::json)
            returning global_position, stream_version, recorded_at
            """;

    /**
     * The same for several events, from arrays. Parameters: stream id, the version before the first event,
     * metadata, event ids, types, schema versions, payloads.
     */
    private static final String SQL_INSERT_KNOWN_MANY = """
            insert into {schema}.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
            select ?, ?::bigint + e.ordinal, e.event_id, e.type, e.schema_version, e.payload::json, ?::json
            from unnest(?::uuid[], ?::text[], ?::int[], ?::text[])
                with ordinality as e (event_id, type, schema_version, payload, ordinal)
            order by e.ordinal
            returning global_position, stream_version, recorded_at
            """;

    /** The stream's current version, on the conflict path only. Parameter: stream id. */
    private static final String SQL_STREAM_VERSION = """
            select max(stream_version) from {schema}.events where stream_id = ?
            """;

    /** How often an append expecting any version retries after losing the race for the next version. */
    static final int ANY_ATTEMPTS = 1_000;

    private static final String UNIQUE_VIOLATION = "23505";

    private static final String STREAM_VERSION_CONSTRAINT = "events_stream_version_key";

    private static final Object[] NO_PARAMETERS = {};

    /** Guard texts whose statements are kept. */
    private static final int MAX_GUARDS = 1_000;

    private final DataSource dataSource;
    private final MyelinSchema schema;
    /** The statements of each guard given to {@link #appendGuarded}: one event, several. */
    private final Map<String, String[]> guarded = new ConcurrentHashMap<>();
    private final KnownVersions knownVersions;
    private final Statements appendAny;
    private final Statements appendNoStream;
    private final Statements appendExactly;
    private final Statements appendExactlyKnown;
    private final String insertKnown;
    private final String insertKnownMany;
    private final String streamVersion;

    EventAppends(DataSource dataSource, MyelinSchema schema, KnownVersions knownVersions) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.knownVersions = knownVersions;
        this.appendAny = Statements.on(schema, ANY_VERSION, "");
        this.appendNoStream = Statements.on(schema, NO_STREAM_VERSION, "");
        this.appendExactly = Statements.on(schema, EXACTLY_VERSION, EXACTLY_GUARD);
        this.appendExactlyKnown = Statements.on(schema, EXACTLY_VERSION, "");
        this.insertKnown = schema.qualify(SQL_INSERT_KNOWN);
        this.insertKnownMany = schema.qualify(SQL_INSERT_KNOWN_MANY);
        this.streamVersion = schema.qualify(SQL_STREAM_VERSION);
    }

    /** The conflict of an append that a group wrote nothing of: reads the stream's actual version. */
    AggregateConflictException conflictAfterGroup(String streamId, ExpectedVersion expected) {
        try {
            return conflict(streamId, expected, committedVersion(streamId), null);
        } catch (SQLException failure) {
            throw appendFailure(streamId, failure);
        }
    }

    EventStoreException appendFailure(String streamId, SQLException failure) {
        return new EventStoreException("Cannot append to stream '" + streamId + "' (SQLSTATE " + failure.getSQLState()
                + ")", failure);
    }

    /** The serialized events of one append, and the events and metadata themselves. */
    record Batch(String streamId, String metadata, UUID[] ids, String[] types, Integer[] versions,
            String[] payloads, List<? extends DomainEvent> events, EventMetadata eventMetadata) {

        int count() {
            return ids.length;
        }

        /**
         * What this append stored, from the rows its statement returned: (position, version, time) of
         * each event, in any order. No read back: ids, types, events and metadata are this batch's own.
         */
        AppendResult stored(List<long[]> rows, List<Instant> times) {
            long first = Long.MAX_VALUE;
            for (long[] row : rows) {
                first = Math.min(first, row[1]);
            }
            StoredEvent[] stored = new StoredEvent[count()];
            for (int r = 0; r < rows.size(); r++) {
                long[] row = rows.get(r);
                int i = (int) (row[1] - first);
                stored[i] = new StoredEvent(row[0], streamId, row[1], ids[i].toString(), types[i], versions[i],
                        events.get(i), eventMetadata, times.get(r));
            }
            return new AppendResult(Arrays.asList(stored));
        }

        /** Reads the rows of an append statement: null when it returned none (nothing written). */
        AppendResult stored(ResultSet result) throws SQLException {
            if (count() == 1) {
                return storedOne(result);
            }
            List<long[]> rows = new ArrayList<>(count());
            List<Instant> times = new ArrayList<>(count());
            while (result.next()) {
                rows.add(new long[] {result.getLong(1), result.getLong(2)});
                times.add(result.getObject(3, OffsetDateTime.class).toInstant());
            }
            if (rows.isEmpty()) {
                return null;
            }
            if (rows.size() != count()) {
                throw new SQLException("An append of " + count() + " events to stream '" + streamId + "' returned "
                        + rows.size() + " rows");
            }
            return stored(rows, times);
        }

        /** The same for an append of one event, without the lists. */
        private AppendResult storedOne(ResultSet result) throws SQLException {
            if (!result.next()) {
                return null;
            }
            StoredEvent event = new StoredEvent(result.getLong(1), streamId, result.getLong(2), ids[0].toString(), types[0],
                    versions[0], events.get(0), eventMetadata, result.getObject(3, OffsetDateTime.class).toInstant());
            if (result.next()) {
                throw new SQLException("An append of 1 event to stream '" + streamId + "' returned more rows");
            }
            return new AppendResult(List.of(event));
        }
    }

    /**
     * One append's two statements for one kind of expectation: one event, several events; {@code guarded}
     * when they check that event v exists (and bind the guard's parameters).
     */
    private record Statements(String one, String many, boolean guarded) {

        static Statements on(MyelinSchema schema, String version, String guard) {
            return new Statements(fill(schema, SQL_INSERT_FIRST, version, guard), fill(schema, SQL_APPEND_MANY, version, guard),
                    !guard.isEmpty());
        }

        private static String fill(MyelinSchema schema, String sql, String version, String guard) {
            return schema.qualify(sql.replace("{version}", version).replace("{guard}", guard));
        }
    }

    /**
     * Runs one append on {@code connection}: the caller's transaction's when {@code joined}, else one in
     * auto-commit mode. {@code vouched}: inside a transaction, event v of an {@code exactly(v)} append is
     * known to exist in it ({@link TransactionVersions}), so the guard is left out.
     */
    AppendResult append(Connection connection, boolean joined, boolean vouched, ExpectedVersion expected, Batch batch)
            throws SQLException {
        boolean known = expected instanceof ExpectedVersion.Exactly exactly
                && (joined && vouched || knownVersions.committed(batch.streamId(), exactly.version()));
        try {
            if (!joined && (known || expected instanceof ExpectedVersion.NoStream)) {
                return insertKnown(connection, expected, batch);
            }
            Statements statements;
            if (expected instanceof ExpectedVersion.Exactly) {
                statements = known ? appendExactlyKnown : appendExactly;
            } else if (expected instanceof ExpectedVersion.NoStream) {
                statements = appendNoStream;
            } else {
                statements = appendAny;
            }
            int attempts = expected instanceof ExpectedVersion.Any ? ANY_ATTEMPTS : 1;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                AppendResult stored = insert(connection, statements, expected, batch);
                if (stored != null) {
                    return stored;
                }
                // Lost the race for the next version to a writer that has committed it: "any" reads the new last version.
            }
        } catch (SQLException failure) {
            if (UNIQUE_VIOLATION.equals(failure.getSQLState()) && String.valueOf(failure.getMessage())
                    .contains(STREAM_VERSION_CONSTRAINT)) {
                // Outside a transaction: the plain insert's conflict. Inside one, only a writer that does not follow the
                // protocol (e.g. one leaving a gap) can get here; the statement failed, so the transaction is aborted
                // and cannot be read.
                long actual = joined ? committedVersion(batch.streamId()) : actualVersion(connection, false, batch.streamId());
                throw conflict(batch.streamId(), expected, actual, failure);
            }
            throw failure;
        }
        throw conflict(batch.streamId(), expected, actualVersion(connection, joined, batch.streamId()), null);
    }

    /**
     * Runs one append at the stream's next version ({@code any}) on the caller's transaction's connection
     * in ONE statement with a write the events depend on: the guard (an insert, update or delete of at most
     * one row, without {@code RETURNING}) runs in a {@code WITH} before the insert, which inserts the
     * events only when the guard changed a row. One attempt: the guard's row lock serializes the stream's
     * writers, so its next version is free unless a writer outside that protocol took it.
     *
     * @return what was stored; null when nothing of the events was written: the guard changed no row, or
     *     the version was taken (then the guard's change was written, and the caller must fail its
     *     transaction)
     */
    AppendResult appendGuarded(Connection connection, String guard, Object[] guardParameters, Batch batch)
            throws SQLException {
        String[] sql = guarded.get(guard);
        if (sql == null) {
            String with = "with guard as (\n" + guard.strip() + "\nreturning 1\n)";
            String one = schema.qualify(SQL_INSERT_FIRST.replace("{version}", ANY_VERSION).replace("{guard}", "from guard"));
            String many = schema.qualify(SQL_APPEND_MANY.replace("{version}", ANY_VERSION).replace("{guard}", "from guard"));
            sql = new String[] {with + "\n" + one, with + ",\n" + many.substring("with ".length())};
            if (guarded.size() < MAX_GUARDS) {
                // Repositories pass a few constant texts; a caller building texts on the fly is not remembered past this.
                guarded.put(guard, sql);
            }
        }
        return insert(connection, sql[0], sql[1], false, ExpectedVersion.any(), batch, guardParameters);
    }

    /**
     * An append outside a transaction whose version needs no lookup: a plain insert, no row back.
     * A conflict is a unique violation, thrown to {@link #append(Connection, boolean, boolean, ExpectedVersion, Batch)}.
     */
    private AppendResult insertKnown(Connection connection, ExpectedVersion expected, Batch batch) throws SQLException {
        long before = expected instanceof ExpectedVersion.Exactly exactly ? exactly.version() : 0;
        int count = batch.count();
        try (PreparedStatement statement = connection.prepareStatement(count > 1 ? insertKnownMany : insertKnown)) {
            statement.setString(1, batch.streamId());
            if (count > 1) {
                statement.setLong(2, before);
                statement.setString(3, batch.metadata());
                statement.setArray(4, connection.createArrayOf("uuid", batch.ids()));
                statement.setArray(5, connection.createArrayOf("text", batch.types()));
                statement.setArray(6, connection.createArrayOf("int4", batch.versions()));
                statement.setArray(7, connection.createArrayOf("text", batch.payloads()));
            } else {
                statement.setLong(2, before + 1);
                statement.setObject(3, batch.ids()[0]);
                statement.setString(4, batch.types()[0]);
                statement.setInt(5, batch.versions()[0]);
                statement.setString(6, batch.payloads()[0]);
                statement.setString(7, batch.metadata());
            }
            try (ResultSet result = statement.executeQuery()) {
                return batch.stored(result);
            }
        }
    }

    /** Runs one append statement; returns what it stored, or null when nothing was written. */
    private static AppendResult insert(Connection connection, Statements statements, ExpectedVersion expected, Batch batch)
            throws SQLException {
        return insert(connection, statements.one(), statements.many(), statements.guarded(), expected, batch, NO_PARAMETERS);
    }

    /** The same with the statements given, after parameters of a {@code WITH} before the append's own. */
    private static AppendResult insert(Connection connection, String one, String many, boolean guarded,
            ExpectedVersion expected, Batch batch, Object[] before) throws SQLException {
        boolean several = batch.count() > 1;
        try (PreparedStatement statement = connection.prepareStatement(several ? many : one)) {
            int index = 1;
            for (Object parameter : before) {
                statement.setObject(index++, parameter);
            }
            statement.setString(index++, batch.streamId());
            if (expected instanceof ExpectedVersion.Exactly exactly) {
                statement.setLong(index++, exactly.version());
            } else if (expected instanceof ExpectedVersion.Any) {
                statement.setString(index++, batch.streamId());
            }
            statement.setObject(index++, batch.ids()[0]);
            statement.setString(index++, batch.types()[0]);
            statement.setInt(index++, batch.versions()[0]);
            statement.setString(index++, batch.payloads()[0]);
            statement.setString(index++, batch.metadata());
            if (guarded && expected instanceof ExpectedVersion.Exactly exactly) {
                statement.setString(index++, batch.streamId());
                statement.setLong(index++, exactly.version());
            }
            if (several) {
                int count = batch.count();
                statement.setString(index++, batch.streamId());
                statement.setString(index++, batch.metadata());
                statement.setArray(index++, connection.createArrayOf("uuid", Arrays.copyOfRange(batch.ids(), 1, count)));
                statement.setArray(index++, connection.createArrayOf("text", Arrays.copyOfRange(batch.types(), 1, count)));
                statement.setArray(index++, connection.createArrayOf("int4", Arrays.copyOfRange(batch.versions(), 1, count)));
                statement.setArray(index, connection.createArrayOf("text", Arrays.copyOfRange(batch.payloads(), 1, count)));
            }
            try (ResultSet result = statement.executeQuery()) {
                return batch.stored(result);
            }
        }
    }

    /** The stream's committed version, read on a connection of its own in auto-commit mode. */
    private long committedVersion(String streamId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return actualVersion(connection, false, streamId);
        }
    }

    /**
     * The stream's version as {@code connection} sees it; remembered when {@code joined} is false (auto-commit:
     * only committed events are visible).
     */
    private long actualVersion(Connection connection, boolean joined, String streamId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(streamVersion)) {
            statement.setString(1, streamId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                long version = result.getLong(1);
                if (result.wasNull()) {
                    return AggregateConflictException.NONE;
                }
                if (!joined) {
                    knownVersions.learn(streamId, version);
                }
                return version;
            }
        }
    }

    private static AggregateConflictException conflict(String streamId, ExpectedVersion expected, long actual,
            SQLException cause) {
        // As the in-memory store: noStream expects version 0.
        long expectedVersion = expected instanceof ExpectedVersion.Exactly exactly ? exactly.version() : 0;
        int dash = streamId.indexOf('-');
        String category = dash > 0 ? streamId.substring(0, dash) : "Stream";
        AggregateConflictException exception = new AggregateConflictException(category, streamId, expectedVersion, actual);
        if (cause != null) {
            exception.initCause(cause);
        }
        return exception;
    }

    /** An append on an auto-commit connection, for {@link GroupCommit}'s groups of one. */
    AppendResult appendAlone(Connection connection, ExpectedVersion expected, Batch batch) throws SQLException {
        return append(connection, false, false, expected, batch);
    }
}
