package dev.myelin.postgres.outbox;

import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.postgres.internal.Connections;
import dev.myelin.core.meta.Experimental;
import dev.myelin.data.outbox.Inbox;
import dev.myelin.postgres.MyelinSchema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The {@link Inbox} on PostgreSQL: table {@code inbox} of the framework schema, keyed by
 * (handler, event id).
 *
 * <p><b>Transactions.</b> When a transaction of the {@link CurrentConnection} port is active (the
 * {@link dev.myelin.data.outbox.OutboxDispatcher} opens one per delivery), {@link #markProcessed}
 * inserts in it, so the record commits exactly when the handler's own writes commit. Two
 * transactions that mark the same event concurrently are ordered by the primary key: the second
 * waits for the first and gets {@code false} once it commits ({@code INSERT ... ON CONFLICT DO
 * NOTHING}). {@link #markAllProcessed} records a whole delivery round in one such statement.
 * Outside a transaction each call runs in auto-commit mode.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@Experimental
public final class PostgresInbox implements Inbox {

    /** Parameters: handler, event id. */
    private static final String SQL_MARK_PROCESSED = """
            insert into {schema}.inbox (handler, event_id) values (?, ?)
            on conflict (handler, event_id) do nothing
            """;

    /** Parameters: handlers, event ids (arrays). Returns the pairs inserted now. */
    private static final String SQL_MARK_ALL_PROCESSED = """
            insert into {schema}.inbox (handler, event_id)
            select * from unnest(?::text[], ?::text[])
            on conflict (handler, event_id) do nothing
            returning handler, event_id
            """;

    /** Parameters: handler, event id. */
    private static final String SQL_IS_PROCESSED = """
            select exists (select 1 from {schema}.inbox where handler = ? and event_id = ?)
            """;

    private static final Comparator<Key> BY_HANDLER_AND_EVENT = Comparator.comparing(Key::handler)
            .thenComparing(Key::eventId);

    private final Connections connections;
    private final String schemaName;

    /**
     * Creates the inbox.
     *
     * @param dataSource the database, with the framework schema migrated
     * @param current the connection of the caller's transaction, which every method joins
     * @param schema the framework schema
     */
    public PostgresInbox(DataSource dataSource, CurrentConnection current, MyelinSchema schema) {
        this.connections = new Connections(Objects.requireNonNull(dataSource, "dataSource"),
                Objects.requireNonNull(current, "current"), OutboxStoreException::of);
        this.schemaName = schema.name();
    }

    @Override
    public boolean markProcessed(String handler, String eventId) {
        return connections.run("record event " + eventId + " as processed by " + handler, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    SQL_MARK_PROCESSED.replace("{schema}", schemaName))) {
                statement.setString(1, handler);
                statement.setString(2, eventId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement ({@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING RETURNING}), the pairs
     * inserted in (handler, event id) order, so that two transactions marking common pairs wait for each
     * other in one order.
     */
    @Override
    public Set<Key> markAllProcessed(Collection<Key> keys) {
        Set<Key> distinct = new TreeSet<>(BY_HANDLER_AND_EVENT);
        distinct.addAll(keys);
        List<Key> sorted = List.copyOf(distinct);
        if (sorted.isEmpty()) {
            return Set.of();
        }
        return connections.run("record " + sorted.size() + " events as processed", connection -> {
            String[] handlers = new String[sorted.size()];
            String[] eventIds = new String[sorted.size()];
            for (int i = 0; i < sorted.size(); i++) {
                handlers[i] = sorted.get(i).handler();
                eventIds[i] = sorted.get(i).eventId();
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    SQL_MARK_ALL_PROCESSED.replace("{schema}", schemaName))) {
                statement.setArray(1, connection.createArrayOf("text", handlers));
                statement.setArray(2, connection.createArrayOf("text", eventIds));
                Set<Key> marked = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        marked.add(new Key(rows.getString(1), rows.getString(2)));
                    }
                }
                return marked;
            }
        });
    }

    @Override
    public boolean isProcessed(String handler, String eventId) {
        return connections.run("read the inbox", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SQL_IS_PROCESSED.replace("{schema}", schemaName))) {
                statement.setString(1, handler);
                statement.setString(2, eventId);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getBoolean(1);
                }
            }
        });
    }
}
