package dev.myelin.bench;

import dev.myelin.core.Command;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A command with a few Jakarta constraints, so that the validation behavior is in its chain. The
 * benchmark sends a valid one: the handler runs.
 *
 * @param customerName who orders
 * @param customerPhone where to call back
 * @param quantity how many pizzas
 */
record PlaceValidatedOrder(@NotBlank String customerName, @Size(min = 10, max = 20) String customerPhone,
        @Min(1) @Max(20) int quantity) implements Command<OrderReceipt> {
}
