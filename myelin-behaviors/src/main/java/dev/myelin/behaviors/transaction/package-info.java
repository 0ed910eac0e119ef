/**
 * Transactions (units of work) around commands: the {@link dev.myelin.behaviors.transaction.TransactionBehavior},
 * the {@link dev.myelin.behaviors.transaction.TransactionRunner} SPI it drives, and two runners, one
 * for plain JDBC and one with no resource at all.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.behaviors.transaction;

import dev.myelin.core.meta.NonNullApi;
