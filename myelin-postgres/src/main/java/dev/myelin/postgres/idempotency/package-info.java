/**
 * The idempotency store on PostgreSQL: {@link dev.myelin.postgres.idempotency.PostgresIdempotencyStore},
 * shared by every instance of an application.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.postgres.idempotency;

import dev.myelin.core.meta.NonNullApi;
