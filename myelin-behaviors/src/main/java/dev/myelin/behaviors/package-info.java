/**
 * Myelin's built-in pipeline behaviors, one sub-package each: authorization, validation,
 * logging, metrics, idempotency, timeout, retry, transaction and caching. Each is an ordinary
 * {@link dev.myelin.core.PipelineBehavior}, opt-in per request type, and not in a chain it does
 * not apply to.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.behaviors;

import dev.myelin.core.meta.NonNullApi;
