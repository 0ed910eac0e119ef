package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.core.EventHandler;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.spring.boot.data.TrackedEventHandler;
import org.springframework.stereotype.Component;

/**
 * Tells the kitchen about each new order (stored for the kitchen's screen, and logged once stored).
 * Tracked ({@link TrackedEventHandler}): the projection daemon runs it after the order committed, in log
 * order, with the asynchronous projections' round, its notice and its checkpoint committed together, so it
 * is stored once per event (the outbox would write, claim and remove a delivery row and an inbox row per
 * order); logged by the {@link NotificationDispatcher} once that round committed.
 */
@Component
@TrackedEventHandler
class KitchenNotifier implements EventHandler<OrderPlaced> {

    static final String CHANNEL = "kitchen";

    private final NotificationLog log;
    private final NotificationDispatcher dispatcher;

    KitchenNotifier(NotificationLog log, NotificationDispatcher dispatcher) {
        this.log = log;
        this.dispatcher = dispatcher;
    }

    @Override
    public void handle(OrderPlaced event) {
        String text = "New order " + event.orderId().substring(0, Math.min(8, event.orderId().length())) + " from "
                + event.customer().name() + ": " + event.items().size() + " pizza(s)";
        NotificationLog.Key stored = log.store(CHANNEL, CHANNEL, null, event.orderId(), text, event.at());
        dispatcher.sendAfterCommit(stored);
    }
}
