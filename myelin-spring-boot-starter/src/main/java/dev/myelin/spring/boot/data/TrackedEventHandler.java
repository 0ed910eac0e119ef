package dev.myelin.spring.boot.data;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a domain-event {@link dev.myelin.core.EventHandler} bean as tracked: the auto-configured
 * {@link dev.myelin.data.projection.ProjectionDaemon} runs it like an asynchronous projection, behind a
 * checkpoint of its own, instead of the outbox delivering it. Event handler beans without it go through
 * the outbox.
 *
 * <pre>{@code
 * @Component
 * @TrackedEventHandler
 * class KitchenNotifier implements EventHandler<OrderPlaced> { ... }
 * }</pre>
 *
 * <p>What changes for the handler:
 * <ul>
 *   <li><b>Exactly once for its database writes</b>: they commit in the daemon's round transaction with the
 *       checkpoint, with no delivery or inbox rows written, claimed and removed per event (the outbox's
 *       cost). Work outside the database belongs in an after-commit callback and must be idempotent: a
 *       failing round is retried.</li>
 *   <li><b>Log order, in batches</b>: every event of its type in the event log, published ones included,
 *       in order, many per transaction, under the event's {@code RequestContext}.</li>
 *   <li><b>Failures hold it back</b>: a failing event is retried every round, without backoff, and the
 *       handler's later events wait (other projections and handlers go on); there are no dead letters.
 *       For a handler calling a remote service that may be down, keep the outbox.</li>
 *   <li><b>Its name is its checkpoint</b>: its class's {@link dev.myelin.data.outbox.HandlerName}, else its
 *       class name (a lambda bean: its bean name), as for the outbox. A new name starts from the log's
 *       beginning; a handler moved from the outbox should be idempotent for the events the outbox
 *       delivered already (a unique key on the event id), and the outbox's pending deliveries under its
 *       name are left waiting for a handler of that name.</li>
 * </ul>
 * Its lag shows with the projections' in health and metrics.
 *
 * <p>Put it on the handler's class or on its {@code @Bean} method.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TrackedEventHandler {
}
