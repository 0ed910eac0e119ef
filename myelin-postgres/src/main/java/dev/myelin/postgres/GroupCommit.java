package dev.myelin.postgres;

import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.ExpectedVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of the appends made outside a transaction: appends that arrive while others are being
 * written wait, then go to PostgreSQL together, in ONE statement and ONE transaction, so one WAL flush
 * makes all of them durable. Each append keeps its own outcome: its own expected-version check, its own
 * conflict, its own result; a group never mixes two appends to one stream.
 *
 * <p><b>No thread of its own.</b> The first caller to find fewer than {@code maxGroups} groups in
 * flight becomes a leader: it takes the appends waiting (its own first, then the oldest others, up to
 * {@code maxAppends}, one per stream), writes them on a connection of the pool in auto-commit mode, wakes
 * their callers, and goes on until its own append is done; then it hands leadership to the oldest caller
 * still waiting, if any. An append that finds nothing in flight is written at once on its caller's
 * thread, by the same single statement as without group commit: one writer pays no hand-off.
 *
 * <p><b>Outcomes.</b> A group of one runs {@link PostgresEventStore}'s own append statement. A larger
 * group runs {@link #SQL_APPEND_GROUP}: every append's first event is inserted by one
 * {@code insert ... on conflict (stream_id, stream_version) do nothing}, each at the version its own
 * expectation gives and under its own guard (as in the single statement), and the further events of
 * appends whose first event was inserted follow in the same statement. An append whose first event was
 * not inserted wrote nothing: for {@code exactly} and {@code noStream} that is its conflict (its caller
 * reads the stream's actual version and throws {@link AggregateConflictException}); {@code any} lost the
 * race for the next version to a writer that committed it meanwhile and goes to the next group, up to
 * {@code anyAttempts} times in all. When the group statement fails as a whole (a unique violation of a
 * writer that does not follow the protocol, a serialization failure, a deadlock), nothing of it is committed
 * and each of its appends is retried alone, so that one append's failure stays its own; a broken connection
 * (which may fail after the commit) fails them all, as it would fail one append.
 *
 * <p><b>Waiting.</b> A caller waits for its append's outcome without a timeout, as it would for its
 * own statement; an interrupt does not abandon an append that may be committing (the interrupt status
 * is cleared while the caller waits or leads, so that it cannot fail the appends of others, and restored
 * on return). An append that waits for a writer of the same stream version still in flight
 * holds back its group until that writer ends, and the groups behind it while {@code maxGroups} are held
 * back so.
 *
 * <p>Thread-safe.
 */
final class GroupCommit {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /**
     * Appends of one group, one row of the arrays per append (its first event), {@code n} the append's
     * place in the group. {@code expected}: -1 any, 0 no stream, v exactly v. The further events come from the
     * second set of arrays, {@code n} naming their append and {@code ordinal} their place after its first
     * event. Returns the stream, version, position and time of every event inserted (no row of an append
     * means it wrote nothing).
     * Parameters: stream ids, expected versions, event ids, types, schema versions, payloads, metadata; then
     * the further events' append numbers, ordinals, event ids, types, schema versions and payloads.
     *
     * <p>The guard of {@code exactly} is a scalar subquery, not {@code exists}: under {@code or}, PostgreSQL
     * may plan an {@code exists} as one hashed scan of the whole table instead of an index lookup per row,
     * and a prepared statement's generic plan made when the table was small would keep doing so.
     */
    private static final String SQL_APPEND_GROUP = """
            with input as (
                select * from unnest(?::text[], ?::bigint[], ?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[])
                    with ordinality as i (stream_id, expected, event_id, type, schema_version, payload, metadata, n)
            ), head as (
                insert into {schema}.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
                select i.stream_id,
                       case when i.expected >= 0 then i.expected + 1
                            else coalesce((select max(e.stream_version) from {schema}.events e
                                           where e.stream_id = i.stream_id), 0) + 1 end,
                       i.event_id, i.type, i.schema_version, i.payload::json, i.metadata::json
                from input i
                where i.expected <= 0
                   or (select 1 from {schema}.events e
                       where e.stream_id = i.stream_id and e.stream_version = i.expected) is not null
                order by i.n
                on conflict (stream_id, stream_version) do nothing
                returning stream_id, stream_version, global_position, recorded_at
            ), tail as (
                insert into {schema}.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
                select i.stream_id, head.stream_version + t.ordinal, t.event_id, t.type, t.schema_version, t.payload::json,
                       i.metadata::json
                from unnest(?::bigint[], ?::int[], ?::uuid[], ?::text[], ?::int[], ?::text[])
                         as t (n, ordinal, event_id, type, schema_version, payload)
                join input i on i.n = t.n
                join head on head.stream_id = i.stream_id
                order by t.n, t.ordinal
                returning stream_id, stream_version, global_position, recorded_at
            )
            select stream_id, stream_version, global_position, recorded_at from head
            union all
            select stream_id, stream_version, global_position, recorded_at from tail
            """;

    /** Encodings of the expectation in the group statement's {@code expected} column. */
    private static final long ANY = -1;
    private static final long NO_STREAM = 0;

    private final EventAppends store;
    private final DataSource dataSource;
    private final String appendGroup;
    private final int maxAppends;
    private final int maxGroups;
    private final int anyAttempts;
    private final Runnable afterCommit;
    private final LongAdder appends;
    private final LongAdder transactions;
    // Guarded by itself: the appends waiting, oldest first, and the number of leaders.
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int leaders;

    GroupCommit(EventAppends store, DataSource dataSource, MyelinSchema schema, int maxAppends, int maxGroups,
            int anyAttempts, Runnable afterCommit, LongAdder appends, LongAdder transactions) {
        this.store = store;
        this.dataSource = dataSource;
        this.appendGroup = schema.qualify(SQL_APPEND_GROUP);
        this.maxAppends = maxAppends;
        this.maxGroups = maxGroups;
        this.anyAttempts = anyAttempts;
        this.afterCommit = afterCommit;
        this.appends = appends;
        this.transactions = transactions;
    }

    /**
     * Writes one append, with those of other callers that arrive meanwhile, and returns its own result.
     *
     * @throws AggregateConflictException when its expectation failed (nothing of it written)
     * @throws EventStoreException when PostgreSQL failed it
     */
    AppendResult append(ExpectedVersion expected, EventAppends.Batch batch) {
        Pending mine = new Pending(Thread.currentThread(), expected, batch);
        boolean lead;
        synchronized (queue) {
            queue.addLast(mine);
            lead = leaders < maxGroups;
            if (lead) {
                leaders++;
                mine.state = Pending.LEADING;
            }
        }
        boolean interrupted = lead ? Thread.interrupted() : mine.awaitTurn();
        try {
            if (mine.state == Pending.LEADING) {
                // The leader writes the appends of others: its interrupt status (cleared) must not fail them.
                lead(mine);
            }
            return mine.outcome();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The group statement, for tests. */
    String statement() {
        return appendGroup;
    }

    /** Number of appends waiting for a group, for tests. */
    int waiting() {
        synchronized (queue) {
            return queue.size();
        }
    }

    private void lead(Pending mine) {
        try {
            while (mine.state != Pending.DONE) {
                write(take(mine));
            }
        } finally {
            Pending next = null;
            synchronized (queue) {
                for (Pending pending : queue) {
                    if (pending.state == Pending.WAITING) {
                        next = pending;
                        break;
                    }
                }
                if (next == null) {
                    leaders--;
                } else {
                    next.state = Pending.LEADING;
                }
            }
            if (next != null) {
                LockSupport.unpark(next.thread);
            }
        }
    }

    /** The next group: the leader's own append first, then the oldest waiting ones, one per stream. */
    private List<Pending> take(Pending mine) {
        List<Pending> group = new ArrayList<>();
        synchronized (queue) {
            queue.remove(mine);
            group.add(mine);
            if (!queue.isEmpty()) {
                Set<String> streams = new HashSet<>();
                streams.add(mine.batch.streamId());
                for (Iterator<Pending> it = queue.iterator(); it.hasNext() && group.size() < maxAppends;) {
                    Pending pending = it.next();
                    // An append handed leadership takes its own group; a second append to a stream waits for the next.
                    if (pending.state == Pending.WAITING && streams.add(pending.batch.streamId())) {
                        it.remove();
                        group.add(pending);
                    }
                }
            }
        }
        return group;
    }

    private void write(List<Pending> group) {
        List<Pending> retry = List.of();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (group.size() == 1) {
                writeAlone(connection, group.get(0));
            } else {
                try {
                    transactions.increment();
                    retry = writeTogether(connection, group);
                } catch (SQLException failure) {
                    if (!failedBeforeCommit(failure)) {
                        throw failure;
                    }
                    // Nothing of the group was committed: each append on its own, so that a failure stays its own.
                    for (Pending pending : group) {
                        writeAlone(connection, pending);
                    }
                }
            }
        } catch (SQLException | RuntimeException failure) {
            failAll(group, failure);
        } catch (Error error) {
            failAll(group, error);
            throw error;
        } finally {
            requeue(retry);
            wake(group);
        }
        try {
            afterCommit.run();
        } catch (RuntimeException | Error failure) {
            // The appends are committed and their callers woken; subscribers will read them at their next poll.
            LOG.warn("Could not signal subscribers after a group commit", failure);
        }
    }

    /**
     * Whether a failed group statement certainly committed nothing: PostgreSQL rejected it (a data,
     * integrity or transaction-rollback error: SQLSTATE classes 22, 23, 40). A broken connection may
     * have failed after the commit: then the group's appends are not written again, since an {@code any}
     * append would be written twice.
     */
    private static boolean failedBeforeCommit(SQLException failure) {
        String state = failure.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("40"));
    }

    private void requeue(List<Pending> retry) {
        if (retry.isEmpty()) {
            return;
        }
        synchronized (queue) {
            for (int i = retry.size() - 1; i >= 0; i--) {
                if (retry.get(i).state != Pending.DONE) {
                    queue.addFirst(retry.get(i));
                }
            }
        }
    }

    /** Wakes the callers of the appends done (counted), other than the leader. */
    private void wake(List<Pending> group) {
        Thread leader = Thread.currentThread();
        for (Pending pending : group) {
            if (pending.state == Pending.DONE) {
                appends.increment();
                if (pending.thread != leader) {
                    LockSupport.unpark(pending.thread);
                }
            }
        }
    }

    private void writeAlone(Connection connection, Pending pending) {
        transactions.increment();
        try {
            pending.succeed(store.appendAlone(connection, pending.expected, pending.batch));
        } catch (RuntimeException failure) {
            pending.fail(failure);
        } catch (SQLException failure) {
            pending.fail(store.appendFailure(pending.batch.streamId(), failure));
        }
    }

    /** Writes a group in one statement; returns the {@code any} appends to try again in the next group. */
    private List<Pending> writeTogether(Connection connection, List<Pending> appends) throws SQLException {
        // Rows in stream order: two groups in flight at once lock the rows of their common streams in the same
        // order, so they cannot deadlock on each other.
        List<Pending> group = new ArrayList<>(appends);
        group.sort(Comparator.comparing(pending -> pending.batch.streamId()));
        int size = group.size();
        String[] streams = new String[size];
        Long[] expected = new Long[size];
        UUID[] ids = new UUID[size];
        String[] types = new String[size];
        Integer[] versions = new Integer[size];
        String[] payloads = new String[size];
        String[] metadata = new String[size];
        List<Long> tailAppends = new ArrayList<>();
        List<Integer> tailOrdinals = new ArrayList<>();
        List<UUID> tailIds = new ArrayList<>();
        List<String> tailTypes = new ArrayList<>();
        List<Integer> tailVersions = new ArrayList<>();
        List<String> tailPayloads = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Pending pending = group.get(i);
            EventAppends.Batch batch = pending.batch;
            streams[i] = batch.streamId();
            expected[i] = pending.expected instanceof ExpectedVersion.Exactly exactly ? exactly.version()
                    : pending.expected instanceof ExpectedVersion.NoStream ? NO_STREAM : ANY;
            ids[i] = batch.ids()[0];
            types[i] = batch.types()[0];
            versions[i] = batch.versions()[0];
            payloads[i] = batch.payloads()[0];
            metadata[i] = batch.metadata();
            for (int e = 1; e < batch.count(); e++) {
                tailAppends.add((long) i + 1);
                tailOrdinals.add(e);
                tailIds.add(batch.ids()[e]);
                tailTypes.add(batch.types()[e]);
                tailVersions.add(batch.versions()[e]);
                tailPayloads.add(batch.payloads()[e]);
            }
        }
        Map<String, List<long[]>> written = new HashMap<>();
        Map<String, List<Instant>> times = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(appendGroup)) {
            statement.setArray(1, connection.createArrayOf("text", streams));
            statement.setArray(2, connection.createArrayOf("int8", expected));
            statement.setArray(3, connection.createArrayOf("uuid", ids));
            statement.setArray(4, connection.createArrayOf("text", types));
            statement.setArray(5, connection.createArrayOf("int4", versions));
            statement.setArray(6, connection.createArrayOf("text", payloads));
            statement.setArray(7, connection.createArrayOf("text", metadata));
            statement.setArray(8, connection.createArrayOf("int8", tailAppends.toArray(new Long[0])));
            statement.setArray(9, connection.createArrayOf("int4", tailOrdinals.toArray(new Integer[0])));
            statement.setArray(10, connection.createArrayOf("uuid", tailIds.toArray(new UUID[0])));
            statement.setArray(11, connection.createArrayOf("text", tailTypes.toArray(new String[0])));
            statement.setArray(12, connection.createArrayOf("int4", tailVersions.toArray(new Integer[0])));
            statement.setArray(13, connection.createArrayOf("text", tailPayloads.toArray(new String[0])));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String stream = rows.getString(1);
                    written.computeIfAbsent(stream, key -> new ArrayList<>()).add(new long[] {rows.getLong(3), rows.getLong(2)});
                    times.computeIfAbsent(stream, key -> new ArrayList<>())
                            .add(rows.getObject(4, OffsetDateTime.class).toInstant());
                }
            }
        }
        List<Pending> retry = new ArrayList<>();
        for (Pending pending : group) {
            List<long[]> stored = written.get(pending.batch.streamId());
            if (stored != null) {
                pending.succeed(pending.batch.stored(stored, times.get(pending.batch.streamId())));
            } else if (pending.expected instanceof ExpectedVersion.Any && ++pending.attempts < anyAttempts) {
                retry.add(pending);
            } else {
                pending.conflicted();
            }
        }
        return retry;
    }

    private static void failAll(List<Pending> group, Throwable failure) {
        for (Pending pending : group) {
            if (pending.state != Pending.DONE) {
                pending.fail(failure);
            }
        }
    }

    /** One caller's append while it waits: its state, and once done its outcome. */
    private final class Pending {
        static final int WAITING = 0;
        static final int LEADING = 1;
        static final int DONE = 2;

        final Thread thread;
        final ExpectedVersion expected;
        final EventAppends.Batch batch;
        int attempts;
        // Written by the thread that completes the append before state, read by the caller after it.
        private AppendResult result;
        private Throwable failure;
        private boolean conflict;
        volatile int state = WAITING;

        Pending(Thread thread, ExpectedVersion expected, EventAppends.Batch batch) {
            this.thread = thread;
            this.expected = expected;
            this.batch = batch;
        }

        void succeed(AppendResult appended) {
            result = appended;
            state = DONE;
        }

        void fail(Throwable cause) {
            failure = cause;
            state = DONE;
        }

        void conflicted() {
            conflict = true;
            state = DONE;
        }

        /**
         * Parks until the append is done or its caller is handed leadership; returns whether the caller was
         * interrupted meanwhile (the status is cleared while it waits, to be restored by the caller).
         */
        boolean awaitTurn() {
            boolean interrupted = false;
            while (state == WAITING) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            return interrupted;
        }

        /** The append's result, or its failure thrown; a conflict reads the stream's actual version first. */
        AppendResult outcome() {
            if (conflict) {
                throw store.conflictAfterGroup(batch.streamId(), expected);
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure instanceof SQLException sql) {
                throw store.appendFailure(batch.streamId(), sql);
            }
            return result;
        }
    }
}
