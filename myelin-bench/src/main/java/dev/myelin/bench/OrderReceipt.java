package dev.myelin.bench;

/**
 * The result every benchmarked handler returns. Handlers return one shared instance so that the
 * handler allocates nothing and any allocation measured belongs to the dispatch.
 *
 * @param orderId the id of the order
 */
record OrderReceipt(String orderId) {

    /** The instance the handlers return. */
    static final OrderReceipt SHARED = new OrderReceipt("order-1");
}
