package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.Mediator;
import dev.myelin.examples.pizzeria.customers.GetOrderHistory;
import dev.myelin.examples.pizzeria.customers.OrderHistoryDto;
import dev.myelin.examples.pizzeria.orders.kitchen.StartCooking;
import dev.myelin.examples.pizzeria.orders.lifecycle.CancelOrder;
import dev.myelin.examples.pizzeria.orders.lifecycle.ConfirmOrder;
import dev.myelin.examples.pizzeria.orders.lifecycle.MarkOrderAsViewed;
import dev.myelin.examples.pizzeria.orders.payment.ProcessPayment;
import dev.myelin.examples.pizzeria.orders.place.OrderPlacedDto;
import dev.myelin.examples.pizzeria.orders.place.PlaceOrder;
import dev.myelin.examples.pizzeria.orders.read.GetOrderById;
import dev.myelin.examples.pizzeria.orders.read.GetOrderStatus;
import dev.myelin.examples.pizzeria.orders.read.GetOrders;
import dev.myelin.examples.pizzeria.orders.read.OrderDetailDto;
import dev.myelin.examples.pizzeria.orders.read.OrderStatusDto;
import dev.myelin.examples.pizzeria.orders.read.OrderSummaryDto;
import dev.myelin.examples.pizzeria.payments.PaymentMethod;
import dev.myelin.examples.pizzeria.shared.Page;
import dev.myelin.spring.boot.web.AcceptsIdempotencyKey;
import dev.myelin.spring.boot.web.ControllerBase;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orders API of the seed: each method maps the request to a command or query, sends it through
 * the mediator and lets {@link #process} answer. Knows only the mediator and the messages. A guest
 * proves an order is theirs with the token handed out when it was placed, in {@value #ORDER_TOKEN}.
 * Placing an order and paying for one accept an {@code Idempotency-Key} header: a retry with the same
 * key and body gets the first response, and the order is placed (the card charged) once.
 */
@RestController
@RequestMapping("/api/orders")
class OrdersController extends ControllerBase {

    /** The header of an order's token. */
    static final String ORDER_TOKEN = "X-Order-Token";

    OrdersController(Mediator mediator) {
        super(mediator);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AcceptsIdempotencyKey
    ResponseEntity<OrderPlacedDto> place(@RequestBody PlaceOrder command) {
        return process(mediator().send(command));
    }

    @GetMapping
    ResponseEntity<Page<OrderSummaryDto>> list(@RequestParam(name = "customer_id", required = false) String customerId,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "page_size", defaultValue = "20") int pageSize) {
        return process(mediator().send(new GetOrders(customerId, status, page, pageSize)));
    }

    @GetMapping("/history")
    ResponseEntity<OrderHistoryDto> history(@RequestParam(name = "customer_id", required = false) String customerId,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "page_size", defaultValue = "10") int pageSize) {
        return process(mediator().send(new GetOrderHistory(customerId, page, pageSize)));
    }

    @GetMapping("/{orderId}")
    ResponseEntity<OrderDetailDto> detail(@PathVariable String orderId,
            @RequestHeader(name = ORDER_TOKEN, required = false) String token) {
        return process(mediator().send(new GetOrderById(orderId, token)));
    }

    @GetMapping("/{orderId}/status")
    ResponseEntity<OrderStatusDto> status(@PathVariable String orderId) {
        return process(mediator().send(new GetOrderStatus(orderId)));
    }

    @PostMapping("/{orderId}/payment")
    @AcceptsIdempotencyKey
    ResponseEntity<OrderChangeDto> pay(@PathVariable String orderId, @RequestBody PaymentRequest body,
            @RequestHeader(name = ORDER_TOKEN, required = false) String token) {
        return process(mediator().send(new ProcessPayment(orderId, body.paymentMethod(), body.paymentToken(), token)));
    }

    @PutMapping("/{orderId}/confirm")
    ResponseEntity<OrderChangeDto> confirm(@PathVariable String orderId) {
        return process(mediator().send(new ConfirmOrder(orderId)));
    }

    @PutMapping("/{orderId}/cook")
    ResponseEntity<OrderChangeDto> cook(@PathVariable String orderId, @RequestBody StartCookingRequest body) {
        return process(mediator().send(new StartCooking(orderId, body.kitchenStaffId(), body.estimatedCookingTimeMinutes())));
    }

    @PostMapping("/{orderId}/cancel")
    ResponseEntity<OrderChangeDto> cancel(@PathVariable String orderId, @RequestBody(required = false) CancelRequest body,
            @RequestHeader(name = ORDER_TOKEN, required = false) String token) {
        return process(mediator().send(new CancelOrder(orderId, body == null ? null : body.reason(), token)));
    }

    @PostMapping("/{orderId}/viewed")
    ResponseEntity<OrderChangeDto> viewed(@PathVariable String orderId,
            @RequestHeader(name = ORDER_TOKEN, required = false) String token) {
        return process(mediator().send(new MarkOrderAsViewed(orderId, token)));
    }

    /**
     * The body of {@code PUT /api/orders/{id}/cook}.
     *
     * @param kitchenStaffId who cooks it
     * @param estimatedCookingTimeMinutes the cook's estimate
     */
    record StartCookingRequest(String kitchenStaffId, int estimatedCookingTimeMinutes) {
    }

    /**
     * The body of {@code POST /api/orders/{id}/payment}.
     *
     * @param paymentMethod how it is paid
     * @param paymentToken the card's token from the payment provider's form, or {@code null}
     */
    record PaymentRequest(PaymentMethod paymentMethod, String paymentToken) {
    }

    /**
     * The body of {@code POST /api/orders/{id}/cancel}, optional.
     *
     * @param reason why
     */
    record CancelRequest(String reason) {
    }
}
