package dev.myelin.examples.pizzeria.notifications;

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
 * Lists the texts sent to a customer, newest first ({@code GET /api/notifications?customer_id=}).
 *
 * @param customerId the customer; for a customer, left out means itself
 * @param page the page, from 1
 * @param pageSize texts per page, 1 to 100
 * @since 0.1
 */
public record GetCustomerNotifications(@NotBlank @Size(max = 64) String customerId, @Min(1) int page,
        @Min(1) @Max(Page.MAX_PAGE_SIZE) int pageSize) implements Query<OperationResult<Page<NotificationDto>>>,
        CustomerScoped {

    @Override
    public GetCustomerNotifications forCustomer(String customer) {
        return new GetCustomerNotifications(customer, page, pageSize);
    }

    /** Only managers read any customer's texts; drivers and chefs do not need them. */
    @Override
    public Set<String> staffRoles() {
        return Set.of("manager");
    }
}
