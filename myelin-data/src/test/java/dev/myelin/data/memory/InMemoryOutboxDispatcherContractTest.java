package dev.myelin.data.memory;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.contract.OutboxDispatcherContract;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.outbox.Inbox;
import dev.myelin.data.outbox.OutboxStore;

class InMemoryOutboxDispatcherContractTest extends OutboxDispatcherContract {

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventStore events = new InMemoryEventStore(transactions, clock);
    private final InMemoryOutboxStore outbox = new InMemoryOutboxStore(transactions);
    private final InMemoryInbox inbox = new InMemoryInbox(transactions);

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
