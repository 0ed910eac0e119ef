package dev.myelin.postgres;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.contract.EventStoreContract;
import dev.myelin.data.events.EventStore;
import javax.sql.DataSource;

/** The shared event store contract, on PostgreSQL: a fresh database per test. */
class PostgresEventStoreContractTest extends EventStoreContract {

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
    private final PostgresEventStore store = SharedPostgres.eventStoreOfTestEvents(dataSource, transactions);

    @Override
    protected EventStore store() {
        return store;
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }
}
