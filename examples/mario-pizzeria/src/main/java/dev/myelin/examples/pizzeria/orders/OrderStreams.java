package dev.myelin.examples.pizzeria.orders;

/**
 * Where an order's events are: the stream {@code Order-<order id>}, which {@link OrderRepository}
 * appends to with each save of the order and which readers of the order's events (the order detail,
 * folded when read) read.
 */
public final class OrderStreams {

    private OrderStreams() {
    }

    /**
     * Returns the stream of an order's events.
     *
     * @param orderId the order
     * @return its stream id
     */
    public static String of(String orderId) {
        return "Order-" + orderId;
    }
}
