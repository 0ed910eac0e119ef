/**
 * The unit of work: the {@link dev.myelin.data.transaction.TransactionRunner} port that begins or
 * joins a transaction on the current thread, the {@link dev.myelin.data.transaction.UnitOfWork} that
 * code inside it sees (after-commit and after-rollback callbacks, rollback-only), the
 * {@link dev.myelin.data.transaction.CurrentConnection} port through which JDBC stores join it, and
 * two implementations for plain Java: one over a JDBC {@code DataSource}, one with no resource.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.data.transaction;

import dev.myelin.core.meta.NonNullApi;
