package dev.myelin.examples.pizzeria.shared;

/**
 * The cache tags that commands and projections of one feature evict from the cached queries of
 * another ({@code @Cached(tags = ...)}, {@code @Evicts(tags = ...)}), named here so neither feature
 * depends on the other.
 *
 * @since 0.1
 */
public final class CacheTags {

    /** The kitchen queue ({@code GetKitchenQueue}): evicted by every command that moves an order in or out of the kitchen. */
    public static final String KITCHEN_QUEUE = "kitchen-queue";

    /** The popular pizzas ({@code GetPopularPizzas}): evicted once their projection applied an order or a cancellation. */
    public static final String POPULAR_PIZZAS = "popular-pizzas";

    private CacheTags() {
    }
}
