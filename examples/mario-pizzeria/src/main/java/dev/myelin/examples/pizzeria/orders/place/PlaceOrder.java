package dev.myelin.examples.pizzeria.orders.place;

import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.logging.Sensitive;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.menu.PizzaSize;
import dev.myelin.examples.pizzeria.orders.read.GetOrderStatus;
import dev.myelin.examples.pizzeria.payments.PaymentMethod;
import dev.myelin.examples.pizzeria.shared.CacheTags;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Places an order; a guest may order without an account ({@code POST /api/orders}, the seed's JSON).
 *
 * <p>Rules: at least one pizza (at most 20); a phone of at least {@code pizzeria.min-phone-length}
 * characters ({@link PlaceOrderRules}); only during opening hours ({@link OpeningHoursBehavior}); every
 * topping on the menu, else 400 "Validation failed" naming each unknown one, and every pizza on the
 * menu and available, else 400 "One or more pizzas are not available" (both checked by
 * {@link OrderPricing} in the command's transaction); room in the kitchen, else 503 with the estimated
 * wait; the payment accepted by the gateway, else 400.
 *
 * @param customerId the customer's id, or {@code null}: then the caller's user name, or for a guest
 *     {@code guest-<phone digits>} (the phone must have at least {@value PlaceOrderRules#MIN_PHONE_DIGITS}
 *     digits, so no two phones share a guest id)
 * @param customerName the customer's name
 * @param customerPhone the customer's phone
 * @param customerAddress where to deliver
 * @param pizzaItems the pizzas
 * @param paymentMethod {@code cash} (paid to the driver) or {@code card}
 * @param paymentToken the card's token from the payment provider's form, or {@code null}; the fake gateway
 *     declines {@code tok_declined}
 * @since 0.1
 */
@Evicts(tags = {GetOrderStatus.CACHE_TAG, CacheTags.KITCHEN_QUEUE})
public record PlaceOrder(
        @Size(max = 64) String customerId,
        @NotBlank @Size(max = 100) String customerName,
        @NotBlank @Size(max = 30) String customerPhone,
        @NotBlank @Size(max = 300) String customerAddress,
        @NotEmpty(message = "must contain at least one pizza") @Size(max = 20, message = "must contain at most 20 pizzas")
        List<@NotNull @Valid PizzaItem> pizzaItems,
        @NotNull PaymentMethod paymentMethod,
        @Sensitive @Size(max = 100) String paymentToken) implements Command<OperationResult<OrderPlacedDto>> {

    /**
     * One pizza of the order.
     *
     * @param pizzaId the pizza on the menu, such as {@code margherita}
     * @param size its size
     * @param toppings extra toppings' ids, such as {@code extra_cheese}; may be {@code null}
     * @param specialInstructions what the customer asks for, or {@code null}
     * @since 0.1
     */
    public record PizzaItem(
            @NotBlank @Size(max = 40) String pizzaId,
            @NotNull PizzaSize size,
            @Size(max = 10, message = "must have at most 10 toppings") List<@NotBlank @Size(max = 40) String> toppings,
            @Size(max = 200) String specialInstructions) {

        List<String> toppingsOrEmpty() {
            return toppings == null ? List.of() : toppings;
        }
    }
}
