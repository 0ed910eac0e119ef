package dev.myelin.postgres.document;

import dev.myelin.core.DomainEvent;
import dev.myelin.core.RequestContext;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.AggregateRoot;
import dev.myelin.data.Repository;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.postgres.PostgresAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A state-stored {@link Repository} on PostgreSQL: each aggregate is one row of {@code documents}
 * in the framework schema (migration {@code V5__snapshots_documents.sql}), keyed by (aggregate
 * type, id), with its state as jsonb and a version column. Extend it per aggregate type and add
 * finder methods, over {@link #findContaining} or the application's own queries.
 *
 * <pre>{@code
 * final class OrderRepository extends PostgresDocumentRepository<Order, String, OrderState> {
 *     OrderRepository(DocumentStore documents) { super(Order.class, OrderState.class, documents); }
 *     protected OrderState state(Order order) { return new OrderState(order.status(), order.lines()); }
 *     protected Order restore(String id, long version, OrderState state) { return new Order(id, version, state); }
 * }
 * }</pre>
 *
 * <p><b>JSON mapping.</b> The aggregate itself is not serialized: {@link #state} turns it into a
 * state value that Jackson 3 writes (the {@link DocumentStore}'s mapper), and {@link #restore}
 * builds the aggregate back from the value Jackson read, with the id and the stored version. Make
 * the state a record, or a class with a Jackson creator; its properties must survive a round
 * trip (java.time values and BigDecimal do with the default mapper).
 *
 * <p><b>One transaction.</b> A save writes the row, appends the pending events to stream
 * {@code <AggregateType>-<id>} of the event store (whose after-append step feeds inline projections
 * and the outbox; on a {@code PostgresEventStore}, the row's write and the events are ONE statement,
 * {@code PostgresEventStore.appendGuarded}, which inserts the events only if the row's write matched),
 * all in the caller's active transaction — the one the transaction behavior, or a
 * {@code @Transactional} method, opened — so they commit together or not at all; without an active transaction the save opens
 * one of its own. The aggregate is then marked saved (version one higher, no pending events).
 *
 * <p><b>Concurrency.</b> {@link #add} inserts version 1 ({@code ON CONFLICT DO NOTHING}: an
 * existing id is a conflict). {@link #update} runs {@code UPDATE ... WHERE version = ?} and
 * {@link #remove} {@code DELETE ... WHERE version = ?}; no row means someone else saved or removed
 * it first, and an {@link AggregateConflictException} names the version found, read only on that
 * failure path; nothing else is written. Two writers of the same version serialize on the row lock:
 * the second's statement waits for the first's commit and then matches no row. Events are appended
 * with {@link ExpectedVersion#any()}: the row's version check already serializes the aggregate's
 * writers.
 *
 * <p>Thread-safe; the aggregates it returns are not.
 *
 * @param <T> the aggregate type
 * @param <ID> the identifier type; its {@link String#valueOf} form is the stored id
 * @param <S> the state value stored as JSON
 * @since 0.1
 */
public abstract class PostgresDocumentRepository<T extends AggregateRoot<ID>, ID, S> implements Repository<T, ID> {

    /** Parameters: aggregate type, id. */
    private static final String SQL_GET = """
            select version, state::text from {schema}.documents where aggregate_type = ? and aggregate_id = ?
            """;

    /** Parameters: aggregate type, id. */
    private static final String SQL_VERSION = """
            select version from {schema}.documents where aggregate_type = ? and aggregate_id = ?
            """;

    /** Parameters: aggregate type, JSON fragment. Scans the type's rows (primary key prefix); no index on state. */
    private static final String SQL_FIND_CONTAINING = """
            select aggregate_id, version, state::text from {schema}.documents
            where aggregate_type = ? and state @> ?::jsonb
            order by aggregate_id
            """;

    /** Parameters: aggregate type, id, state. */
    private static final String SQL_INSERT = """
            insert into {schema}.documents (aggregate_type, aggregate_id, version, state) values (?, ?, 1, ?::jsonb)
            on conflict (aggregate_type, aggregate_id) do nothing
            """;

    /** Parameters: state, aggregate type, id, expected version. */
    private static final String SQL_UPDATE = """
            update {schema}.documents set version = version + 1, state = ?::jsonb, updated_at = now()
            where aggregate_type = ? and aggregate_id = ? and version = ?
            """;

    /** Parameters: aggregate type, id, expected version. */
    private static final String SQL_DELETE = """
            delete from {schema}.documents where aggregate_type = ? and aggregate_id = ? and version = ?
            """;

    private final String aggregateType;
    private final Class<S> stateType;
    private final DocumentStore store;
    private final JsonMapper mapper;
    private final String get;
    private final String version;
    private final String findContaining;
    private final String insert;
    private final String update;
    private final String delete;

    /**
     * Creates a repository.
     *
     * @param aggregateClass the aggregate class; its simple name is the stored aggregate type and
     *     starts the stream ids
     * @param stateType the class of the state value
     * @param store the shared parts
     */
    protected PostgresDocumentRepository(Class<T> aggregateClass, Class<S> stateType, DocumentStore store) {
        this.aggregateType = aggregateClass.getSimpleName();
        this.stateType = Objects.requireNonNull(stateType, "stateType");
        this.store = Objects.requireNonNull(store, "store");
        this.mapper = store.mapper();
        String schema = store.schema().name();
        this.get = SQL_GET.replace("{schema}", schema);
        this.version = SQL_VERSION.replace("{schema}", schema);
        this.findContaining = SQL_FIND_CONTAINING.replace("{schema}", schema);
        this.insert = SQL_INSERT.replace("{schema}", schema);
        this.update = SQL_UPDATE.replace("{schema}", schema);
        this.delete = SQL_DELETE.replace("{schema}", schema);
    }

    /**
     * Returns the state value to store for an aggregate.
     *
     * @param aggregate the aggregate
     * @return a value the mapper writes, and reads back as the state type
     */
    protected abstract S state(T aggregate);

    /**
     * Builds an aggregate from its stored state.
     *
     * @param id the id
     * @param version the stored version, to pass to the aggregate's constructor
     * @param state the state read back
     * @return the aggregate, with no pending events
     */
    protected abstract T restore(ID id, long version, S state);

    /**
     * Returns the aggregate type stored in the {@code aggregate_type} column and used in stream ids.
     *
     * @return the type
     */
    protected final String aggregateType() {
        return aggregateType;
    }

    /**
     * Returns the stream that holds an aggregate's events, the stream a save appends to: the aggregate
     * type, a dash and the id ({@code Order-42}). Reading it ({@code EventStore.readStream}) gives the
     * aggregate's events in the order they were saved, each save's with its row. Not final, so that a
     * class-based proxy (Spring's, around a {@code @Repository}) hands the call to the repository; a
     * subclass may override it to name its streams in one place, and then saves append where it says:
     * an override must give the same id for as long as the data lives.
     *
     * @param id the aggregate's id
     * @return the stream id
     */
    public String streamId(ID id) {
        return aggregateType + "-" + Objects.requireNonNull(id, "id");
    }

    @Override
    public Optional<T> get(ID id) {
        String key = String.valueOf(Objects.requireNonNull(id, "id"));
        try {
            Connection joined = store.current().get();
            if (joined != null) {
                return get(joined, id, key);
            }
            try (Connection connection = store.dataSource().getConnection()) {
                connection.setAutoCommit(true);
                return get(connection, id, key);
            }
        } catch (SQLException failure) {
            throw new PostgresAccessException("Cannot load " + aggregateType + " '" + key + "'", failure);
        }
    }

    private Optional<T> get(Connection connection, ID id, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(get)) {
            statement.setString(1, aggregateType);
            statement.setString(2, key);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(aggregate(id, row)) : Optional.empty();
            }
        }
    }

    /** Maps a row (version, state). */
    private T aggregate(ID id, ResultSet row) throws SQLException {
        return restore(id, row.getLong(1), mapper.readValue(row.getString(2), stateType));
    }

    /**
     * Finds the aggregates whose stored state contains a JSON fragment ({@code state @> fragment}), for
     * the finder methods of a subclass, such as {@code findContaining(Map.of("status", "COOKING"))}.
     * Scans the documents of this aggregate type (no index on the state); joins the active
     * transaction if any. Needs {@link #parseId}.
     *
     * @param fragment a value the mapper writes as a JSON object: a map or a record
     * @return the matching aggregates, ordered by stored id
     */
    protected final List<T> findContaining(Object fragment) {
        String json = mapper.writeValueAsString(Objects.requireNonNull(fragment, "fragment"));
        try {
            Connection joined = store.current().get();
            if (joined != null) {
                return findContaining(joined, json);
            }
            try (Connection connection = store.dataSource().getConnection()) {
                connection.setAutoCommit(true);
                return findContaining(connection, json);
            }
        } catch (SQLException failure) {
            throw new PostgresAccessException("Cannot find " + aggregateType + " documents containing " + json, failure);
        }
    }

    private List<T> findContaining(Connection connection, String json) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(findContaining)) {
            statement.setString(1, aggregateType);
            statement.setString(2, json);
            List<T> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    S state = mapper.readValue(rows.getString(3), stateType);
                    found.add(restore(parseId(rows.getString(1)), rows.getLong(2), state));
                }
            }
            return found;
        }
    }

    /**
     * Turns a stored id ({@link String#valueOf} of the id) back into an id, for
     * {@link #findContaining}. Override it to use finders; ids given to {@link #get} never need it.
     *
     * @param storedId the stored id
     * @return the id
     * @throws UnsupportedOperationException unless overridden
     */
    protected ID parseId(String storedId) {
        throw new UnsupportedOperationException(getClass().getName() + " must override parseId(String) to use finders");
    }

    @Override
    public void add(T aggregate) {
        save(aggregate, Write.INSERT);
    }

    @Override
    public void update(T aggregate) {
        save(aggregate, Write.UPDATE);
    }

    @Override
    public void remove(T aggregate) {
        save(aggregate, Write.DELETE);
    }

    private enum Write { INSERT, UPDATE, DELETE }

    private void save(T aggregate, Write write) {
        Objects.requireNonNull(aggregate, "aggregate");
        Connection joined = store.current().get();
        if (joined != null) {
            saveInTransaction(joined, aggregate, write);
        } else {
            store.transactions().inTransaction(() -> {
                saveInTransaction(store.current().get(), aggregate, write);
                return null;
            }, result -> true);
        }
    }

    private void saveInTransaction(Connection connection, T aggregate, Write write) {
        String key = String.valueOf(aggregate.id());
        long expected = aggregate.version();
        List<DomainEvent> pending = List.copyOf(aggregate.pendingEvents());
        String streamId = streamId(aggregate.id());
        boolean versionFits = write != Write.INSERT || expected == 0;
        try {
            if (!pending.isEmpty() && store.postgres() != null) {
                // The row's write and its events in ONE statement; then the after-append step, as for any append.
                RowWrite row = versionFits ? row(aggregate, key, expected, write) : null;
                AppendResult stored = row == null ? null : store.postgres().appendGuarded(row.sql(), row.parameters(),
                        streamId, pending, EventMetadata.of(RequestContext.current()));
                if (stored == null) {
                    throw new AggregateConflictException(aggregateType, key, expected, storedVersion(connection, key));
                }
                if (store.afterAppend() != null) {
                    store.afterAppend().afterAppended(stored);
                }
                aggregate.markSaved(expected + 1);
                return;
            }
            if (!versionFits || !execute(connection, row(aggregate, key, expected, write))) {
                throw new AggregateConflictException(aggregateType, key, expected, storedVersion(connection, key));
            }
        } catch (SQLException failure) {
            throw new PostgresAccessException("Cannot save " + aggregateType + " '" + key + "'", failure);
        }
        if (!pending.isEmpty()) {
            // The store's after-append step feeds inline projections and the outbox from what the append returns.
            store.eventStore().append(streamId, ExpectedVersion.any(), pending, EventMetadata.of(RequestContext.current()));
        }
        aggregate.markSaved(expected + 1);
    }

    /** The row's statement for a write, with its parameters; it changes one row, or none on a version conflict. */
    private RowWrite row(T aggregate, String key, long expected, Write write) {
        return switch (write) {
            case INSERT -> new RowWrite(insert, new Object[] {aggregateType, key, json(aggregate)});
            case UPDATE -> new RowWrite(update, new Object[] {json(aggregate), aggregateType, key, expected});
            case DELETE -> new RowWrite(delete, new Object[] {aggregateType, key, expected});
        };
    }

    private record RowWrite(String sql, Object[] parameters) {
    }

    private String json(T aggregate) {
        return mapper.writeValueAsString(state(aggregate));
    }

    /** Runs the row's statement; false when it changed no row (the version check failed). */
    private static boolean execute(Connection connection, RowWrite row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(row.sql())) {
            for (int i = 0; i < row.parameters().length; i++) {
                statement.setObject(i + 1, row.parameters()[i]);
            }
            return statement.executeUpdate() == 1;
        }
    }

    /** The version stored now, read on the conflict path only. */
    private long storedVersion(Connection connection, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(version)) {
            statement.setString(1, aggregateType);
            statement.setString(2, key);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : AggregateConflictException.NONE;
            }
        }
    }
}
