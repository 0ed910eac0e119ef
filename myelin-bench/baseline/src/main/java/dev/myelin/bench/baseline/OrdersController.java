package dev.myelin.bench.baseline;

import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/orders} and {@code GET /api/orders/{id}/status} with the pizzeria's status codes and JSON:
 * 201 with the placed order, 200 with the status (read from the order row on every request: the pizzeria
 * caches it, the baseline does not), 404 naming an unknown id, 400/503 problems for refused orders.
 */
@RestController
class OrdersController {

    /** Parameters: order id. */
    private static final String SQL_STATUS = """
            select order_id, status, customer_name, items_count, total_amount, payment_status, estimated_ready_time, updated_at
            from orders where order_id = :id
            """;

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private final OrderPlacement placement;
    private final JdbcClient jdbc;

    OrdersController(OrderPlacement placement, JdbcClient jdbc) {
        this.placement = placement;
        this.jdbc = jdbc;
    }

    @PostMapping("/api/orders")
    ResponseEntity<OrderPlaced> place(@Valid @RequestBody PlaceOrderRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(placement.place(request));
    }

    @GetMapping("/api/orders/{orderId}/status")
    ResponseEntity<?> status(@PathVariable String orderId) {
        return jdbc.sql(SQL_STATUS).param("id", orderId)
                .query((row, n) -> new OrderStatus(row.getString(1), row.getString(2), row.getString(3), row.getInt(4),
                        row.getBigDecimal(5), row.getString(6), row.getObject(7, OffsetDateTime.class).toInstant(),
                        row.getObject(8, OffsetDateTime.class).toInstant()))
                .optional()
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                        "Order '" + orderId + "' was not found")).build());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(OrderRefusedException refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.status(), refused.getMessage());
        if (!refused.errors().isEmpty()) {
            problem.setTitle("Validation failed");
            problem.setProperty("errors", refused.errors());
        }
        return ResponseEntity.of(problem).build();
    }

    /** Bean-constraint failures as the pizzeria writes them: {@code errors} by snake_case JSON path. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException invalid) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (FieldError error : invalid.getBindingResult().getFieldErrors()) {
            String field = CAMEL_HUMP.matcher(error.getField()).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
            errors.computeIfAbsent(field, key -> new ArrayList<>()).add(error.getDefaultMessage());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid");
        problem.setTitle("Validation failed");
        problem.setProperty("errors", errors);
        return ResponseEntity.of(problem).build();
    }

    /**
     * The pizzeria's {@code OrderPlacedDto}.
     *
     * @param orderId the new order's id
     * @param status {@code pending}
     * @param customerId the customer's id it is filed under
     * @param subtotal the pizzas
     * @param tax the tax
     * @param deliveryFee the delivery fee
     * @param totalAmount what the customer pays
     * @param paymentStatus {@code paid} or {@code due}
     * @param estimatedReadyTime when it should be ready
     * @param orderToken the order's token, handed out once
     * @param statusPage the order's status page, with the token
     */
    record OrderPlaced(String orderId, String status, String customerId, BigDecimal subtotal, BigDecimal tax,
            BigDecimal deliveryFee, BigDecimal totalAmount, String paymentStatus, Instant estimatedReadyTime, String orderToken,
            String statusPage) {
    }

    /**
     * The pizzeria's {@code OrderStatusDto}.
     *
     * @param orderId the order
     * @param status its status
     * @param customerName who ordered
     * @param itemsCount how many pizzas
     * @param totalAmount what it costs
     * @param paymentStatus {@code paid} or {@code due}
     * @param estimatedReadyTime when it should be ready
     * @param updatedAt when it last changed
     */
    record OrderStatus(String orderId, String status, String customerName, int itemsCount, BigDecimal totalAmount,
            String paymentStatus, Instant estimatedReadyTime, Instant updatedAt) {
    }
}
