/**
 * Test support for applications built on Myelin: a JUnit 5 extension that gives each test class its
 * own PostgreSQL database with the framework schema, on one embedded server per test JVM. Start with
 * {@link dev.myelin.test.MyelinPostgresTest}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.test;

import dev.myelin.core.meta.NonNullApi;
