package dev.myelin.examples.pizzeria.orders;

/**
 * What an order command left: the order and its status now.
 *
 * @param orderId the order
 * @param status its status after the command
 * @since 0.1
 */
public record OrderChangeDto(String orderId, OrderStatus status) {
}
