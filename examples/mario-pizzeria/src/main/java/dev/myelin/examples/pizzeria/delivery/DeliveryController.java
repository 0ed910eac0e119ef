package dev.myelin.examples.pizzeria.delivery;

import dev.myelin.core.Mediator;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.delivery.AssignDelivery;
import dev.myelin.examples.pizzeria.orders.delivery.DeliverOrder;
import dev.myelin.examples.pizzeria.orders.delivery.TakeOutForDelivery;
import dev.myelin.examples.pizzeria.shared.Page;
import dev.myelin.spring.boot.web.ControllerBase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The drivers' API. Knows only the mediator and the messages. */
@RestController
@RequestMapping("/api/delivery")
class DeliveryController extends ControllerBase {

    DeliveryController(Mediator mediator) {
        super(mediator);
    }

    @GetMapping
    ResponseEntity<Page<DeliveryDto>> list(@RequestParam(name = "status", defaultValue = "ready") String status,
            @RequestParam(name = "driver_id", required = false) String driverId,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "page_size", defaultValue = "20") int pageSize) {
        return process(mediator().send(new GetDeliveries(status, driverId, page, pageSize)));
    }

    @PutMapping("/{orderId}/assign")
    ResponseEntity<OrderChangeDto> assign(@PathVariable String orderId, @RequestBody AssignRequest body) {
        return process(mediator().send(new AssignDelivery(orderId, body.driverId())));
    }

    @PutMapping("/{orderId}/out")
    ResponseEntity<OrderChangeDto> out(@PathVariable String orderId) {
        return process(mediator().send(new TakeOutForDelivery(orderId)));
    }

    @PutMapping("/{orderId}/delivered")
    ResponseEntity<OrderChangeDto> delivered(@PathVariable String orderId) {
        return process(mediator().send(new DeliverOrder(orderId)));
    }

    /**
     * The body of {@code PUT /api/delivery/{id}/assign}.
     *
     * @param driverId the driver
     */
    record AssignRequest(String driverId) {
    }
}
