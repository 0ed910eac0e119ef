package dev.myelin.behaviors.authorization;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request type that only callers holding at least one of the listed roles may send. It
 * implies {@link RequiresAuthentication}: an anonymous caller gets 401, an authenticated caller
 * with none of the roles gets 403.
 *
 * <pre>{@code
 * @RequiresRole({"chef", "manager"})
 * record StartCooking(String orderId, String kitchenStaffId) implements Command<OperationResult<OrderDto>> {}
 * }</pre>
 *
 * <p>Read once per request type when the mediator is built, from the request type itself or, when
 * it has none, from the first of its interfaces (depth first, in declaration order) that has one,
 * so a marker interface such as {@code KitchenCommand} can carry it for a whole family.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RequiresRole {

    /**
     * Returns the roles, any one of which suffices.
     *
     * @return the roles; at least one
     */
    String[] value();
}
