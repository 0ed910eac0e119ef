package dev.myelin.bench;

import dev.myelin.behaviors.retry.Retry;
import dev.myelin.core.Command;

/**
 * A command retried on a concurrency conflict, so that the retry behavior is in its chain. Its
 * benchmark handler never fails: the first attempt succeeds.
 *
 * @param sku the item
 * @param quantity how many
 */
@Retry(maxAttempts = 3)
record ReserveStock(String sku, int quantity) implements Command<OrderReceipt> {
}
