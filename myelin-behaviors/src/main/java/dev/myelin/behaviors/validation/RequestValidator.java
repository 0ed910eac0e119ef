package dev.myelin.behaviors.validation;

import java.util.Objects;

/**
 * Checks a rule of a request type that annotations cannot express, usually because it needs a
 * service: "every pizza exists", "the customer is not blocked". Run by {@link ValidationBehavior}
 * for every request of type {@code Q} (or a subtype), together with the bean constraints, so the
 * caller gets every violation at once.
 *
 * <pre>{@code
 * final class PizzasExist implements RequestValidator<PlaceOrder> {
 *     private final Menu menu;
 *     PizzasExist(Menu menu) { this.menu = menu; }
 *
 *     public void validate(PlaceOrder order, Violations violations) {
 *         List<PizzaItem> items = order.pizzaItems();
 *         for (int i = 0; items != null && i < items.size(); i++) {
 *             if (!menu.isAvailable(items.get(i).pizzaId())) {
 *                 violations.add("pizzaItems[" + i + "].pizzaId", "is not on the menu");
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Paths are written with the Java component names ({@code pizzaItems[0].pizzaId}) and
 * translated by the configured {@link PropertyNaming}, exactly like the paths of bean
 * constraints. Because bean constraints and validators run together, a validator must tolerate
 * values that the constraints reject (null lists, blank ids). The type {@code Q} is read from the
 * implementing class; for a lambda use {@link #forType}. Implementations are shared by all threads
 * and must be thread-safe.
 *
 * @param <Q> the request type checked
 * @since 0.1
 */
@FunctionalInterface
public interface RequestValidator<Q> {

    /**
     * Checks the request and reports each broken rule to {@code violations}. Throw only for a
     * failure of the check itself (a service is down), never for an invalid request.
     *
     * @param request the request
     * @param violations where to report what is wrong
     */
    void validate(Q request, Violations violations);

    /**
     * Gives a lambda an explicit request type, which cannot be read from a lambda's class.
     *
     * @param requestType the request types checked (and their subtypes)
     * @param validator the check
     * @param <Q> the request type
     * @return a validator for {@code requestType}
     */
    static <Q> RequestValidator<Q> forType(Class<Q> requestType, RequestValidator<? super Q> validator) {
        return new TypedRequestValidator<>(Objects.requireNonNull(requestType, "requestType"),
                Objects.requireNonNull(validator, "validator"));
    }
}
