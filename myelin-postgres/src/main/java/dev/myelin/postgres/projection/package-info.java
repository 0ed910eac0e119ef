/**
 * Asynchronous projections on PostgreSQL: checkpoints saved in the batch's transaction, fenced
 * leases that give each projection one owner across instances, and read-model tables rebuilt into a
 * fresh copy and renamed in without downtime.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.postgres.projection;

import dev.myelin.core.meta.NonNullApi;
