package dev.myelin.examples.pizzeria.orders.payment;

import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.logging.Sensitive;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.OrderScoped;
import dev.myelin.examples.pizzeria.orders.read.GetOrderStatus;
import dev.myelin.examples.pizzeria.payments.PaymentMethod;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Pays what an order still owes: the customer by card (a cash order paid online), or a manager taking
 * cash or a card at the counter. Cash is never declared by the customer (403). Declined → 400, already
 * paid or cancelled → 409.
 *
 * @param orderId the order
 * @param paymentMethod how it is paid
 * @param paymentToken the card's token from the payment provider's form, or {@code null}; the fake
 *     gateway declines {@code tok_declined}
 * @param orderToken the order's token, for a guest; {@code null} otherwise
 * @since 0.1
 */
@Evicts(tags = GetOrderStatus.CACHE_TAG)
public record ProcessPayment(@NotBlank String orderId, @NotNull PaymentMethod paymentMethod,
        @Sensitive @Size(max = 100) String paymentToken, @Sensitive String orderToken)
        implements Command<OperationResult<OrderChangeDto>>, OrderScoped {

    /** Managers take payments at the counter; the customer pays its own order. */
    @Override
    public Set<String> staffRoles() {
        return Set.of("manager");
    }
}
