package dev.myelin.data.contract;

import dev.myelin.core.DomainEvent;

/** Events of the contract suite. */
public final class TestEvents {

    private TestEvents() {
    }

    /** Every order event. */
    public sealed interface OrderEvent extends DomainEvent permits Placed, Added, Poisoned {
        /**
         * Returns the order.
         *
         * @return the order id
         */
        String orderId();
    }

    /**
     * An order was placed.
     *
     * @param orderId the order
     */
    public record Placed(String orderId) implements OrderEvent {
    }

    /**
     * Items were added.
     *
     * @param orderId the order
     * @param quantity how many
     */
    public record Added(String orderId, int quantity) implements OrderEvent {
    }

    /**
     * An event some handlers always fail on.
     *
     * @param orderId the order
     */
    public record Poisoned(String orderId) implements OrderEvent {
    }
}
