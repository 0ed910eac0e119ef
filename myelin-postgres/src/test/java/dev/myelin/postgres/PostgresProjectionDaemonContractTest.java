package dev.myelin.postgres;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.contract.AppliedEvents;
import dev.myelin.data.contract.ProjectionDaemonContract;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.CheckpointStore;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionLease;
import dev.myelin.postgres.projection.PostgresCheckpointStore;
import dev.myelin.postgres.projection.PostgresProjectionLease;
import dev.myelin.postgres.projection.PostgresProjectionTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * The shared projection daemon contract on PostgreSQL, a fresh database per test. Every daemon of a
 * test gets its OWN checkpoint store and lease instances over the one database, as daemons of two
 * instances would: only the table rows keep them apart.
 */
class PostgresProjectionDaemonContractTest extends ProjectionDaemonContract {

    private static final String SQL_CREATE_TABLES = """
            create table applied_events (seq bigint generated always as identity, projection text not null,
                                         event_id text not null);
            create table rebuilt_events (position bigint primary key, event_id text not null)
            """;

    private static final String SQL_RECORD = "insert into applied_events (projection, event_id) values (?, ?)";
    private static final String SQL_APPLIED = "select event_id from applied_events where projection = ? order by seq";
    private static final String SQL_REBUILT = "select event_id from rebuilt_events order by position";

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
    private final PostgresEventStore store = SharedPostgres.eventStoreOfTestEvents(dataSource, transactions);
    private final PostgresProjectionTarget rebuilt = PostgresProjectionTarget.of("RebuildProjection", "rebuilt_events",
            dataSource, transactions, (event, connection, table) -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into " + table + " (position, event_id) values (?, ?)")) {
                    insert.setLong(1, event.position());
                    insert.setString(2, event.eventId());
                    insert.executeUpdate();
                }
            });

    PostgresProjectionDaemonContractTest() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(SQL_CREATE_TABLES);
        }
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    protected EventStore eventStore() {
        return store;
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected CheckpointStore checkpoints() {
        return new PostgresCheckpointStore(dataSource, transactions, MyelinSchema.DEFAULT);
    }

    @Override
    protected ProjectionLease lease() {
        return new PostgresProjectionLease(dataSource, MyelinSchema.DEFAULT, clock);
    }

    @Override
    protected AppliedEvents appliedEvents() {
        return new AppliedEvents() {
            @Override
            public void record(String projection, StoredEvent event) {
                try (PreparedStatement insert = transactions.currentConnection().prepareStatement(SQL_RECORD)) {
                    insert.setString(1, projection);
                    insert.setString(2, event.eventId());
                    insert.executeUpdate();
                } catch (SQLException failure) {
                    throw new IllegalStateException(failure);
                }
            }

            @Override
            public List<String> eventIds(String projection) {
                return strings(SQL_APPLIED, projection);
            }
        };
    }

    @Override
    protected RebuildableEvents rebuildableEvents() {
        return new RebuildableEvents() {
            @Override
            public Projection live() {
                return rebuilt.live();
            }

            @Override
            public List<String> eventIds() {
                return strings(SQL_REBUILT);
            }

            @Override
            public Projection fresh() {
                return rebuilt.fresh();
            }

            @Override
            public void swap() {
                rebuilt.swap();
            }
        };
    }

    private List<String> strings(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
