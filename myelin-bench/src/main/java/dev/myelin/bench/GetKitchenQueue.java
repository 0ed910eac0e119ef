package dev.myelin.bench;

import dev.myelin.behaviors.timeout.Timeout;
import dev.myelin.core.Query;

/**
 * A query with a deadline, so that the timeout behavior is in its chain (and its handler runs on a
 * worker thread).
 *
 * @param kitchenId the kitchen
 */
@Timeout("PT2S")
record GetKitchenQueue(String kitchenId) implements Query<OrderReceipt> {
}
