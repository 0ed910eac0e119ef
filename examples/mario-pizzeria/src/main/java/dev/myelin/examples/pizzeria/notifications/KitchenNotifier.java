package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.core.EventHandler;
import dev.myelin.examples.pizzeria.orders.OrderPlaced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the kitchen about each new order (stored for the kitchen's screen, and logged). Delivered by
 * the outbox after commit; stored once per event.
 */
@Component
class KitchenNotifier implements EventHandler<OrderPlaced> {

    static final String CHANNEL = "kitchen";

    private static final Logger LOG = LoggerFactory.getLogger(KitchenNotifier.class);

    private final NotificationLog log;

    KitchenNotifier(NotificationLog log) {
        this.log = log;
    }

    @Override
    public void handle(OrderPlaced event) {
        String text = "New order " + event.orderId().substring(0, Math.min(8, event.orderId().length())) + " from "
                + event.customer().name() + ": " + event.items().size() + " pizza(s)";
        if (log.store(CHANNEL, CHANNEL, null, event.orderId(), text, event.at())) {
            LOG.info("Kitchen: {}", text);
        }
    }
}
