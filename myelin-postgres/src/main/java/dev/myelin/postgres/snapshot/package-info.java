/**
 * Snapshots of event-sourced aggregates on PostgreSQL, as jsonb written by Jackson 3.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.postgres.snapshot;

import dev.myelin.core.meta.NonNullApi;
