package dev.myelin.postgres;

import dev.myelin.behaviors.transaction.JdbcTransactionRunner;
import dev.myelin.behaviors.transaction.TransactionRunner;
import dev.myelin.data.contract.EventStoreContract;
import dev.myelin.data.contract.TestEvents;
import dev.myelin.data.events.EventStore;
import javax.sql.DataSource;

/** The shared event store contract, on PostgreSQL: a fresh database per test. */
class PostgresEventStoreContractTest extends EventStoreContract {

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
    private final PostgresEventStore store = PostgresEventStore.builder(dataSource, transactions,
            JacksonEventSerializer.of(EventTypeRegistry.builder()
                    .register(TestEvents.Placed.class)
                    .register(TestEvents.Added.class)
                    .register(TestEvents.Poisoned.class)
                    .build()))
            .build();

    @Override
    protected EventStore store() {
        return store;
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }
}
