package dev.myelin.postgres;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.contract.EventSourcedRepositoryContract;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.snapshot.SnapshotStore;
import dev.myelin.postgres.snapshot.PostgresSnapshotStore;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** The shared event-sourced repository contract on PostgreSQL: events and jsonb snapshots, a fresh database per test. */
class PostgresEventSourcedRepositoryContractTest extends EventSourcedRepositoryContract {

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
    private final PostgresEventStore store = SharedPostgres.eventStoreOfTestEvents(dataSource, transactions);
    private final PostgresSnapshotStore snapshots = new PostgresSnapshotStore(dataSource, MyelinSchema.DEFAULT);

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
    protected SnapshotStore snapshots() {
        return snapshots;
    }
}
