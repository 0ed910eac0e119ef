package dev.myelin.behaviors.authorization;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request type that only an authenticated caller (any {@link dev.myelin.core.Principal} in
 * the {@link dev.myelin.core.RequestContext}) may send; an anonymous caller gets 401. Use
 * {@link RequiresRole} to require roles as well.
 *
 * <pre>{@code
 * @RequiresAuthentication
 * record GetOrderHistory(String customerId, int page, int pageSize) implements Query<OperationResult<HistoryDto>> {}
 * }</pre>
 *
 * <p>Found like {@link RequiresRole}: on the request type or, failing that, on one of its
 * interfaces.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RequiresAuthentication {
}
