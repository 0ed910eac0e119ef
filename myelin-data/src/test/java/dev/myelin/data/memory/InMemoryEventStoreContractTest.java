package dev.myelin.data.memory;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.contract.EventStoreContract;
import dev.myelin.data.events.EventStore;
import java.time.Clock;

class InMemoryEventStoreContractTest extends EventStoreContract {

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventStore store = new InMemoryEventStore(transactions, Clock.systemUTC());

    @Override
    protected EventStore store() {
        return store;
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }
}
