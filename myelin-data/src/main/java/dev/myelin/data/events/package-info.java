/**
 * The event log: streams, expected-version appends, global reads that never skip, and
 * subscriptions.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.data.events;

import dev.myelin.core.meta.NonNullApi;
