package dev.myelin.data.contract;

import dev.myelin.core.DomainEvent;
import dev.myelin.data.EventSourcedAggregate;
import dev.myelin.data.contract.TestEvents.Added;
import dev.myelin.data.contract.TestEvents.Placed;
import dev.myelin.data.snapshot.Snapshottable;

/** An event-sourced order that can be snapshotted, and counts the events it replayed. */
public final class TestOrder extends EventSourcedAggregate<String> implements Snapshottable<TestOrder.State> {

    /**
     * The snapshot state.
     *
     * @param placed whether placed
     * @param quantity items in it
     */
    public record State(boolean placed, int quantity) {
    }

    private boolean placed;
    private int quantity;
    private int applied;

    /**
     * Creates an order with no history.
     *
     * @param id the id
     */
    public TestOrder(String id) {
        super(id);
    }

    /** Places it. */
    public void place() {
        record(new Placed(id()));
    }

    /**
     * Adds items.
     *
     * @param count how many
     */
    public void add(int count) {
        record(new Added(id(), count));
    }

    /**
     * Returns the items in it.
     *
     * @return the quantity
     */
    public int quantity() {
        return quantity;
    }

    /**
     * Returns whether placed.
     *
     * @return whether placed
     */
    public boolean placed() {
        return placed;
    }

    /**
     * Returns how many events this instance applied (replayed or new).
     *
     * @return the count
     */
    public int applied() {
        return applied;
    }

    @Override
    protected void apply(DomainEvent event) {
        applied++;
        if (event instanceof Placed) {
            placed = true;
        } else if (event instanceof Added added) {
            quantity += added.quantity();
        }
    }

    @Override
    public State snapshotState() {
        return new State(placed, quantity);
    }

    @Override
    public void restoreSnapshotState(State state) {
        placed = state.placed();
        quantity = state.quantity();
    }
}
