package dev.myelin.behaviors.idempotency;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.Next;
import dev.myelin.core.PipelineBehavior;

/**
 * The inner half of {@link IdempotencyBehavior}: records a keyed command's successful result inside
 * the command's transaction, so that the record commits with the command's effects or not at all.
 * Get it from {@link IdempotencyBehavior#recorder()} and register it in the same mediator.
 *
 * <p><b>Order.</b> {@link BehaviorOrder#IDEMPOTENCY_RECORD}: inside the transaction behavior and
 * outside the handler. It records only the command whose key its behavior reserved on this thread:
 * a command sent from inside that command's handler (joining its transaction) records its own key,
 * if it has one, and never its parent's. Under the retry behavior each attempt records again in
 * its own transaction.
 *
 * <p>When the store reports that the reservation was taken over by another request (it expired
 * while the command ran), the command gets 409 (or an {@link IdempotencyConflictException}) and its
 * transaction rolls back.
 *
 * <p>Thread-safe; costs one thread-local read for a command without a key.
 *
 * @since 0.1
 */
public final class IdempotencyRecorder implements PipelineBehavior<Command<?>, Object> {

    private final IdempotencyBehavior behavior;

    IdempotencyRecorder(IdempotencyBehavior behavior) {
        this.behavior = behavior;
    }

    @Override
    public Object handle(Command<?> command, Next<Command<?>, Object> next) {
        IdempotencyBehavior.Reservation reserved = behavior.takeReservation();
        if (reserved == null) {
            return next.invoke(command);
        }
        Object result;
        try {
            result = next.invoke(command);
        } finally {
            behavior.restoreReservation(reserved);
        }
        return IdempotencyBehavior.isFailure(result) ? result : behavior.record(command, reserved, result);
    }

    @Override
    public int order() {
        return BehaviorOrder.IDEMPOTENCY_RECORD;
    }

    @Override
    public String toString() {
        return "IdempotencyRecorder";
    }
}
