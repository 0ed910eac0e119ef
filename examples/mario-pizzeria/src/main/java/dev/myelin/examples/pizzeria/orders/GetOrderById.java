package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import jakarta.validation.constraints.NotBlank;

/**
 * Reads everything about one order: customer, items, payment, kitchen, delivery, timeline and total
 * breakdown ({@code GET /api/orders/{id}}). Reading never marks it viewed: that is
 * {@link MarkOrderAsViewed}, a command.
 *
 * @param orderId the order
 * @since 0.1
 */
public record GetOrderById(@NotBlank String orderId) implements Query<OperationResult<OrderDetailDto>> {
}
