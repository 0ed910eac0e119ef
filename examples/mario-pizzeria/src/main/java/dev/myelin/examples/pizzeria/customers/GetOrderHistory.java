package dev.myelin.examples.pizzeria.customers;

import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.examples.pizzeria.shared.CustomerScoped;
import dev.myelin.examples.pizzeria.shared.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Reads a customer's order history with lifetime figures ({@code GET /api/orders/history}). Built
 * asynchronously: an order shows up shortly after it is placed, not in the same instant.
 *
 * @param customerId the customer; for a customer, left out means itself
 * @param page the page of orders, from 1
 * @param pageSize orders per page, 1 to 100
 * @since 0.1
 */
public record GetOrderHistory(@NotBlank @Size(max = 64) String customerId, @Min(1) int page,
        @Min(1) @Max(Page.MAX_PAGE_SIZE) int pageSize) implements Query<OperationResult<OrderHistoryDto>>, CustomerScoped {

    @Override
    public GetOrderHistory forCustomer(String customer) {
        return new GetOrderHistory(customer, page, pageSize);
    }

    /** Only managers read any customer's history; drivers and chefs do not need it. */
    @Override
    public Set<String> staffRoles() {
        return Set.of("manager");
    }
}
