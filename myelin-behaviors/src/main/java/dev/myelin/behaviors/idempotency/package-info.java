/**
 * Idempotent commands: a command carrying an idempotency key runs once, and a repeat gets the
 * first result; the {@link dev.myelin.behaviors.idempotency.IdempotencyStore} SPI holds the keys.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.behaviors.idempotency;

import dev.myelin.core.meta.NonNullApi;
