/**
 * What the HTTP tests share: the base class with its one Spring context, a real-HTTP client, the test
 * clock and the embedded PostgreSQL with a fresh database per context.
 */
package dev.myelin.examples.pizzeria.testsupport;
