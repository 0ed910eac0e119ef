package dev.myelin.postgres.outbox;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.contract.OutboxDispatcherContract;
import dev.myelin.data.contract.TestEvents;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.outbox.Inbox;
import dev.myelin.data.outbox.OutboxStore;
import dev.myelin.postgres.EventTypeRegistry;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.PostgresEventStore;
import dev.myelin.postgres.SharedPostgres;
import javax.sql.DataSource;

/** The shared outbox dispatcher contract, on PostgreSQL: a fresh database per test. */
class PostgresOutboxDispatcherContractTest extends OutboxDispatcherContract {

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
    private final JacksonEventSerializer serializer = JacksonEventSerializer.of(EventTypeRegistry.builder()
            .register(TestEvents.Placed.class)
            .register(TestEvents.Added.class)
            .register(TestEvents.Poisoned.class)
            .build());
    private final PostgresEventStore events = PostgresEventStore.builder(dataSource, transactions, transactions, serializer).build();
    private final PostgresOutboxStore outbox = PostgresOutboxStore.builder(dataSource, transactions, serializer).build();
    private final PostgresInbox inbox = new PostgresInbox(dataSource, transactions, MyelinSchema.DEFAULT);

    @Override
    protected OutboxStore outboxStore() {
        return outbox;
    }

    @Override
    protected Inbox inbox() {
        return inbox;
    }

    @Override
    protected EventStore eventStore() {
        return events;
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }
}
