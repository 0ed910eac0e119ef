package dev.myelin.postgres.outbox;

import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.postgres.internal.Connections;
import dev.myelin.core.meta.Experimental;
import dev.myelin.data.outbox.Inbox;
import dev.myelin.postgres.MyelinSchema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
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
 * NOTHING}). Outside a transaction each call runs in auto-commit mode.
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

    /** Parameters: handler, event id. */
    private static final String SQL_IS_PROCESSED = """
            select exists (select 1 from {schema}.inbox where handler = ? and event_id = ?)
            """;

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
