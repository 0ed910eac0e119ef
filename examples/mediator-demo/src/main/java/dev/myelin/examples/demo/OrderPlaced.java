package dev.myelin.examples.demo;

import dev.myelin.core.DomainEvent;
import dev.myelin.core.EventHandler;
import dev.myelin.core.RequestContext;
import java.math.BigDecimal;

/**
 * An order was placed.
 *
 * @param orderId the order id
 * @param customerName who ordered
 * @param totalAmount what it costs
 */
record OrderPlaced(String orderId, String customerName, BigDecimal totalAmount) implements DomainEvent {

    /** Tells the customer, as the seed's SMS confirmation does (printed here). */
    static final class WhenOrderPlacedThenConfirm implements EventHandler<OrderPlaced> {
        @Override
        public void handle(OrderPlaced event) {
            System.out.printf("  [sms] Order %s confirmed for %s, total %s (correlation %s)%n",
                    event.orderId().substring(0, 8), event.customerName(), event.totalAmount(),
                    RequestContext.current().correlationId().orElse("-"));
        }
    }
}
