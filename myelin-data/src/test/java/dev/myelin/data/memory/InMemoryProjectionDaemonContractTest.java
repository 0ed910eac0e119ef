package dev.myelin.data.memory;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.contract.AppliedEvents;
import dev.myelin.data.contract.ProjectionDaemonContract;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.CheckpointStore;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionLease;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

class InMemoryProjectionDaemonContractTest extends ProjectionDaemonContract {

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventStore events = new InMemoryEventStore(transactions, clock);
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore(transactions);
    private final InMemoryProjectionLease lease = new InMemoryProjectionLease(clock);
    private final AppliedEvents applied = new AppliedEvents() {
        private final Map<String, List<String>> ids = new ConcurrentHashMap<>();

        @Override
        public void record(String projection, StoredEvent event) {
            List<String> list = ids.computeIfAbsent(projection, name -> new CopyOnWriteArrayList<>());
            list.add(event.eventId());
            transactions.onRollback(() -> list.remove(list.size() - 1));
        }

        @Override
        public List<String> eventIds(String projection) {
            return List.copyOf(ids.getOrDefault(projection, List.of()));
        }
    };

    private final InMemoryReadModel<Long, String> byPosition = new InMemoryReadModel<>("RebuildProjection", transactions,
            (event, rows) -> rows.put(event.position(), event.eventId()));

    @Override
    protected RebuildableEvents rebuildableEvents() {
        return new RebuildableEvents() {
            @Override
            public Projection live() {
                return byPosition.projection();
            }

            @Override
            public List<String> eventIds() {
                return new TreeMap<>(byPosition.all()).values().stream().toList();
            }

            @Override
            public Projection fresh() {
                return byPosition.fresh();
            }

            @Override
            public void swap() {
                byPosition.swap();
            }
        };
    }

    @Override
    protected EventStore eventStore() {
        return events;
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected CheckpointStore checkpoints() {
        return checkpoints;
    }

    @Override
    protected ProjectionLease lease() {
        return lease;
    }

    @Override
    protected AppliedEvents appliedEvents() {
        return applied;
    }
}
