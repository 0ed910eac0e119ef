package dev.myelin.data.memory;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.contract.EventSourcedRepositoryContract;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.snapshot.SnapshotStore;
import java.time.Clock;

class InMemoryEventSourcedRepositoryContractTest extends EventSourcedRepositoryContract {

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventStore events = new InMemoryEventStore(transactions, Clock.systemUTC());
    private final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();

    @Override
    protected EventStore eventStore() {
        return events;
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
