package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.examples.pizzeria.shared.CustomerScoped;
import dev.myelin.examples.pizzeria.shared.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Lists order summaries, newest first ({@code GET /api/orders?customer_id=&status=&page=&page_size=}).
 *
 * @param customerId only this customer's orders, or {@code null}
 * @param status only orders in this status, or {@code null}
 * @param page the page, from 1
 * @param pageSize orders per page, 1 to 100
 * @since 0.1
 */
public record GetOrders(@Size(max = 64) String customerId,
        @Pattern(regexp = STATUSES, message = "must be one of " + STATUSES) String status, @Min(1) int page,
        @Min(1) @Max(Page.MAX_PAGE_SIZE) int pageSize) implements Query<OperationResult<Page<OrderSummaryDto>>>,
        CustomerScoped {

    /** The statuses a filter may name. */
    static final String STATUSES = "pending|confirmed|cooking|ready|out_for_delivery|delivered|cancelled";

    @Override
    public GetOrders forCustomer(String customer) {
        return new GetOrders(customer, status, page, pageSize);
    }

    /** Kitchen staff and managers list anyone's orders; drivers see deliveries instead. */
    @Override
    public Set<String> staffRoles() {
        return Set.of("chef", "manager");
    }
}
