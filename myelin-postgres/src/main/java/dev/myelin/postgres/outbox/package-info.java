/**
 * The outbox, inbox and dead letters on PostgreSQL: the durable stores behind
 * {@link dev.myelin.data.outbox.OutboxDispatcher}. Start with
 * {@link dev.myelin.postgres.outbox.PostgresOutboxStore}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.postgres.outbox;

import dev.myelin.core.meta.NonNullApi;
