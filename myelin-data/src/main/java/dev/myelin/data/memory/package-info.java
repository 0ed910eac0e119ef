/**
 * In-memory twins of the data module's stores, with the same semantics as the PostgreSQL ones
 * except where each class documents otherwise: for tests and for applications without a database.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.data.memory;

import dev.myelin.core.meta.NonNullApi;
