package dev.myelin.data.outbox;

import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;

/**
 * An {@link EventHandler} that says which events of its type it acts on, so that the outbox creates a
 * delivery only for those: a handler of a broad type (every {@code OrderEvent}) that acts on a few (the
 * card orders) costs no delivery row, claim, removal and inbox row for the others.
 *
 * <pre>{@code
 * class WhenPaymentAuthorizedThenCapture implements SelectiveEventHandler<OrderEvent> {
 *     public boolean wants(OrderEvent event) {
 *         return event instanceof PaymentAuthorized || event instanceof OrderPlaced placed && placed.isAuthorized();
 *     }
 *     public void handle(OrderEvent event) { ... }
 * }
 * }</pre>
 *
 * <p>{@link #wants} is asked in the appending transaction, once per event, before any delivery exists: it
 * must decide from the event alone (no I/O, no state that changes), quickly, and never throw. An event it
 * does not want is never delivered to it, not even by a replay of dead letters.
 *
 * @param <E> the event type
 * @since 0.1
 */
public interface SelectiveEventHandler<E extends Event> extends EventHandler<E> {

    /**
     * Returns whether this handler acts on the event: {@code false} makes the outbox skip its delivery.
     *
     * @param event an event of the handler's type
     * @return whether to deliver it
     */
    boolean wants(E event);
}
