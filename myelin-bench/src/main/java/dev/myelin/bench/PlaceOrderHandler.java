package dev.myelin.bench;

import dev.myelin.core.CommandHandler;

/** Handles {@link PlaceOrder} by returning the shared receipt: the cheapest possible handler. */
final class PlaceOrderHandler implements CommandHandler<PlaceOrder, OrderReceipt> {

    @Override
    public OrderReceipt handle(PlaceOrder command) {
        return OrderReceipt.SHARED;
    }
}
