/**
 * The write side: aggregates that record domain events, and repositories that save state and
 * events in one transaction. Start with {@link dev.myelin.data.AggregateRoot}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.data;

import dev.myelin.core.meta.NonNullApi;
