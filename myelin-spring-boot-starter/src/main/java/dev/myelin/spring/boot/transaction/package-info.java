/**
 * The bridge from Myelin's {@link dev.myelin.data.transaction.TransactionRunner} to Spring's
 * transaction management.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.spring.boot.transaction;

import dev.myelin.core.meta.NonNullApi;
