package dev.myelin.bench;

import dev.myelin.core.Command;

/**
 * The command of the send benchmarks; its result is a plain {@link OrderReceipt}, so nothing but
 * the dispatch is measured.
 *
 * @param quantity how many pizzas
 */
record PlaceOrder(int quantity) implements Command<OrderReceipt> {
}
