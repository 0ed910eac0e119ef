package dev.myelin.spring.boot.web;

import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import java.util.Objects;
import org.springframework.http.ResponseEntity;

/**
 * A base for REST controllers that know only the mediator: each method maps the HTTP request to a
 * command or query, sends it, and lets {@link #process} turn the result into the response.
 *
 * <pre>{@code
 * @RestController
 * @RequestMapping("/api/orders")
 * class OrdersController extends ControllerBase {
 *
 *     OrdersController(Mediator mediator) {
 *         super(mediator);
 *     }
 *
 *     @PostMapping
 *     @ResponseStatus(HttpStatus.CREATED) // documents the success status for OpenAPI; the result's status wins
 *     ResponseEntity<OrderPlacedDto> place(@RequestBody PlaceOrderRequest body) {
 *         return process(mediator().send(body.toCommand()));
 *     }
 *
 *     @GetMapping("/{id}/status")
 *     ResponseEntity<OrderStatusDto> status(@PathVariable String id) {
 *         return process(mediator().send(new GetOrderStatus(id)));
 *     }
 * }
 * }</pre>
 *
 * <p>Success: the result's status (200, 201, 202...) with its data as the body, or 204 with none.
 * Failure: {@code application/problem+json} as {@link ResultMapper} writes it. The response is
 * typed by the result's data ({@code OperationResult<OrderStatusDto>} gives
 * {@code ResponseEntity<OrderStatusDto>}), so OpenAPI tools such as springdoc show the DTO's schema
 * as the success body; a failure's body is a {@code ProblemDetail} behind the same type, which is
 * safe because Spring writes the runtime body (see {@link ResultMapper#toResponse}). Declaring
 * {@code ResponseEntity<Object>} still compiles. A controller that
 * extends nothing can inject a {@link ResultMapper} bean instead. Thread-safe.
 *
 * @since 0.1
 */
public abstract class ControllerBase {

    private final Mediator mediator;
    private final ResultMapper resultMapper;

    /**
     * Creates the controller with the default {@link ResultMapper}.
     *
     * @param mediator the mediator
     */
    protected ControllerBase(Mediator mediator) {
        this(mediator, ResultMapper.ofDefaults());
    }

    /**
     * Creates the controller.
     *
     * @param mediator the mediator
     * @param resultMapper how results become responses
     */
    protected ControllerBase(Mediator mediator, ResultMapper resultMapper) {
        this.mediator = Objects.requireNonNull(mediator, "mediator");
        this.resultMapper = Objects.requireNonNull(resultMapper, "resultMapper");
    }

    /**
     * Returns the mediator to send commands and queries through.
     *
     * @return the mediator
     */
    protected final Mediator mediator() {
        return mediator;
    }

    /**
     * Turns a result into the response, typed by the result's data.
     *
     * @param result the result of a command or query
     * @param <T> the type of the success body: the result's data type, or a supertype such as {@code Object}
     * @return its data with its status on success, a problem on failure (see {@link ResultMapper#toResponse})
     */
    protected final <T> ResponseEntity<T> process(OperationResult<? extends T> result) {
        return resultMapper.toResponse(result);
    }
}
