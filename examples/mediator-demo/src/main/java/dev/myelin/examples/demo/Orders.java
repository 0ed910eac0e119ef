package dev.myelin.examples.demo;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory order store: enough for a demo of the mediator. Thread-safe. */
final class Orders {

    /** A stored order. */
    record Order(String id, String customerName, String status, BigDecimal total) {
    }

    private final Map<String, Order> byId = new ConcurrentHashMap<>();

    void put(Order order) {
        byId.put(order.id(), order);
    }

    Optional<Order> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
