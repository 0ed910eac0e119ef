/**
 * State-stored aggregates on PostgreSQL: the state as a jsonb document with a version column,
 * saved with the recorded events and their outbox rows in one transaction.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.postgres.document;

import dev.myelin.core.meta.NonNullApi;
