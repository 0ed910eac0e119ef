/**
 * Transactions (units of work) around commands: the {@link dev.myelin.behaviors.transaction.TransactionBehavior},
 * which drives the {@link dev.myelin.data.transaction.TransactionRunner} port of {@code myelin-data}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.behaviors.transaction;

import dev.myelin.core.meta.NonNullApi;
