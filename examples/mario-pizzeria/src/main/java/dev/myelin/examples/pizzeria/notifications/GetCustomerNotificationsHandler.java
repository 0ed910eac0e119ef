package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.examples.pizzeria.shared.Page;
import org.springframework.stereotype.Component;

/** Reads a customer's texts from {@code notifications}. */
@Component
class GetCustomerNotificationsHandler implements QueryHandler<GetCustomerNotifications, OperationResult<Page<NotificationDto>>> {

    private final NotificationQueries notifications;

    GetCustomerNotificationsHandler(NotificationQueries notifications) {
        this.notifications = notifications;
    }

    @Override
    public OperationResult<Page<NotificationDto>> handle(GetCustomerNotifications query) {
        return OperationResult.ok(notifications.page(query.customerId(), query.page(), query.pageSize()));
    }
}
