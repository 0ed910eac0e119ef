package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.core.EventHandler;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderDelivered;
import dev.myelin.examples.pizzeria.orders.events.OrderEvent;
import dev.myelin.examples.pizzeria.orders.events.OrderOutForDelivery;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.events.OrderReady;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import dev.myelin.spring.boot.data.TrackedEventHandler;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Texts the customer when their order is placed, ready, on its way, delivered or cancelled, and
 * stores each text so they can list them. Tracked ({@link TrackedEventHandler}): the projection daemon
 * runs it after commit, in log order (so {@link OrderPlaced} always comes first), its texts and its
 * checkpoint committed together, without the outbox's delivery and inbox rows; {@link NotificationLog}
 * keeps an event seen twice (a retried round, a replay) from storing twice, and the
 * {@link NotificationDispatcher} sends a stored text only once the transaction that stored it has
 * committed. A cancellation mentions a refund only when one is made (a captured card payment). One
 * statement per text: the contact is remembered (on {@link OrderPlaced}) and read where the text is
 * stored; the texts of a daemon round go in one JDBC batch (see {@link NotificationLog}).
 */
@Component
@TrackedEventHandler
class CustomerSmsNotifier implements EventHandler<OrderEvent> {

    static final String CHANNEL = "sms";

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    private final NotificationLog log;
    private final NotificationDispatcher dispatcher;
    private final PizzeriaProperties properties;

    CustomerSmsNotifier(NotificationLog log, NotificationDispatcher dispatcher, PizzeriaProperties properties) {
        this.log = log;
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    @Override
    public void handle(OrderEvent event) {
        Optional<String> text = message(event);
        NotificationLog.Key stored;
        if (event instanceof OrderPlaced placed) {
            stored = log.rememberAndStore(CHANNEL, placed.orderId(), new NotificationLog.Contact(placed.customer().customerId(),
                    placed.customer().name(), placed.customer().phone()), text.orElseThrow(), event.at());
        } else if (text.isPresent()) {
            stored = log.storeToContact(CHANNEL, event.orderId(), text.get(), event.at());
        } else {
            return;
        }
        dispatcher.sendAfterCommit(stored);
    }

    /** What happens to the money: a refund only when a payment was captured, a release of a card hold. */
    private static String cancellation(OrderCancelled cancelled) {
        if (cancelled.refunded().signum() > 0) {
            return "; " + cancelled.refunded() + " will be refunded to your card.";
        }
        if (cancelled.voidAuthorizationId() != null) {
            return "; the hold of " + cancelled.authorizedAmount() + " on your card is released.";
        }
        return ".";
    }

    private Optional<String> message(OrderEvent event) {
        String order = "Order " + event.orderId().substring(0, Math.min(8, event.orderId().length()));
        if (event instanceof OrderPlaced placed) {
            return Optional.of(order + " confirmed! Total: " + placed.totals().total() + ". Ready by: "
                    + HOUR.format(placed.estimatedReadyTime().atZone(properties.timeZone())));
        } else if (event instanceof OrderReady) {
            return Optional.of(order + " is ready and waits for a driver.");
        } else if (event instanceof OrderOutForDelivery) {
            return Optional.of(order + " is on its way!");
        } else if (event instanceof OrderDelivered) {
            return Optional.of(order + " was delivered. Buon appetito!");
        } else if (event instanceof OrderCancelled cancelled) {
            return Optional.of(order + " was cancelled" + cancellation(cancelled));
        }
        return Optional.empty();
    }
}
