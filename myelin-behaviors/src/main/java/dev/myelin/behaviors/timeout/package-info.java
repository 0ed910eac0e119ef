/**
 * Deadlines per request type, declared with {@link dev.myelin.behaviors.timeout.Timeout} or
 * configured: a request that runs past its deadline is interrupted and answered with 503.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.behaviors.timeout;

import dev.myelin.core.meta.NonNullApi;
