package dev.myelin.bench;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.core.Command;

/**
 * A command only a chef may send, so that the authorization behavior is in its chain.
 *
 * @param orderId the order to cook
 */
@RequiresRole("chef")
record StartCooking(String orderId) implements Command<OrderReceipt> {
}
