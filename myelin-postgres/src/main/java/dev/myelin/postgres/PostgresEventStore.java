package dev.myelin.postgres;

import dev.myelin.data.TimeOrderedIds;
import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.postgres.internal.Connections;
import dev.myelin.core.DomainEvent;
import dev.myelin.core.meta.Experimental;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The {@link EventStore} on PostgreSQL: table {@code events} of the framework schema
 * ({@link MyelinSchema}, migrated beforehand).
 *
 * <pre>{@code
 * MyelinSchema.DEFAULT.migrate(dataSource);
 * EventStore store = PostgresEventStore.builder(dataSource, transactions, transactions, JacksonEventSerializer.of(types))
 *         .build();
 * store.append("Order-42", ExpectedVersion.noStream(), List.of(new OrderPlaced(...)), EventMetadata.of(context));
 * }</pre>
 *
 * <p><b>Transactions.</b> When a transaction is active on the calling thread (its connection given by
 * the {@link CurrentConnection} port: a {@code JdbcTransactionRunner}'s, or Spring's), appends and
 * reads use its connection: the events commit or roll back with the command's other writes. Otherwise
 * each call runs on a connection of its own in auto-commit mode. An append returns what it stored
 * (positions, versions, ids, from the statement's {@code RETURNING}): nothing is read back.
 *
 * <p><b>Appends: one statement, one row per event, nothing else.</b> (The checked statement; see
 * "Versions vouched for by the transaction" and "Known versions" below for the statement without the guard
 * that replaces it when event v is known to exist.) The unique key on
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
 * <p><b>Versions vouched for by the transaction (always on).</b> Inside a transaction the store remembers,
 * for that transaction only, the highest version of each stream that a {@link #readStream} or
 * {@link #readStreamBackwards} in it returned and the last version each of its appends wrote
 * ({@code TransactionVersions}). An {@code exactly(v)} append in it with v at or below that is the statement
 * above without the {@code where exists} guard: event v was seen in this transaction, so it exists until the
 * transaction ends. {@code on conflict do nothing} stays: a conflict is still an
 * {@link AggregateConflictException} that leaves the transaction usable. This is the path of a command that
 * loads an aggregate and saves it ({@code EventSourcedRepository}). Any other version keeps the guard. The
 * memory is dropped through {@link CurrentConnection#onTransactionEnd} (the end of the transaction whatever
 * its outcome, a rollback to a savepoint, a suspension); with a port that cannot promise that callback,
 * every append keeps the guard. Not seen: a savepoint rolled back by hand on the JDBC connection, past the
 * transaction manager; do not roll back that way past a read or an append of the store.
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
 * notification when it ends, it re-reads with a short back-off until they are released. A reader that
 * reads the log itself (the projection daemon) needs no subscription: {@link #onAppended} wakes it after
 * each commit, reading nothing.
 *
 * <p><b>Lifecycle.</b> {@link #close()} stops the notifier thread (started at the first append).
 * Thread-safe.
 *
 * <p>This class is the facade: the append protocol lives in {@code EventAppends} (its statements at
 * its top), the log reader in {@code EventLog}, the group commit, the subscription loop and the
 * notifier in their own classes, the versions vouched for by the transaction in {@code TransactionVersions}.
 * Over 500 lines because a quarter of it is this comment, the store's specification in one place.
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

    private final DataSource dataSource;
    private final TransactionRunner transactions;
    private final CurrentConnection current;
    private final Connections connections;
    private final JacksonEventSerializer serializer;
    private final KnownVersions knownVersions;
    private final TransactionVersions transactionVersions;
    private final EventAppends appends;
    private final EventLog log;
    private final int subscriptionBatchSize;
    private final Duration notificationTimeout;
    private final AppendNotifier notifier;
    private final List<AppendListening> listeners = new CopyOnWriteArrayList<>();
    private final GroupCommit groupCommit;
    private final LongAdder autoCommitAppends = new LongAdder();
    private final LongAdder autoCommitTransactions = new LongAdder();

    private PostgresEventStore(Builder builder) {
        this.dataSource = builder.dataSource;
        this.transactions = builder.transactions;
        this.current = builder.current;
        this.connections = new Connections(dataSource, current, (what, failure) -> new EventStoreException(
                "Cannot " + what + " (SQLSTATE " + failure.getSQLState() + ")", failure));
        this.serializer = builder.serializer;
        MyelinSchema schema = builder.schema;
        this.knownVersions = new KnownVersions(builder.knownStreams);
        this.transactionVersions = new TransactionVersions(current);
        this.appends = new EventAppends(dataSource, schema, knownVersions);
        this.log = new EventLog(dataSource, schema, serializer);
        this.subscriptionBatchSize = builder.subscriptionBatchSize;
        this.notificationTimeout = builder.notificationTimeout;
        this.notifier = new AppendNotifier(dataSource);
        this.groupCommit = builder.groupCommitAppends > 1 ? new GroupCommit(appends, dataSource, schema,
                builder.groupCommitAppends, builder.groupCommitGroups, EventAppends.ANY_ATTEMPTS, this::committed,
                autoCommitAppends,
                autoCommitTransactions) : null;
    }

    /**
     * Starts a store.
     *
     * @param dataSource where connections come from outside transactions, and for subscriptions
     * @param transactions the runner of the caller's transactions, for after-commit work
     * @param current the connection of the caller's active transaction, which appends and reads join
     * @param serializer how events and metadata become JSON
     * @return a builder
     */
    public static Builder builder(DataSource dataSource, TransactionRunner transactions, CurrentConnection current,
            JacksonEventSerializer serializer) {
        return new Builder(dataSource, transactions, current, serializer);
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
        EventAppends.Batch batch = batch(streamId, events, metadata);
        Connection joined = current.get();
        try {
            if (joined != null) {
                boolean vouched = expected instanceof ExpectedVersion.Exactly exactly
                        && transactionVersions.vouched(joined, streamId, exactly.version());
                return joined(joined, streamId, appends.append(joined, true, vouched, expected, batch));
            }
            AppendResult result;
            if (groupCommit != null) {
                result = groupCommit.append(expected, batch);
            } else {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(true);
                    autoCommitTransactions.increment();
                    result = appends.append(connection, false, false, expected, batch);
                } finally {
                    autoCommitAppends.increment();
                }
                committed();
            }
            knownVersions.learn(streamId, result.streamVersion());
            return result;
        } catch (SQLException failure) {
            throw appends.appendFailure(streamId, failure);
        }
    }

    /**
     * Appends events at the stream's next version, in the caller's transaction, in ONE statement with a
     * write they depend on: {@code guard}, an insert, update or delete of at most one row (no
     * {@code RETURNING}), runs first in that statement, and the events are inserted only when it changed a
     * row. For state-stored aggregates ({@code PostgresDocumentRepository}): the document's versioned
     * write and its events in one round trip. The guard's row lock must serialize the stream's writers
     * (every writer of the stream writes that row first): the next version is then free, and the append
     * is not retried. The after-append step does not run: run it with {@code AfterAppend.afterAppended}.
     *
     * @param guard the guarding statement, with {@code ?} parameters
     * @param guardParameters its parameters, as for {@code PreparedStatement.setObject}
     * @param streamId the stream
     * @param events at least one event
     * @param metadata the events' metadata
     * @return what was stored; null when nothing of the events was written: the guard changed no row (and
     *     nothing was written), or a writer outside that protocol took the version (the guard's change was
     *     written: fail the transaction)
     * @throws IllegalStateException outside a transaction
     * @since 0.1
     */
    @Experimental
    public AppendResult appendGuarded(String guard, Object[] guardParameters, String streamId,
            List<? extends DomainEvent> events, EventMetadata metadata) {
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(metadata, "metadata");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("Append at least one event to stream '" + streamId + "'");
        }
        Connection joined = current.get();
        if (joined == null) {
            throw new IllegalStateException("A guarded append joins the caller's transaction; none is active");
        }
        try {
            AppendResult result = appends.appendGuarded(joined, guard, guardParameters, batch(streamId, events, metadata));
            return result == null ? null : joined(joined, streamId, result);
        } catch (SQLException failure) {
            throw appends.appendFailure(streamId, failure);
        }
    }

    /** Serializes one append's events and metadata. */
    private EventAppends.Batch batch(String streamId, List<? extends DomainEvent> events, EventMetadata metadata) {
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
        return new EventAppends.Batch(streamId, serializer.serializeMetadata(metadata), ids, types, versions, payloads,
                events, metadata);
    }

    /** After an append in the caller's transaction: its version is known to it, and to all once committed. */
    private AppendResult joined(Connection joined, String streamId, AppendResult result) {
        long version = result.streamVersion();
        transactionVersions.learn(joined, streamId, version);
        transactions.afterCommit(() -> {
            knownVersions.learn(streamId, version);
            committed();
        });
        return result;
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

    @Override
    public List<StoredEvent> readStream(String streamId, long fromVersion, int maxCount) {
        Connection joined = current.get();
        List<StoredEvent> events = read(joined, "stream '" + streamId + "'",
                connection -> log.stream(connection, streamId, fromVersion, maxCount));
        return learnFrom(joined, events, events.size() - 1);
    }

    @Override
    public List<StoredEvent> readStreamBackwards(String streamId, long fromVersion, int maxCount) {
        Connection joined = current.get();
        List<StoredEvent> events = read(joined, "stream '" + streamId + "' backwards",
                connection -> log.streamBackwards(connection, streamId, fromVersion, maxCount));
        return learnFrom(joined, events, 0);
    }

    /**
     * Remembers the highest version a stream read returned (the event at index {@code highest}): for the
     * transaction it ran in, or, when it ran outside one (so saw only committed events), in the known
     * versions. Returns the events.
     */
    private List<StoredEvent> learnFrom(Connection joined, List<StoredEvent> events, int highest) {
        if (!events.isEmpty()) {
            StoredEvent last = events.get(highest);
            if (joined != null) {
                transactionVersions.learn(joined, last.streamId(), last.streamVersion());
            } else {
                knownVersions.learn(last.streamId(), last.streamVersion());
            }
        }
        return events;
    }

    @Override
    public List<StoredEvent> readAll(long afterPosition, int maxCount) {
        return read("the log after position " + afterPosition, connection -> log.readAll(connection, afterPosition, maxCount));
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
            Connection joined = current.get();
            if (joined != null) {
                return log.lastPosition(joined);
            }
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                return log.lastPosition(connection);
            }
        } catch (SQLException failure) {
            throw new EventStoreException("Cannot read the last position (SQLSTATE " + failure.getSQLState() + ")", failure);
        }
    }

    @Override
    public Subscription subscribe(long afterPosition, Consumer<StoredEvent> handler) {
        return PostgresSubscription.start(this, dataSource, afterPosition, Objects.requireNonNull(handler, "handler"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here the listener is called on the committing thread right after each append of this store commits
     * (its transaction's, its own, or its group's commit), and on a daemon thread of its own, which listens to
     * {@link #CHANNEL} on a connection of its own, after every notification (other processes' appends, and
     * this one's), and again with a short back-off while committed events are held back by an older
     * transaction still in flight. No event is read.
     */
    @Override
    public Listening onAppended(Runnable listener) {
        AppendListening listening = AppendListening.start(this, dataSource, Objects.requireNonNull(listener, "listener"));
        listeners.add(listening);
        return listening;
    }

    /** After a commit of this store's appends: the listeners in this process at once, the others by notification. */
    private void committed() {
        for (AppendListening listener : listeners) {
            listener.call();
        }
        notifier.signal();
    }

    void stopCalling(AppendListening listening) {
        listeners.remove(listening);
    }

    /** Whether committed events wait for an older transaction still in flight. */
    boolean heldBack(Connection connection) throws SQLException {
        return log.heldBack(connection);
    }

    /**
     * Stops the thread that notifies subscribers after appends; open subscriptions are closed on their
     * own. Appends after this still work, but no longer wake subscribers before their notification timeout.
     */
    @Override
    public void close() {
        notifier.close();
    }

    /** Reads the log after a checkpoint on a given connection, for subscriptions. */
    List<StoredEvent> readAll(Connection connection, long afterPosition, int maxCount) throws SQLException {
        return log.readAll(connection, afterPosition, maxCount);
    }

    /** What a subscription at {@code afterPosition} that read everything it could does next. */
    EventLog.NextRead nextRead(Connection connection, long afterPosition) throws SQLException {
        return log.nextRead(connection, afterPosition);
    }

    /** Wakes every subscription's thread, so that a closed one notices at once. */
    void wakeSubscriptions() throws SQLException {
        log.wakeSubscriptions();
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

    /** Reads on {@code joined}, the transaction's connection, or on a connection of its own outside one. */
    private List<StoredEvent> read(Connection joined, String what, Connections.Work<List<StoredEvent>> read) {
        if (joined == null) {
            return read(what, read);
        }
        try {
            return read.on(joined);
        } catch (SQLException failure) {
            throw new EventStoreException("Cannot read " + what + " (SQLSTATE " + failure.getSQLState() + ")", failure);
        }
    }

    /**
     * Builds a {@link PostgresEventStore}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final DataSource dataSource;
        private final TransactionRunner transactions;
        private final CurrentConnection current;
        private final JacksonEventSerializer serializer;
        private MyelinSchema schema = MyelinSchema.DEFAULT;
        private int subscriptionBatchSize = DEFAULT_SUBSCRIPTION_BATCH_SIZE;
        private Duration notificationTimeout = DEFAULT_NOTIFICATION_TIMEOUT;
        private int groupCommitAppends = DEFAULT_GROUP_COMMIT_APPENDS;
        private int groupCommitGroups = DEFAULT_GROUP_COMMIT_GROUPS;
        private int knownStreams = DEFAULT_KNOWN_STREAMS;

        private Builder(DataSource dataSource, TransactionRunner transactions, CurrentConnection current,
                JacksonEventSerializer serializer) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.transactions = Objects.requireNonNull(transactions, "transactions");
            this.current = Objects.requireNonNull(current, "current");
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
