package dev.myelin.spring.boot.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method whose command may be sent with an {@code Idempotency-Key} header (IETF
 * draft "The Idempotency-Key HTTP Header Field"): a retry with the same key and the same request
 * gets the first response again instead of running the command twice.
 *
 * <pre>{@code
 * @PostMapping
 * @AcceptsIdempotencyKey
 * ResponseEntity<OrderPlacedDto> place(@RequestBody PlaceOrder command) {
 *     return process(mediator().send(command));
 * }
 * }</pre>
 *
 * <p>What the starter does for such a method ({@link IdempotencyKeyInterceptor}):
 * <ul>
 *   <li>The key is a structured-field string ({@code "8e03978e-..."}) or a bare token, 1 to
 *       {@value IdempotencyKeyInterceptor#MAX_KEY_LENGTH} visible ASCII characters; anything else
 *       is a 400 problem naming the header. A missing key is a 400 only when {@link #required()}.
 *   <li>The key and a fingerprint of the request (SHA-256 of method, path, query and body) go into
 *       the request context, where the idempotency behavior finds them. Keys are scoped to the
 *       command type, the tenant and the authenticated principal.
 *   <li>Same key, same request: the first response's status and body, and the header
 *       {@code Idempotent-Replayed: true}; the command does not run. Same key, another request:
 *       422. Same key while the first is still running: the retry waits for it up to the in-flight
 *       wait, then gets its response, or 409.
 * </ul>
 * The result is recorded in the command's own transaction, so a crash between the commit and the
 * response cannot make a retry run the command again. The header on a method without this
 * annotation is ignored.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AcceptsIdempotencyKey {

    /**
     * Returns whether a request without the header is refused with 400.
     *
     * @return {@code false} by default: the key is optional
     */
    boolean required() default false;
}
