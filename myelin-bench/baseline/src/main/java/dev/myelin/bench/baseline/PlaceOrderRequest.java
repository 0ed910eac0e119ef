package dev.myelin.bench.baseline;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/orders}, with the bean constraints of the pizzeria's {@code PlaceOrder}.
 *
 * @param customerId the customer's id, or {@code null}: then the caller's user name, or {@code guest-<phone digits>}
 * @param customerName the customer's name
 * @param customerPhone the customer's phone
 * @param customerAddress where to deliver
 * @param pizzaItems the pizzas
 * @param paymentMethod {@code cash}, {@code card}...; {@code declined-card} is always declined
 */
record PlaceOrderRequest(
        @Size(max = 64) @Nullable String customerId,
        @NotBlank @Size(max = 100) String customerName,
        @NotBlank @Size(max = 30) String customerPhone,
        @NotBlank @Size(max = 300) String customerAddress,
        @NotEmpty(message = "must contain at least one pizza") @Size(max = 20, message = "must contain at most 20 pizzas")
        List<@NotNull @Valid PizzaItem> pizzaItems,
        @NotBlank @Size(max = 40) String paymentMethod) {

    /**
     * One pizza of the order.
     *
     * @param pizzaId the pizza on the menu
     * @param size its size
     * @param toppings extra toppings' ids, or {@code null}
     * @param specialInstructions what the customer asks for, or {@code null}
     */
    record PizzaItem(
            @NotBlank @Size(max = 40) String pizzaId,
            @NotNull PizzaSize size,
            @Size(max = 10, message = "must have at most 10 toppings") @Nullable List<@NotBlank @Size(max = 40) String> toppings,
            @Size(max = 200) @Nullable String specialInstructions) {

        List<String> toppingsOrEmpty() {
            return toppings == null ? List.of() : toppings;
        }
    }
}
