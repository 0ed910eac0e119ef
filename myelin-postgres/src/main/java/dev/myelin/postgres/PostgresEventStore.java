package dev.myelin.postgres;

import dev.myelin.behaviors.transaction.JdbcTransactionRunner;
import dev.myelin.postgres.internal.Connections;
import dev.myelin.core.DomainEvent;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The {@link EventStore} on PostgreSQL: table {@code events} of the framework schema
 * ({@link MyelinSchema}, migrated beforehand).
 *
 * <pre>{@code
 * MyelinSchema.DEFAULT.migrate(dataSource);
 * EventStore store = PostgresEventStore.builder(dataSource, transactions, JacksonEventSerializer.of(types)).build();
 * store.append("Order-42", ExpectedVersion.noStream(), List.of(new OrderPlaced(...)), EventMetadata.of(context));
 * }</pre>
 *
 * <p><b>Transactions.</b> When a transaction of the {@link JdbcTransactionRunner} is active on the
 * calling thread, appends and reads use its connection: the events commit or roll back with the
 * command's other writes. Otherwise each call runs on a connection of its own in auto-commit mode.
 *
 * <p><b>Appends: one statement, one row per event, nothing else.</b> (The checked statement; see "Known
 * versions" below for the plain insert that replaces it when the version is known.) The unique key on
 * {@code (stream_id, stream_version)} is the optimistic concurrency check: a stream's versions are
 * 1, 2, 3... without gaps, so "the stream is at version v" means "event v exists and event v + 1 does
 * not". An append is ONE {@code insert ... select ... on conflict (stream_id, stream_version) do nothing}
 * of its first event, at a version computed in the same statement:
 * <ul>
 *   <li>{@code noStream}: version 1, which exists exactly when the stream does;
 *   <li>{@code exactly(v)}: version v + 1, only {@code where exists} event v (one lookup in the unique
 *       index), so that nothing is inserted when the stream is shorter than v (v + 1 would leave a gap);
 *   <li>{@code any}: the stream's last version ({@code max(stream_version)}, one index lookup) + 1.
 * </ul>
 * Event v + 1 already there (the stream moved past v) is a conflict: {@code do nothing} inserts no row.
 * A writer of the same version still in flight makes the statement wait for its end (PostgreSQL's
 * speculative insertion); then it conflicts if that writer committed, and inserts if it rolled back.
 * Several events: the others are inserted by a second data-modifying CTE of the same statement
 * ({@code unnest} of arrays), numbered on from the first one, and only if the first was inserted; a
 * single event binds plain scalars. No row back means the expectation failed: the store reads the
 * stream's actual version ({@code max(stream_version)}, only on this path) and throws
 * {@link AggregateConflictException} with nothing written. Inside a transaction nothing fails in
 * PostgreSQL on a conflict, so the caller's transaction stays usable after one (no savepoint needed).
 * {@code any} that loses the race for the next version to a writer that committed it meanwhile retries
 * with the new last version, up to 1,000 times (each lost attempt is another writer's committed append,
 * so concurrent {@code any} appenders all succeed, with contiguous versions); in a REPEATABLE READ or
 * SERIALIZABLE transaction, PostgreSQL reports such a race as a serialization failure instead (SQLSTATE
 * 40001, thrown as {@link EventStoreException}). A unique violation on the key (SQLSTATE 23505) is a
 * conflict too: outside a transaction, the plain insert's way to conflict; inside one, possible only
 * when another program wrote the table without following this protocol.
 *
 * <p><b>Known versions (off unless {@link Builder#knownStreams} is set).</b> The store may remember, for
 * recently used streams, the last version it knows to be committed (its own appends, after their commit;
 * its reads outside a transaction; see {@link KnownVersions}). {@code exactly(v)} with v at or below it needs
 * no lookup of event v, so the guard is left out; outside a transaction such an append, and any
 * {@code noStream} one, is a plain {@code insert ... values} whose unique violation (SQLSTATE 23505) is
 * the conflict (the statement fails, which in auto-commit mode leaves nothing behind; PostgreSQL logs
 * the error). Sound only as long as no committed event is ever lost or deleted: after a failover to an
 * asynchronous replica or a restore, a remembered version can stand for an event that is gone, and the
 * plain insert would leave a gap where the checked statement conflicts. Hence off by default.
 *
 * <p><b>Group commit outside a transaction.</b> Appends made outside a transaction while others are
 * being written wait and go to PostgreSQL together: one statement and one commit (one WAL flush) for
 * up to {@link Builder#groupCommit maxAppends} appends of different streams, each keeping its own
 * expected-version check and outcome (see {@link GroupCommit}). A lone writer is written at once on its
 * own thread. Appends inside a transaction are never grouped.
 *
 * <p>After the commit (the transaction's, the statement's own outside one, or its group's) a notifier
 * thread of the store sends {@code pg_notify('myelin_events', '')} once for all appends committed
 * meanwhile: a notification inside the append's transaction would serialise every writer's commit on
 * PostgreSQL's notification lock (held through the WAL flush). Outside a transaction the statement runs
 * in auto-commit mode, so an append costs exactly one round trip; inside one, one round trip plus the
 * transaction's own commit.
 *
 * <p><b>Global order that never skips.</b> Each event stores its writing transaction's id
 * ({@code tx_id}). {@link #readAll} returns only events of transactions older than every transaction
 * still in flight ({@code tx_id < pg_snapshot_xmin(pg_current_snapshot())}), ordered by
 * {@code (tx_id, global_position)} and continuing after the checkpoint event's
 * {@code (tx_id, global_position)}. Ordering by position alone is not enough: a transaction with an
 * older id may take a higher position than a younger one still in flight and be read first, and the
 * younger one's lower position would then be skipped. Ordering by transaction first makes the order
 * one that readers can never overtake: every event still to commit sorts after every event returned.
 * Consequences: within a transaction events come in position order, and across transactions
 * positions may decrease in the rare case above; a reader's checkpoint must be the position of the
 * LAST event delivered (not the greatest); and a long-running writing transaction, of any kind,
 * holds readers back until it ends.
 *
 * <p><b>Subscriptions.</b> Each subscription owns one connection, on which it listens to
 * {@code myelin_events} and reads, and one daemon thread. It catches up with {@link #readAll} in
 * batches, then waits for a notification ({@link Builder#notificationTimeout} is only a safety net).
 * When committed events are held back by an older transaction still in flight, which sends no
 * notification when it ends, it re-reads with a short back-off until they are released.
 *
 * <p><b>Lifecycle.</b> {@link #close()} stops the notifier thread (started at the first append).
 * Thread-safe.
 *
 * <p>This class passes 500 lines because its SQL statements stay whole and visible at its top
 * and its builder is nested; the subscription loop and the notifier live in their own classes.
 *
 * @since 0.1
 */
public final class PostgresEventStore implements EventStore, AutoCloseable {

    /** The channel that appends notify on commit. */
    public static final String CHANNEL = "myelin_events";

    /** Default number of events a subscription reads at once. */
    public static final int DEFAULT_SUBSCRIPTION_BATCH_SIZE = 256;

    /** Default most appends outside a transaction written by one statement and one commit. */
    public static final int DEFAULT_GROUP_COMMIT_APPENDS = 64;

    /** Default most group commits in flight at once. */
    public static final int DEFAULT_GROUP_COMMIT_GROUPS = 2;

    /**
     * Default number of streams whose last committed version the store remembers: none (see
     * {@link Builder#knownStreams}), because a commit lost by a failover or a restore would let a remembered
     * version leave a gap in a stream.
     */
    public static final int DEFAULT_KNOWN_STREAMS = 0;

    /** Default longest wait for a notification before a subscription reads anyway. */
    public static final Duration DEFAULT_NOTIFICATION_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Inserts ONE event at version {version}, or nothing when the {guard} clause fails or when that
     * version exists (the unique key on stream id and version is the concurrency check; {@code on conflict
     * do nothing} waits for a writer of the same version still in flight, and leaves the caller's
     * transaction usable). {version} and {guard} come from the EXACTLY_, NO_STREAM_ and ANY_ fragments.
     * Parameters: stream id, those of {version}, event id, type, schema version, payload, metadata, those
     * of {guard}. Returns the version inserted, or no row.
     */
    private static final String SQL_INSERT_FIRST = """
            insert into {schema}.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
            select ?, {version}, ?, ?, ?, ?::json, ?::json
            {guard}
            on conflict (stream_id, stream_version) do nothing
            returning stream_version
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
     * was inserted, numbered on from it, from arrays. Parameters: those of {@link #SQL_INSERT_FIRST}, then
     * stream id, metadata, and the event ids, types, schema versions and payloads of the events after the
     * first. Returns the first event's version, or no row when the expectation failed.
     */
    private static final String SQL_APPEND_MANY = "with head as (\n" + SQL_INSERT_FIRST + """
            ), tail as (
                insert into {schema}.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
                select ?, head.stream_version + e.ordinal, e.event_id, e.type, e.schema_version, e.payload::json, ?::json
                from head cross join unnest(?::uuid[], ?::text[], ?::int[], ?::text[])
                    with ordinality as e (event_id, type, schema_version, payload, ordinal)
                order by e.ordinal
            )
            select stream_version from head
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
            """;

    /** The stream's current version, on the conflict path only. Parameter: stream id. */
    private static final String SQL_STREAM_VERSION = """
            select max(stream_version) from {schema}.events where stream_id = ?
            """;

    /** How often an append expecting any version retries after losing the race for the next version. */
    private static final int ANY_ATTEMPTS = 1_000;

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
     * matters: a held-back event released between two separate checks would be seen by neither.
     */
    private static final String SQL_WAITING = """
            select exists (select 1 from {schema}.events where tx_id >= pg_snapshot_xmin(pg_current_snapshot())),
                   exists (select 1 from {schema}.events
                           where (tx_id, global_position) > (
                                     coalesce((select c.tx_id from {schema}.events c where c.global_position <= ?
                                               order by c.global_position desc limit 1), '0'::xid8),
                                     ?)
                             and tx_id < pg_snapshot_xmin(pg_current_snapshot()))
            """;

    /** For lag metrics only: may count an event that readAll still holds back (see lastPosition). */
    private static final String SQL_LAST_POSITION = """
            select coalesce(max(global_position), 0) from {schema}.events
            """;

    private static final String SQL_WAKE = """
            select pg_notify('myelin_events', 'wake')
            """;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String STREAM_VERSION_CONSTRAINT = "events_stream_version_key";

    private final DataSource dataSource;
    private final JdbcTransactionRunner transactions;
    private final Connections connections;
    private final JacksonEventSerializer serializer;
    private final Statements appendAny;
    private final Statements appendNoStream;
    private final Statements appendExactly;
    private final Statements appendExactlyKnown;
    private final String insertKnown;
    private final String insertKnownMany;
    private final KnownVersions knownVersions;
    private final String streamVersion;
    private final String readStream;
    private final String readStreamBackwards;
    private final String readAll;
    private final String waiting;
    private final String lastPosition;
    private final int subscriptionBatchSize;
    private final Duration notificationTimeout;
    private final AppendNotifier notifier;
    private final GroupCommit groupCommit;
    private final LongAdder autoCommitAppends = new LongAdder();
    private final LongAdder autoCommitTransactions = new LongAdder();

    private PostgresEventStore(Builder builder) {
        this.dataSource = builder.dataSource;
        this.transactions = builder.transactions;
        this.connections = new Connections(dataSource, transactions, (what, failure) -> new EventStoreException(
                "Cannot " + what + " (SQLSTATE " + failure.getSQLState() + ")", failure));
        this.serializer = builder.serializer;
        MyelinSchema schema = builder.schema;
        this.appendAny = Statements.on(schema, ANY_VERSION, "");
        this.appendNoStream = Statements.on(schema, NO_STREAM_VERSION, "");
        this.appendExactly = Statements.on(schema, EXACTLY_VERSION, EXACTLY_GUARD);
        this.appendExactlyKnown = Statements.on(schema, EXACTLY_VERSION, "");
        this.insertKnown = schema.qualify(SQL_INSERT_KNOWN);
        this.insertKnownMany = schema.qualify(SQL_INSERT_KNOWN_MANY);
        this.knownVersions = new KnownVersions(builder.knownStreams);
        this.streamVersion = schema.qualify(SQL_STREAM_VERSION);
        this.readStream = schema.qualify(SQL_READ_STREAM);
        this.readStreamBackwards = schema.qualify(SQL_READ_STREAM_BACKWARDS);
        this.readAll = schema.qualify(SQL_READ_ALL);
        this.waiting = schema.qualify(SQL_WAITING);
        this.lastPosition = schema.qualify(SQL_LAST_POSITION);
        this.subscriptionBatchSize = builder.subscriptionBatchSize;
        this.notificationTimeout = builder.notificationTimeout;
        this.notifier = new AppendNotifier(dataSource);
        this.groupCommit = builder.groupCommitAppends > 1 ? new GroupCommit(this, dataSource, schema,
                builder.groupCommitAppends, builder.groupCommitGroups, ANY_ATTEMPTS, notifier::signal, autoCommitAppends,
                autoCommitTransactions) : null;
    }

    /**
     * Starts a store.
     *
     * @param dataSource where connections come from outside transactions, and for subscriptions
     * @param transactions the runner whose active transaction appends and reads join
     * @param serializer how events and metadata become JSON
     * @return a builder
     */
    public static Builder builder(DataSource dataSource, JdbcTransactionRunner transactions,
            JacksonEventSerializer serializer) {
        return new Builder(dataSource, transactions, serializer);
    }

    @Override
    public AppendResult append(String streamId, ExpectedVersion expected, List<? extends DomainEvent> events,
            EventMetadata metadata) {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(metadata, "metadata");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("Append at least one event to stream '" + streamId + "'");
        }
        int count = events.size();
        UUID[] ids = new UUID[count];
        String[] types = new String[count];
        Integer[] versions = new Integer[count];
        String[] payloads = new String[count];
        for (int i = 0; i < count; i++) {
            JacksonEventSerializer.Serialized serialized = serializer.serialize(events.get(i));
            ids[i] = TimeOrderedIds.next();
            types[i] = serialized.type();
            versions[i] = serialized.schemaVersion();
            payloads[i] = serialized.payload();
        }
        Batch batch = new Batch(streamId, serializer.serializeMetadata(metadata), ids, types, versions, payloads);
        boolean joined = transactions.isActive();
        try {
            if (joined) {
                AppendResult result = append(transactions.currentConnection(), true, expected, batch);
                long version = result.streamVersion();
                transactions.afterCommit(() -> {
                    knownVersions.learn(streamId, version);
                    notifier.signal();
                });
                return result;
            }
            AppendResult result;
            if (groupCommit != null) {
                result = groupCommit.append(expected, batch);
            } else {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(true);
                    autoCommitTransactions.increment();
                    result = append(connection, false, expected, batch);
                } finally {
                    autoCommitAppends.increment();
                }
                notifier.signal();
            }
            knownVersions.learn(streamId, result.streamVersion());
            return result;
        } catch (SQLException failure) {
            throw appendFailure(streamId, failure);
        }
    }

    /**
     * Counts of the appends made outside a transaction since this store was built, and of the
     * transactions that wrote them: with group commit, fewer transactions than appends.
     *
     * @return the counts so far
     */
    public AutoCommitStatistics autoCommitStatistics() {
        return new AutoCommitStatistics(autoCommitAppends.sum(), autoCommitTransactions.sum());
    }

    /**
     * Appends made outside a transaction and the transactions that wrote them.
     *
     * @param appends appends done (written, conflicting or failed)
     * @param transactions transactions run for them: one per group commit or per append written alone
     *     (a group that PostgreSQL rejected, and whose appends were then written one by one, counts too)
     * @since 0.1
     */
    public record AutoCommitStatistics(long appends, long transactions) {
    }

    /** The group commit's statement, for tests. */
    String groupCommitStatement() {
        return groupCommit.statement();
    }

    /** Appends waiting for a group commit, for tests. */
    int groupCommitWaiting() {
        return groupCommit == null ? 0 : groupCommit.waiting();
    }

    /** An append on an auto-commit connection, for {@link GroupCommit}'s groups of one. */
    AppendResult appendAlone(Connection connection, ExpectedVersion expected, Batch batch) throws SQLException {
        return append(connection, false, expected, batch);
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

    /** The serialized events of one append. */
    record Batch(String streamId, String metadata, UUID[] ids, String[] types, Integer[] versions,
            String[] payloads) {

        int count() {
            return ids.length;
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

    private AppendResult append(Connection connection, boolean joined, ExpectedVersion expected, Batch batch)
            throws SQLException {
        boolean known = expected instanceof ExpectedVersion.Exactly exactly
                && knownVersions.committed(batch.streamId(), exactly.version());
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
                long first = insert(connection, statements, expected, batch);
                if (first > 0) {
                    return new AppendResult(first + batch.count() - 1, batch.count());
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
     * An append outside a transaction whose version needs no lookup: a plain insert, no row back.
     * A conflict is a unique violation, thrown to {@link #append(Connection, boolean, ExpectedVersion, Batch)}.
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
            statement.executeUpdate();
        }
        return new AppendResult(before + count, count);
    }

    /** Runs one append statement; returns the first event's version, or 0 when nothing was written. */
    private static long insert(Connection connection, Statements statements, ExpectedVersion expected, Batch batch)
            throws SQLException {
        boolean many = batch.count() > 1;
        try (PreparedStatement statement = connection.prepareStatement(many ? statements.many() : statements.one())) {
            int index = 1;
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
            if (statements.guarded() && expected instanceof ExpectedVersion.Exactly exactly) {
                statement.setString(index++, batch.streamId());
                statement.setLong(index++, exactly.version());
            }
            if (many) {
                int count = batch.count();
                statement.setString(index++, batch.streamId());
                statement.setString(index++, batch.metadata());
                statement.setArray(index++, connection.createArrayOf("uuid", Arrays.copyOfRange(batch.ids(), 1, count)));
                statement.setArray(index++, connection.createArrayOf("text", Arrays.copyOfRange(batch.types(), 1, count)));
                statement.setArray(index++, connection.createArrayOf("int4", Arrays.copyOfRange(batch.versions(), 1, count)));
                statement.setArray(index, connection.createArrayOf("text", Arrays.copyOfRange(batch.payloads(), 1, count)));
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getLong(1) : 0;
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

    @Override
    public List<StoredEvent> readStream(String streamId, long fromVersion, int maxCount) {
        boolean joined = transactions.isActive();
        List<StoredEvent> events = read("stream '" + streamId + "'",
                connection -> query(connection, readStream, streamId, fromVersion, maxCount));
        return learnFrom(joined, events, events.size() - 1);
    }

    @Override
    public List<StoredEvent> readStreamBackwards(String streamId, long fromVersion, int maxCount) {
        boolean joined = transactions.isActive();
        List<StoredEvent> events = read("stream '" + streamId + "' backwards",
                connection -> query(connection, readStreamBackwards, streamId, fromVersion, maxCount));
        return learnFrom(joined, events, 0);
    }

    /**
     * Remembers the highest version a stream read returned (the event at index {@code highest}) when the
     * read ran outside a transaction, so saw only committed events. Returns the events.
     */
    private List<StoredEvent> learnFrom(boolean joined, List<StoredEvent> events, int highest) {
        if (!joined && !events.isEmpty()) {
            StoredEvent last = events.get(highest);
            knownVersions.learn(last.streamId(), last.streamVersion());
        }
        return events;
    }

    @Override
    public List<StoredEvent> readAll(long afterPosition, int maxCount) {
        return read("the log after position " + afterPosition, connection -> readAll(connection, afterPosition, maxCount));
    }

    /**
     * Returns the highest position of a committed event with one index lookup ({@code max(global_position)}),
     * for lag metrics. Positions are not strictly in read order (see the class comment): the event at that
     * position may still be held back from {@link #readAll} by an older transaction in flight, so the lag
     * computed from it may count an event or two that no reader can see yet.
     *
     * @return the position, 0 when the log is empty
     */
    @Override
    public long lastPosition() {
        try {
            if (transactions.isActive()) {
                return lastPosition(transactions.currentConnection());
            }
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                return lastPosition(connection);
            }
        } catch (SQLException failure) {
            throw new EventStoreException("Cannot read the last position (SQLSTATE " + failure.getSQLState() + ")", failure);
        }
    }

    private long lastPosition(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(lastPosition);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public Subscription subscribe(long afterPosition, Consumer<StoredEvent> handler) {
        return PostgresSubscription.start(this, dataSource, afterPosition, Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Stops the thread that notifies subscribers after appends; open subscriptions are closed on their
     * own. Appends after this still work, but no longer wake subscribers before their notification timeout.
     */
    @Override
    public void close() {
        notifier.close();
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

    /** Wakes every subscription's thread, so that a closed one notices at once. */
    void wakeSubscriptions() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(SQL_WAKE)) {
                statement.execute();
            }
        }
    }

    int subscriptionBatchSize() {
        return subscriptionBatchSize;
    }

    Duration notificationTimeout() {
        return notificationTimeout;
    }

    private List<StoredEvent> read(String what, Connections.Work<List<StoredEvent>> read) {
        return connections.run("read " + what, read);
    }

    private List<StoredEvent> query(Connection connection, String sql, String streamId, long version, int maxCount)
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

    /**
     * Builds a {@link PostgresEventStore}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final DataSource dataSource;
        private final JdbcTransactionRunner transactions;
        private final JacksonEventSerializer serializer;
        private MyelinSchema schema = MyelinSchema.DEFAULT;
        private int subscriptionBatchSize = DEFAULT_SUBSCRIPTION_BATCH_SIZE;
        private Duration notificationTimeout = DEFAULT_NOTIFICATION_TIMEOUT;
        private int groupCommitAppends = DEFAULT_GROUP_COMMIT_APPENDS;
        private int groupCommitGroups = DEFAULT_GROUP_COMMIT_GROUPS;
        private int knownStreams = DEFAULT_KNOWN_STREAMS;

        private Builder(DataSource dataSource, JdbcTransactionRunner transactions, JacksonEventSerializer serializer) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.transactions = Objects.requireNonNull(transactions, "transactions");
            this.serializer = Objects.requireNonNull(serializer, "serializer");
        }

        /**
         * Sets the framework schema the tables are in.
         *
         * @param schema the schema, {@link MyelinSchema#DEFAULT} unless set
         * @return this builder
         */
        public Builder schema(MyelinSchema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /**
         * Sets how many events a subscription reads at once.
         *
         * @param size the batch size, 1 or more; 256 unless set
         * @return this builder
         */
        public Builder subscriptionBatchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("The batch size is 1 or more, was " + size);
            }
            this.subscriptionBatchSize = size;
            return this;
        }

        /**
         * Sets the longest wait of a live subscription for a notification before it reads anyway: a
         * safety net against a lost notification, not the way events are found.
         *
         * @param timeout a {@code Duration} of at least one millisecond; 5 seconds unless set
         * @return this builder
         */
        public Builder notificationTimeout(Duration timeout) {
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("The notification timeout is at least 1 ms, was " + timeout);
            }
            this.notificationTimeout = timeout;
            return this;
        }

        /**
         * Sets how appends made outside a transaction are grouped (see {@link GroupCommit}): at most
         * {@code maxAppends} appends of different streams in one statement and one commit, and at most
         * {@code maxGroups} such commits in flight at once; the appends that arrive meanwhile wait for the
         * next group. Appends inside a transaction are never grouped: they commit with it.
         *
         * @param maxAppends appends per group, 1 or more; 1 turns group commit off; 64 unless set
         * @param maxGroups groups written at once, 1 or more; 2 unless set
         * @return this builder
         */
        public Builder groupCommit(int maxAppends, int maxGroups) {
            if (maxAppends < 1 || maxGroups < 1) {
                throw new IllegalArgumentException("A group holds 1 or more appends and 1 or more groups are written at once,"
                        + " was " + maxAppends + " and " + maxGroups);
            }
            this.groupCommitAppends = maxAppends;
            this.groupCommitGroups = maxGroups;
            return this;
        }

        /**
         * Sets how many streams' last committed versions the store remembers, so that an {@code exactly(v)}
         * append with v known skips the lookup of event v (see the class comment, "Known versions"). Sound
         * only if a commit is never lost: not with {@code synchronous_commit} off, a failover to an
         * asynchronous replica or a restore, where it could leave a gap in a stream.
         *
         * @param streams a power of two (4,096 is a good size), or 0 to check every append in SQL; 0 unless set
         * @return this builder
         */
        public Builder knownStreams(int streams) {
            if (streams < 0 || streams > 0 && Integer.bitCount(streams) != 1) {
                throw new IllegalArgumentException("Known streams are 0 or a power of two, was " + streams);
            }
            this.knownStreams = streams;
            return this;
        }

        /**
         * Builds the store. The schema must have been migrated ({@link MyelinSchema#migrate}).
         *
         * @return the store
         */
        public PostgresEventStore build() {
            return new PostgresEventStore(this);
        }
    }
}
