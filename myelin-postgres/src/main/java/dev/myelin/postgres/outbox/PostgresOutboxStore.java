package dev.myelin.postgres.outbox;

import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.postgres.internal.Connections;
import dev.myelin.core.meta.Experimental;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.outbox.DeadLetter;
import dev.myelin.data.outbox.OutboxBacklog;
import dev.myelin.data.outbox.OutboxDelivery;
import dev.myelin.data.outbox.OutboxEntry;
import dev.myelin.data.outbox.OutboxStore;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@link OutboxStore} on PostgreSQL: tables {@code outbox} (one row per pending delivery of an
 * event to a handler) and {@code dead_letters} of the framework schema ({@link MyelinSchema},
 * migrated beforehand). Rows do not copy events: they join the event log of the
 * {@link dev.myelin.postgres.PostgresEventStore} by event id, so only events appended to it can be
 * enqueued (a foreign key checks it).
 *
 * <pre>{@code
 * OutboxStore store = PostgresOutboxStore.builder(dataSource, transactions, serializer).build();
 * OutboxDispatcher dispatcher = OutboxDispatcher.builder(store, transactions)
 *         .inbox(new PostgresInbox(dataSource, transactions, MyelinSchema.DEFAULT))
 *         .handler(new NotifyKitchenHandler(kitchen))
 *         .build();
 * }</pre>
 *
 * <p><b>Transactions.</b> When a transaction of the {@link CurrentConnection} port is active on the
 * calling thread, every method uses its connection: rows enqueued by a command commit or roll back
 * with its state and its events, and a delivery's removal commits with the handler's writes.
 * Otherwise each call runs on a connection of its own, in auto-commit mode.
 *
 * <p><b>Claims across instances.</b> A claim is one statement that selects due rows in
 * {@code (global_position, id)} order, of the handlers the dispatcher has (rows of other handlers are
 * not touched: they wait for an instance that has them), with {@code FOR UPDATE SKIP LOCKED} and moves their
 * {@code next_attempt_at} to the claim's expiry, recording the owner ({@link Builder#owner}) and the
 * expiry. A row of a handler is never claimed while an earlier row (lower position) of the same
 * handler is not due: claimed by someone, or backing off. Claims of all dispatchers on the schema
 * are serialised by a transaction-scoped advisory lock taken just before that statement (a claim,
 * not a delivery, holds it: a few milliseconds), because row locks alone cannot stop a second
 * dispatcher, whose snapshot still shows a handler's first rows as due, from claiming that
 * handler's next row: under the lock each claim's statement sees every earlier claim committed.
 * Claims need READ COMMITTED isolation (PostgreSQL's default), where each statement sees what
 * committed before it. A dispatcher that crashes leaves its rows claimed until the expiry; then
 * another takes them (at least once, the inbox makes it once). The claim timeout must exceed the
 * slowest round: a delivery still running after its claim expired may be made twice, and out of
 * order with its handler's next one.
 *
 * <p><b>Claims are not durable commits.</b> {@link #claim} sets {@code synchronous_commit} off for its
 * transaction (the dispatcher's claim transaction, which does nothing else), in the statement that takes
 * the advisory lock, so a claim costs two statements and the commit: it commits without waiting
 * for the WAL flush. That is safe: other sessions see an asynchronous commit as soon as it returns, exactly
 * as a durable one, so claims keep excluding each other; and it can be lost only when PostgreSQL or its
 * machine crashes before the WAL writer flushed it (within three {@code wal_writer_delay}s). Every later
 * durable commit flushes the WAL up to its own commit record, past the claim's, so if any delivery of the
 * claimed rows committed (removing them, recording the inbox), the claim is durable too; a lost claim
 * therefore takes no delivery with it and leaves its rows due with their attempts as before, to be
 * delivered again: at least once, as after any crash. Failed attempts, releases and dead letters stay
 * durable commits.
 *
 * <p><b>Due times.</b> Every time compared is the one given by the dispatcher's clock, never the
 * database's; a new or released row is due at once ({@code '-infinity'}).
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@Experimental
public final class PostgresOutboxStore implements OutboxStore {

    /** Parameters: event ids, positions, handlers (arrays). */
    private static final String SQL_ENQUEUE = """
            insert into {schema}.outbox (event_id, global_position, handler)
            select e.event_id, e.global_position, e.handler
            from unnest(?::uuid[], ?::bigint[], ?::text[]) as e (event_id, global_position, handler)
            """;

    /**
     * Parameters: lock key. Serialises claims until the claiming transaction ends, and turns
     * {@code synchronous_commit} off for that transaction only ({@code set_config} with {@code is_local}
     * true is {@code SET LOCAL}): see {@link #claim}. One round trip for both; the claim itself is the next
     * statement, so that its snapshot is taken once the lock is held.
     */
    private static final String SQL_CLAIM_LOCK = """
            select set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(hashtext(?))
            """;

    /**
     * Parameters: now, handlers, now, handlers, max, claim until, owner, claim until. {@code blocking}:
     * each handler's first row that is not due (claimed or backing off), found through the index on
     * {@code next_attempt_at} since such rows are few; no row of that handler after it is claimed. Rows
     * of handlers not in the list are not claimed at all: they wait for a dispatcher that has them.
     */
    private static final String SQL_CLAIM = """
            with blocking as (
                select distinct on (handler) handler, global_position, id
                from {schema}.outbox
                where next_attempt_at > ? and handler = any(?::text[])
                order by handler, global_position, id
            ), claimable as (
                select o.id
                from {schema}.outbox o
                where o.next_attempt_at <= ? and o.handler = any(?::text[])
                  and not exists (
                      select 1 from blocking b
                      where b.handler = o.handler and (b.global_position, b.id) < (o.global_position, o.id))
                order by o.global_position, o.id
                limit ?
                for update of o skip locked
            ), claimed as (
                update {schema}.outbox o
                set next_attempt_at = ?, claimed_by = ?, claimed_until = ?
                from claimable c
                where o.id = c.id
                returning o.id, o.handler, o.attempts, o.event_id
            )
            select claimed.id, claimed.handler, claimed.attempts, e.global_position, e.stream_id, e.stream_version,
                   e.event_id, e.type, e.schema_version, e.payload::text, e.metadata::text, e.recorded_at
            from claimed join {schema}.events e on e.event_id = claimed.event_id
            order by e.global_position, claimed.id
            """;

    private static final String SQL_DELIVERED = """
            delete from {schema}.outbox where id = ?
            """;

    /** Parameters: ids (array). */
    private static final String SQL_DELIVERED_ALL = """
            delete from {schema}.outbox where id = any(?::bigint[])
            """;

    private static final String SQL_RELEASE = """
            update {schema}.outbox
            set next_attempt_at = '-infinity', claimed_by = null, claimed_until = null
            where id = ?
            """;

    /** Parameters: attempts, next attempt at, error, id. */
    private static final String SQL_RETRY_LATER = """
            update {schema}.outbox
            set attempts = ?, next_attempt_at = ?, last_error = ?, claimed_by = null, claimed_until = null
            where id = ?
            """;

    /** Parameters: id, attempts, error, failed at. */
    private static final String SQL_MOVE_TO_DEAD_LETTERS = """
            with moved as (
                delete from {schema}.outbox where id = ?
                returning id, event_id, global_position, handler, enqueued_at
            )
            insert into {schema}.dead_letters
                (id, event_id, global_position, event_type, handler, attempts, error, failed_at, enqueued_at)
            select moved.id, moved.event_id, moved.global_position, e.type, moved.handler, ?, ?, ?, moved.enqueued_at
            from moved join {schema}.events e on e.event_id = moved.event_id
            """;

    private static final String SQL_PENDING_COUNT = """
            select count(*) from {schema}.outbox
            """;

    /**
     * Parameters: limit, handlers, limit, limit. Bounded whatever the backlog: counts stop at the limit,
     * and the oldest pending delivery is the first in position order (one lookup in
     * {@code outbox_position_idx}). Pending count, oldest enqueue time (null when none), dead-letter
     * count, pending count of handlers not in the list.
     */
    private static final String SQL_BACKLOG = """
            select (select count(*) from (select 1 from {schema}.outbox limit ?) pending),
                   (select enqueued_at from {schema}.outbox order by global_position, id limit 1),
                   (select count(*) from (select 1 from {schema}.dead_letters limit ?) dead),
                   (select count(*) from (select 1 from {schema}.outbox where handler <> all(?::text[]) limit ?) waiting)
            """;

    /** The most pending deliveries, and dead letters, that {@link #backlog} counts. */
    public static final int BACKLOG_COUNT_LIMIT = 10_000;

    /** Parameters: after id, max. */
    private static final String SQL_DEAD_LETTERS = """
            select id, event_id::text, global_position, event_type, handler, attempts, error, failed_at
            from {schema}.dead_letters
            where id > ?
            order by id
            limit ?
            """;

    private static final String SQL_DEAD_LETTER = """
            select d.id, d.handler, d.attempts, e.global_position, e.stream_id, e.stream_version,
                   e.event_id, e.type, e.schema_version, e.payload::text, e.metadata::text, e.recorded_at
            from {schema}.dead_letters d join {schema}.events e on e.event_id = d.event_id
            where d.id = ?
            """;

    /** Parameters: attempts, error, failed at, id. */
    private static final String SQL_DEAD_LETTER_FAILED_AGAIN = """
            update {schema}.dead_letters set attempts = ?, error = ?, failed_at = ? where id = ?
            """;

    private static final String SQL_DROP_DEAD_LETTER = """
            delete from {schema}.dead_letters where id = ?
            """;

    private final Connections connections;
    private final JacksonEventSerializer serializer;
    private final String schemaName;
    private final String owner;

    private PostgresOutboxStore(Builder builder) {
        this.connections = new Connections(builder.dataSource, builder.current, OutboxStoreException::of);
        this.serializer = builder.serializer;
        this.schemaName = builder.schema.name();
        this.owner = builder.owner;
    }

    /**
     * Starts a builder.
     *
     * @param dataSource the database, with the framework schema migrated
     * @param current the connection of the caller's transaction, which every method joins
     * @param serializer reads the events of the deliveries; the event store's own
     * @return a builder
     */
    public static Builder builder(DataSource dataSource, CurrentConnection current,
            JacksonEventSerializer serializer) {
        return new Builder(dataSource, current, serializer);
    }

    private String sql(String text) {
        return text.replace("{schema}", schemaName);
    }

    @Override
    public void enqueue(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        connections.run("enqueue deliveries", connection -> {
            UUID[] eventIds = new UUID[entries.size()];
            Long[] positions = new Long[entries.size()];
            String[] handlers = new String[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                OutboxEntry entry = entries.get(i);
                eventIds[i] = UUID.fromString(entry.event().eventId());
                positions[i] = entry.event().position();
                handlers[i] = entry.handler();
            }
            try (PreparedStatement statement = connection.prepareStatement(sql(SQL_ENQUEUE))) {
                statement.setArray(1, connection.createArrayOf("uuid", eventIds));
                statement.setArray(2, connection.createArrayOf("bigint", positions));
                statement.setArray(3, connection.createArrayOf("text", handlers));
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public List<OutboxDelivery> claim(Set<String> handlers, Instant now, Instant claimUntil, int maxCount) {
        if (handlers.isEmpty()) {
            return List.of();
        }
        // Its own transaction when none is active: the advisory lock must be held until the claim commits.
        return connections.runInTransaction("claim deliveries", connection -> {
            try (PreparedStatement lock = connection.prepareStatement(SQL_CLAIM_LOCK)) {
                lock.setString(1, "myelin.outbox.claim:" + schemaName);
                lock.execute();
            }
            try (PreparedStatement statement = connection.prepareStatement(sql(SQL_CLAIM))) {
                Array names = connection.createArrayOf("text", handlers.toArray());
                statement.setObject(1, utc(now));
                statement.setArray(2, names);
                statement.setObject(3, utc(now));
                statement.setArray(4, names);
                statement.setInt(5, maxCount);
                statement.setObject(6, utc(claimUntil));
                statement.setString(7, owner);
                statement.setObject(8, utc(claimUntil));
                return deliveries(statement);
            }
        });
    }

    @Override
    public void delivered(long id) {
        update("acknowledge delivery " + id, SQL_DELIVERED, id);
    }

    @Override
    public void delivered(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        connections.run("acknowledge " + ids.size() + " deliveries", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql(SQL_DELIVERED_ALL))) {
                statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public void release(long id) {
        update("release delivery " + id, SQL_RELEASE, id);
    }

    @Override
    public void retryLater(long id, int attempts, Instant nextAttemptAt, String error) {
        connections.run("record a failed attempt of delivery " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql(SQL_RETRY_LATER))) {
                statement.setInt(1, attempts);
                statement.setObject(2, utc(nextAttemptAt));
                statement.setString(3, error);
                statement.setLong(4, id);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public void moveToDeadLetters(long id, int attempts, String error, Instant failedAt) {
        connections.run("move delivery " + id + " to the dead letters", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql(SQL_MOVE_TO_DEAD_LETTERS))) {
                statement.setLong(1, id);
                statement.setInt(2, attempts);
                statement.setString(3, error);
                statement.setObject(4, utc(failedAt));
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public long pendingCount() {
        return connections.run("count pending deliveries", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql(SQL_PENDING_COUNT));
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** The oldest pending delivery's age is measured from its {@code enqueued_at}: its event's commit (database clock). */
    @Override
    public OutboxBacklog backlog(Instant now, Set<String> handlers) {
        return connections.run("read the outbox backlog", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql(SQL_BACKLOG))) {
                statement.setInt(1, BACKLOG_COUNT_LIMIT);
                statement.setInt(2, BACKLOG_COUNT_LIMIT);
                statement.setArray(3, connection.createArrayOf("text", handlers.toArray()));
                statement.setInt(4, BACKLOG_COUNT_LIMIT);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    OffsetDateTime oldest = row.getObject(2, OffsetDateTime.class);
                    Duration age = oldest == null || oldest.toInstant().isAfter(now) ? Duration.ZERO
                            : Duration.between(oldest.toInstant(), now);
                    // One statement, one snapshot: the waiting rows are among the pending ones.
                    return new OutboxBacklog(row.getLong(1), age, row.getLong(3), row.getLong(4));
                }
            }
        });
    }

    @Override
    public List<DeadLetter> deadLetters(long afterId, int maxCount) {
        return connections.run("list dead letters", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql(SQL_DEAD_LETTERS))) {
                statement.setLong(1, afterId);
                statement.setInt(2, maxCount);
                try (ResultSet rows = statement.executeQuery()) {
                    List<DeadLetter> letters = new ArrayList<>();
                    while (rows.next()) {
                        letters.add(deadLetter(rows));
                    }
                    return letters;
                }
            }
        });
    }

    @Override
    public Optional<OutboxDelivery> deadLetter(long id) {
        return connections.run("read dead letter " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql(SQL_DEAD_LETTER))) {
                statement.setLong(1, id);
                return deliveries(statement).stream().findFirst();
            }
        });
    }

    @Override
    public void deadLetterFailedAgain(long id, int attempts, String error, Instant failedAt) {
        connections.run("record a failed replay of dead letter " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql(SQL_DEAD_LETTER_FAILED_AGAIN))) {
                statement.setInt(1, attempts);
                statement.setString(2, error);
                statement.setObject(3, utc(failedAt));
                statement.setLong(4, id);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public boolean dropDeadLetter(long id) {
        return update("drop dead letter " + id, SQL_DROP_DEAD_LETTER, id) > 0;
    }

    private int update(String what, String sql, long id) {
        return connections.run(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql(sql))) {
                statement.setLong(1, id);
                return statement.executeUpdate();
            }
        });
    }

    private List<OutboxDelivery> deliveries(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            List<OutboxDelivery> deliveries = new ArrayList<>();
            while (rows.next()) {
                deliveries.add(delivery(rows));
            }
            return deliveries;
        }
    }

    /** Maps a row of id, handler, attempts, then the event's columns. */
    private OutboxDelivery delivery(ResultSet row) throws SQLException {
        JacksonEventSerializer.Deserialized event = serializer.deserialize(row.getString(8), row.getInt(9), row.getString(10));
        StoredEvent stored = new StoredEvent(row.getLong(4), row.getString(5), row.getLong(6), row.getString(7),
                event.type(), event.schemaVersion(), event.event(), serializer.deserializeMetadata(row.getString(11)),
                row.getObject(12, OffsetDateTime.class).toInstant());
        return new OutboxDelivery(row.getLong(1), stored, row.getString(2), row.getInt(3));
    }

    /** Maps a row of the dead letters table. */
    private static DeadLetter deadLetter(ResultSet row) throws SQLException {
        return new DeadLetter(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4), row.getString(5),
                row.getInt(6), row.getString(7), row.getObject(8, OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * Builds a {@link PostgresOutboxStore}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final DataSource dataSource;
        private final CurrentConnection current;
        private final JacksonEventSerializer serializer;
        private MyelinSchema schema = MyelinSchema.DEFAULT;
        private String owner = "myelin-" + UUID.randomUUID();

        private Builder(DataSource dataSource, CurrentConnection current, JacksonEventSerializer serializer) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.current = Objects.requireNonNull(current, "current");
            this.serializer = Objects.requireNonNull(serializer, "serializer");
        }

        /**
         * Sets the framework schema the tables are in.
         *
         * @param value the schema, {@link MyelinSchema#DEFAULT} unless set
         * @return this builder
         */
        public Builder schema(MyelinSchema value) {
            this.schema = Objects.requireNonNull(value, "schema");
            return this;
        }

        /**
         * Sets the name recorded in {@code claimed_by} on the rows this instance claims, to tell who
         * holds a delivery.
         *
         * @param value the instance's name; {@code "myelin-"} and a random UUID unless set
         * @return this builder
         */
        public Builder owner(String value) {
            this.owner = Objects.requireNonNull(value, "owner");
            return this;
        }

        /**
         * Builds the store. The schema must have been migrated ({@link MyelinSchema#migrate}).
         *
         * @return the store
         */
        public PostgresOutboxStore build() {
            return new PostgresOutboxStore(this);
        }
    }
}
