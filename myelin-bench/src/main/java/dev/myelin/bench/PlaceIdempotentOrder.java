package dev.myelin.bench;

import dev.myelin.behaviors.idempotency.IdempotentCommand;
import dev.myelin.core.Command;

/**
 * A command carrying its own idempotency key. The benchmark sends the same one again and again, so
 * every send after the first is a repeat answered from the idempotency store.
 *
 * @param idempotencyKey the client's key
 * @param quantity how many pizzas
 */
record PlaceIdempotentOrder(String idempotencyKey, int quantity) implements Command<OrderReceipt>, IdempotentCommand {
}
