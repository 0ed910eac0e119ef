package dev.myelin.examples.pizzeria.kitchen;

import dev.myelin.core.Mediator;
import dev.myelin.examples.pizzeria.notifications.GetKitchenNotifications;
import dev.myelin.examples.pizzeria.notifications.NotificationDto;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.kitchen.MarkOrderReady;
import dev.myelin.examples.pizzeria.orders.kitchen.MarkPizzaReady;
import dev.myelin.examples.pizzeria.shared.Page;
import dev.myelin.spring.boot.web.ControllerBase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The kitchen's API: its queue, its notices, pizzas and orders coming out of the oven. Cooking starts
 * with the seed's {@code PUT /api/orders/{id}/cook}. Knows only the mediator and the messages.
 */
@RestController
@RequestMapping("/api/kitchen")
class KitchenController extends ControllerBase {

    KitchenController(Mediator mediator) {
        super(mediator);
    }

    @GetMapping("/queue")
    ResponseEntity<KitchenQueueDto> queue(@RequestParam(name = "status", required = false) String status) {
        return process(mediator().send(new GetKitchenQueue(status)));
    }

    @GetMapping("/notifications")
    ResponseEntity<Page<NotificationDto>> notifications(@RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "page_size", defaultValue = "20") int pageSize) {
        return process(mediator().send(new GetKitchenNotifications(page, pageSize)));
    }

    @PutMapping("/orders/{orderId}/pizzas/{pizzaIndex}/ready")
    ResponseEntity<OrderChangeDto> pizzaReady(@PathVariable String orderId, @PathVariable int pizzaIndex) {
        return process(mediator().send(new MarkPizzaReady(orderId, pizzaIndex)));
    }

    @PutMapping("/orders/{orderId}/ready")
    ResponseEntity<OrderChangeDto> orderReady(@PathVariable String orderId) {
        return process(mediator().send(new MarkOrderReady(orderId)));
    }
}
