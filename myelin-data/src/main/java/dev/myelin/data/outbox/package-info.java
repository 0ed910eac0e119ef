/**
 * Durable delivery of committed events to their handlers: the outbox, per-handler retries, the
 * inbox that makes handlers idempotent, and dead letters.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.data.outbox;

import dev.myelin.core.meta.NonNullApi;
