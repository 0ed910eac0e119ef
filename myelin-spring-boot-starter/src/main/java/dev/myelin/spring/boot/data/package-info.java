/**
 * Auto-configuration of Myelin's data layer on PostgreSQL: the embedded server by default, the
 * framework schema, the JDBC transaction runner, the event store with inline projections, documents,
 * the outbox and its dispatcher, the projection daemon, idempotency and snapshots.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.spring.boot.data;

import dev.myelin.core.meta.NonNullApi;
