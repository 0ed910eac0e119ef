package dev.myelin.behaviors.caching;

import java.util.Objects;
import java.util.Set;

/**
 * What one eviction removes: every cached entry whose query type is one of (or a subtype of one
 * of) {@code queryTypes}, or carries one of {@code tags}. Sent to the
 * {@link CacheInvalidationChannel} after each local eviction and received from it for evictions
 * made by other instances.
 *
 * <p>Immutable. A transport between instances sends the class names and tags, and resolves the
 * names with the receiving application's class loader.
 *
 * @param queryTypes the query types to evict
 * @param tags the tags to evict
 * @since 0.1
 */
public record CacheInvalidation(Set<Class<?>> queryTypes, Set<String> tags) {

    /** Validates and copies the components. */
    public CacheInvalidation {
        queryTypes = Set.copyOf(Objects.requireNonNull(queryTypes, "queryTypes"));
        tags = Set.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /**
     * Returns whether entries of a query type with the given tags are evicted.
     *
     * @param queryType the type of a cached query
     * @param queryTags that type's tags
     * @return whether its entries are removed
     */
    public boolean covers(Class<?> queryType, Set<String> queryTags) {
        for (Class<?> type : queryTypes) {
            if (type.isAssignableFrom(queryType)) {
                return true;
            }
        }
        if (tags.isEmpty() || queryTags.isEmpty()) {
            return false;
        }
        for (String tag : queryTags) {
            if (tags.contains(tag)) {
                return true;
            }
        }
        return false;
    }
}
