package dev.myelin.examples.pizzeria.orders.payment;

import dev.myelin.behaviors.caching.CacheInvalidation;
import dev.myelin.behaviors.caching.CachingBehavior;
import dev.myelin.data.outbox.HandlerName;
import dev.myelin.data.outbox.SelectiveEventHandler;
import dev.myelin.examples.pizzeria.orders.Order;
import dev.myelin.examples.pizzeria.orders.OrderLocks;
import dev.myelin.examples.pizzeria.orders.OrderRepository;
import dev.myelin.examples.pizzeria.orders.events.OrderEvent;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.events.PaymentAuthorized;
import dev.myelin.examples.pizzeria.orders.events.PaymentProcessed;
import dev.myelin.examples.pizzeria.orders.read.GetOrderStatus;
import dev.myelin.examples.pizzeria.payments.PaymentGateway;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Captures a card authorization once the order that holds it has committed: delivered by the outbox
 * after commit ({@link OrderPlaced} with an {@code authorized} payment, or {@link PaymentAuthorized}),
 * at least once; selective ({@link #wants}), so other order events get no delivery. Under the order's
 * lock ({@link OrderLocks}), it captures only while the order still awaits this capture (not cancelled,
 * not captured), with the key {@code capture:<authorization>}, and
 * records the capture ({@link PaymentProcessed}) in the delivery's transaction. A redelivery, or a
 * crash between the capture and the commit, sends the same key again: the gateway answers the first
 * capture and takes nothing more. No command records the capture, so the handler evicts the cached
 * order statuses itself, after its transaction commits.
 *
 * <p>Its {@code @HandlerName} is its class name from before the orders package was split by use
 * case: pending outbox deliveries are stored under that name and still reach it.
 */
@Component
@HandlerName("dev.myelin.examples.pizzeria.orders.WhenPaymentAuthorizedThenCapture")
class WhenPaymentAuthorizedThenCapture implements SelectiveEventHandler<OrderEvent> {

    private static final CacheInvalidation STATUS_IS_STALE =
            new CacheInvalidation(Set.of(), Set.of(GetOrderStatus.CACHE_TAG));

    private final OrderRepository orders;
    private final OrderLocks locks;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final ObjectProvider<CachingBehavior> caching;

    WhenPaymentAuthorizedThenCapture(OrderRepository orders, OrderLocks locks, PaymentGateway gateway, Clock clock,
            ObjectProvider<CachingBehavior> caching) {
        this.orders = orders;
        this.locks = locks;
        this.gateway = gateway;
        this.clock = clock;
        this.caching = caching;
    }

    /** Only a card order's placement or a later authorization: a cash order costs the outbox nothing. */
    @Override
    public boolean wants(OrderEvent event) {
        return event instanceof PaymentAuthorized
                || event instanceof OrderPlaced placed && OrderPlaced.Payment.AUTHORIZED.equals(placed.payment().status());
    }

    @Override
    public void handle(OrderEvent event) {
        if (event instanceof OrderPlaced placed && OrderPlaced.Payment.AUTHORIZED.equals(placed.payment().status())) {
            capture(placed.orderId(), placed.payment().transactionId(), placed.totals().total());
        } else if (event instanceof PaymentAuthorized authorized) {
            capture(authorized.orderId(), authorized.authorizationId(), authorized.amount());
        }
    }

    private void capture(String orderId, String authorizationId, BigDecimal amount) {
        locks.lock(orderId);
        Optional<Order> order = orders.get(orderId).filter(found -> found.awaitsCapture(authorizationId));
        if (order.isEmpty()) {
            return;
        }
        Optional<String> capture = gateway.capture(captureKey(authorizationId), authorizationId, amount);
        if (capture.isPresent()) {
            order.get().recordCapture(authorizationId, capture.get(), clock.instant());
            orders.update(order.get());
            caching.ifAvailable(cache -> cache.evictAfterCommit(STATUS_IS_STALE));
        }
    }

    /** The one idempotency key of an authorization's capture. */
    static String captureKey(String authorizationId) {
        return "capture:" + authorizationId;
    }
}
