package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.core.Mediator;
import dev.myelin.examples.pizzeria.shared.Page;
import dev.myelin.spring.boot.web.ControllerBase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customers' notifications API. Knows only the mediator and the messages. */
@RestController
@RequestMapping("/api/notifications")
class NotificationsController extends ControllerBase {

    NotificationsController(Mediator mediator) {
        super(mediator);
    }

    @GetMapping
    ResponseEntity<Page<NotificationDto>> list(@RequestParam(name = "customer_id", required = false) String customerId,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "page_size", defaultValue = "20") int pageSize) {
        return process(mediator().send(new GetCustomerNotifications(customerId, page, pageSize)));
    }
}
