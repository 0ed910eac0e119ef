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
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The {@link EventStore} on PostgreSQL: tables {@code streams} and {@code events} of the framework
 * schema ({@link MyelinSchema}, migrated beforehand).
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
 * <p><b>Appends: one round trip.</b> An append is ONE statement: a data-modifying CTE moves the
 * {@code streams} row (upsert for {@code any}, insert-if-absent for {@code noStream}, update where the
 * version matches for {@code exactly(v)}) and inserts every event from arrays with {@code unnest}.
 * After the commit (the transaction's, or the statement's own outside one) a notifier thread of the
 * store sends {@code pg_notify('myelin_events', '')} once for all appends committed meanwhile: a
 * notification inside the append's transaction would serialise every writer's commit on
 * PostgreSQL's notification lock. No row from the
 * stream step means the expectation failed: the actual version is read (only on that failure path)
 * and an {@link AggregateConflictException} is thrown, with nothing written. Two concurrent writers
 * with the same expectation serialize on the stream's row; the second sees the first's version and
 * fails. Outside a transaction the statement runs in auto-commit mode, so an append costs exactly
 * one round trip; inside one, one round trip plus the transaction's own commit.
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

    /** Default longest wait for a notification before a subscription reads anyway. */
    public static final Duration DEFAULT_NOTIFICATION_TIMEOUT = Duration.ofSeconds(5);

    private static final String SQL_APPEND_TAIL = """
            , appended as (
                insert into {schema}.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
                select ?, head.version - ? + e.ordinal, e.event_id, e.type, e.schema_version, e.payload::jsonb, ?::jsonb
                from head cross join unnest(?::uuid[], ?::text[], ?::int[], ?::text[])
                    with ordinality as e (event_id, type, schema_version, payload, ordinal)
                order by e.ordinal
            )
            select head.version from head
            """;

    /** Parameters: stream id, count. */
    private static final String SQL_APPEND_ANY = """
            with head as (
                insert into {schema}.streams as s (stream_id, version) values (?, ?)
                on conflict (stream_id) do update set version = s.version + excluded.version
                returning s.version
            )
            """ + SQL_APPEND_TAIL;

    /** Parameters: stream id, count. */
    private static final String SQL_APPEND_NO_STREAM = """
            with head as (
                insert into {schema}.streams (stream_id, version) values (?, ?)
                on conflict (stream_id) do nothing
                returning version
            )
            """ + SQL_APPEND_TAIL;

    /** Parameters: count, stream id, expected version. */
    private static final String SQL_APPEND_EXACTLY = """
            with head as (
                update {schema}.streams set version = version + ?
                where stream_id = ? and version = ?
                returning version
            )
            """ + SQL_APPEND_TAIL;

    private static final String SQL_STREAM_VERSION = """
            select version from {schema}.streams where stream_id = ?
            """;

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
    private final String appendAny;
    private final String appendNoStream;
    private final String appendExactly;
    private final String streamVersion;
    private final String readStream;
    private final String readStreamBackwards;
    private final String readAll;
    private final String waiting;
    private final String lastPosition;
    private final int subscriptionBatchSize;
    private final Duration notificationTimeout;
    private final AppendNotifier notifier;

    private PostgresEventStore(Builder builder) {
        this.dataSource = builder.dataSource;
        this.transactions = builder.transactions;
        this.connections = new Connections(dataSource, transactions, (what, failure) -> new EventStoreException(
                "Cannot " + what + " (SQLSTATE " + failure.getSQLState() + ")", failure));
        this.serializer = builder.serializer;
        MyelinSchema schema = builder.schema;
        this.appendAny = schema.qualify(SQL_APPEND_ANY);
        this.appendNoStream = schema.qualify(SQL_APPEND_NO_STREAM);
        this.appendExactly = schema.qualify(SQL_APPEND_EXACTLY);
        this.streamVersion = schema.qualify(SQL_STREAM_VERSION);
        this.readStream = schema.qualify(SQL_READ_STREAM);
        this.readStreamBackwards = schema.qualify(SQL_READ_STREAM_BACKWARDS);
        this.readAll = schema.qualify(SQL_READ_ALL);
        this.waiting = schema.qualify(SQL_WAITING);
        this.lastPosition = schema.qualify(SQL_LAST_POSITION);
        this.subscriptionBatchSize = builder.subscriptionBatchSize;
        this.notificationTimeout = builder.notificationTimeout;
        this.notifier = new AppendNotifier(dataSource);
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
        String metadataJson = serializer.serializeMetadata(metadata);
        boolean joined = transactions.isActive();
        try {
            if (joined) {
                AppendResult result = append(transactions.currentConnection(), true, streamId, expected, count, metadataJson,
                        ids, types, versions, payloads);
                transactions.afterCommit(notifier::signal);
                return result;
            }
            AppendResult result;
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                result = append(connection, false, streamId, expected, count, metadataJson, ids, types, versions, payloads);
            }
            notifier.signal();
            return result;
        } catch (SQLException failure) {
            throw new EventStoreException("Cannot append to stream '" + streamId + "' (SQLSTATE " + failure.getSQLState()
                    + ")", failure);
        }
    }

    private AppendResult append(Connection connection, boolean joined, String streamId, ExpectedVersion expected,
            int count, String metadataJson, UUID[] ids, String[] types, Integer[] versions, String[] payloads)
            throws SQLException {
        String sql;
        if (expected instanceof ExpectedVersion.Exactly) {
            sql = appendExactly;
        } else if (expected instanceof ExpectedVersion.NoStream) {
            sql = appendNoStream;
        } else {
            sql = appendAny;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (expected instanceof ExpectedVersion.Exactly exactly) {
                statement.setLong(index++, count);
                statement.setString(index++, streamId);
                statement.setLong(index++, exactly.version());
            } else {
                statement.setString(index++, streamId);
                statement.setLong(index++, count);
            }
            statement.setString(index++, streamId);
            statement.setLong(index++, count);
            statement.setString(index++, metadataJson);
            statement.setArray(index++, connection.createArrayOf("uuid", ids));
            statement.setArray(index++, connection.createArrayOf("text", types));
            statement.setArray(index++, connection.createArrayOf("int4", versions));
            statement.setArray(index, connection.createArrayOf("text", payloads));
            try (ResultSet result = statement.executeQuery()) {
                if (result.next()) {
                    return new AppendResult(result.getLong(1), count);
                }
            }
        } catch (SQLException failure) {
            if (UNIQUE_VIOLATION.equals(failure.getSQLState()) && String.valueOf(failure.getMessage())
                    .contains(STREAM_VERSION_CONSTRAINT)) {
                // Only a writer bypassing the streams table can get here; the aborted transaction cannot be read.
                long actual = joined ? actualVersionElsewhere(streamId) : actualVersion(connection, streamId);
                throw conflict(streamId, expected, actual, failure);
            }
            throw failure;
        }
        throw conflict(streamId, expected, actualVersion(connection, streamId), null);
    }

    private long actualVersionElsewhere(String streamId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return actualVersion(connection, streamId);
        }
    }

    private long actualVersion(Connection connection, String streamId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(streamVersion)) {
            statement.setString(1, streamId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getLong(1) : AggregateConflictException.NONE;
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
        return read("stream '" + streamId + "'", connection -> query(connection, readStream, streamId, fromVersion, maxCount));
    }

    @Override
    public List<StoredEvent> readStreamBackwards(String streamId, long fromVersion, int maxCount) {
        return read("stream '" + streamId + "' backwards",
                connection -> query(connection, readStreamBackwards, streamId, fromVersion, maxCount));
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
         * Builds the store. The schema must have been migrated ({@link MyelinSchema#migrate}).
         *
         * @return the store
         */
        public PostgresEventStore build() {
            return new PostgresEventStore(this);
        }
    }
}
