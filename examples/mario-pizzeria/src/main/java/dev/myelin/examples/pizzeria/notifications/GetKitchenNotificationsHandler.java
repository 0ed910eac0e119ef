package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.examples.pizzeria.shared.Page;
import org.springframework.stereotype.Component;

/** Reads the kitchen's notices from {@code notifications}. */
@Component
class GetKitchenNotificationsHandler implements QueryHandler<GetKitchenNotifications, OperationResult<Page<NotificationDto>>> {

    private final NotificationQueries notifications;

    GetKitchenNotificationsHandler(NotificationQueries notifications) {
        this.notifications = notifications;
    }

    @Override
    public OperationResult<Page<NotificationDto>> handle(GetKitchenNotifications query) {
        return OperationResult.ok(notifications.page(KitchenNotifier.CHANNEL, query.page(), query.pageSize()));
    }
}
