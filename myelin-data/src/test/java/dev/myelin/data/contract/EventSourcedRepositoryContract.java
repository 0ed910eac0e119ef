package dev.myelin.data.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.core.RequestContext;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.EventSourcedRepository;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.snapshot.SnapshotStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link EventSourcedRepository} over an {@link EventStore} and a
 * {@link SnapshotStore}. Extend it and give fresh, empty parts per test.
 */
public abstract class EventSourcedRepositoryContract {

    /**
     * Returns an empty event store.
     *
     * @return the store
     */
    protected abstract EventStore eventStore();

    /**
     * Returns the runner the store joins.
     *
     * @return the runner
     */
    protected abstract TransactionRunner transactions();

    /**
     * Returns the snapshot store under test, empty.
     *
     * @return the store
     */
    protected abstract SnapshotStore snapshots();

    private EventSourcedRepository<TestOrder, String> repository(int snapshotEvery) {
        return EventSourcedRepository.builder(TestOrder.class, TestOrder::new, eventStore(), transactions())
                .snapshots(snapshots(), snapshotEvery)
                .build();
    }

    private void inTransaction(Runnable work) {
        transactions().inTransaction(() -> {
            work.run();
            return null;
        }, result -> true);
    }

    @Test
    public void addedAggregateIsRebuiltFromItsStream() {
        EventSourcedRepository<TestOrder, String> orders = repository(0);
        TestOrder order = new TestOrder("42");
        order.place();
        order.add(2);
        inTransaction(() -> orders.add(order));

        assertThat(order.version()).isEqualTo(2);
        assertThat(order.pendingEvents()).isEmpty();
        TestOrder loaded = orders.get("42").orElseThrow();
        assertThat(loaded.version()).isEqualTo(2);
        assertThat(loaded.quantity()).isEqualTo(2);
        assertThat(loaded.placed()).isTrue();
        assertThat(eventStore().readStream("TestOrder-42", 1, 10)).hasSize(2);
        assertThat(orders.get("43")).isEmpty();
    }

    @Test
    public void updateOfAStaleCopyConflictsNamingTypeIdAndVersions() {
        EventSourcedRepository<TestOrder, String> orders = repository(0);
        TestOrder order = new TestOrder("42");
        order.place();
        inTransaction(() -> orders.add(order));
        TestOrder first = orders.get("42").orElseThrow();
        TestOrder second = orders.get("42").orElseThrow();
        first.add(1);
        inTransaction(() -> orders.update(first));

        second.add(5);
        assertThatThrownBy(() -> inTransaction(() -> orders.update(second)))
                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.aggregateType()).isEqualTo("TestOrder");
                    assertThat(conflict.aggregateId()).isEqualTo("42");
                    assertThat(conflict.expectedVersion()).isEqualTo(1);
                    assertThat(conflict.actualVersion()).isEqualTo(2);
                });
        assertThat(orders.get("42").orElseThrow().quantity()).isEqualTo(1);
    }

    @Test
    public void addOfAnExistingAggregateConflicts() {
        EventSourcedRepository<TestOrder, String> orders = repository(0);
        TestOrder order = new TestOrder("42");
        order.place();
        inTransaction(() -> orders.add(order));
        TestOrder twin = new TestOrder("42");
        twin.place();

        assertThatThrownBy(() -> inTransaction(() -> orders.add(twin))).isInstanceOf(AggregateConflictException.class);
    }

    @Test
    public void savedEventsCarryTheRequestContextAsMetadata() {
        EventSourcedRepository<TestOrder, String> orders = repository(0);
        TestOrder order = new TestOrder("42");
        order.place();
        RequestContext context = RequestContext.builder().correlationId("corr-1").messageId("command-1").tenant("t").build();
        try (RequestContext.Scope scope = context.bind()) {
            inTransaction(() -> orders.add(order));
        }

        StoredEvent stored = eventStore().readStream("TestOrder-42", 1, 1).get(0);
        assertThat(stored.metadata().correlationId()).isEqualTo("corr-1");
        assertThat(stored.metadata().causationId()).isEqualTo("command-1");
        assertThat(stored.metadata().tenant()).isEqualTo("t");
    }

    @Test
    public void snapshotEveryThreeEventsLetsALoadReplayOnlyTheEventsAfterIt() {
        EventSourcedRepository<TestOrder, String> orders = repository(3);
        TestOrder order = new TestOrder("42");
        order.place();
        order.add(1);
        inTransaction(() -> orders.add(order));
        assertThat(snapshots().load("TestOrder-42")).as("2 events: below the first multiple").isEmpty();

        order.add(2);
        order.add(3);
        inTransaction(() -> orders.update(order));
        assertThat(snapshots().load("TestOrder-42")).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.version()).isEqualTo(4);
            assertThat(snapshot.state()).isEqualTo(new TestOrder.State(true, 6));
        });

        order.add(4);
        inTransaction(() -> orders.update(order));
        TestOrder loaded = orders.get("42").orElseThrow();
        assertThat(loaded.version()).isEqualTo(5);
        assertThat(loaded.quantity()).isEqualTo(10);
        assertThat(loaded.applied()).as("only the event after the snapshot was replayed").isEqualTo(1);
    }

    @Test
    public void snapshotOfARolledBackSaveIsNeverTaken() {
        EventSourcedRepository<TestOrder, String> orders = repository(2);
        TestOrder order = new TestOrder("42");
        order.place();
        order.add(1);

        assertThatThrownBy(() -> inTransaction(() -> {
            orders.add(order);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(snapshots().load("TestOrder-42")).isEmpty();
        assertThat(orders.get("42")).isEmpty();
    }

    @Test
    public void noSnapshotIsTakenWhenSnapshotsAreOff() {
        EventSourcedRepository<TestOrder, String> orders = repository(0);
        TestOrder order = new TestOrder("42");
        order.place();
        order.add(1);
        order.add(1);
        inTransaction(() -> orders.add(order));

        assertThat(snapshots().load("TestOrder-42")).isEmpty();
        assertThat(orders.get("42").orElseThrow().applied()).isEqualTo(3);
        assertThat(List.of(orders.streamId("42"))).containsExactly("TestOrder-42");
    }
}
