/**
 * Caching of query results with Caffeine, opted into per query type with
 * {@link dev.myelin.behaviors.caching.Cached}, and eviction of stale entries after the commands
 * that change them commit, declared with {@link dev.myelin.behaviors.caching.Evicts}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.behaviors.caching;

import dev.myelin.core.meta.NonNullApi;
