/**
 * PostgreSQL implementations of Myelin's data SPIs: the event store, its JSON serialization and the
 * framework schema's Flyway migrations. Start with {@link dev.myelin.postgres.PostgresEventStore}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.postgres;

import dev.myelin.core.meta.NonNullApi;
