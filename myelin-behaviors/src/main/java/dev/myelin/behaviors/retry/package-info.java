/**
 * Retry of requests that failed with a transient exception, such as a lost optimistic-concurrency
 * race, opted into per request type with {@link dev.myelin.behaviors.retry.Retry}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.behaviors.retry;

import dev.myelin.core.meta.NonNullApi;
