package dev.myelin.spring.boot.web;

import dev.myelin.behaviors.idempotency.IdempotencyBehavior;
import dev.myelin.behaviors.idempotency.IdempotencyKey;
import java.util.function.Consumer;

/**
 * The replay listener of {@link IdempotencyBehavior} in a servlet application: marks the response
 * of the request being handled on the calling thread with {@code Idempotent-Replayed: true} (the
 * header Stripe sends), so a client can tell a replayed response from a first one. Does nothing
 * outside a servlet request. Thread-safe.
 *
 * @since 0.1
 */
public final class IdempotencyReplayHeader implements Consumer<IdempotencyKey> {

    IdempotencyReplayHeader() {
    }

    @Override
    public void accept(IdempotencyKey key) {
        IdempotencyKeyInterceptor.markReplayed();
    }
}
