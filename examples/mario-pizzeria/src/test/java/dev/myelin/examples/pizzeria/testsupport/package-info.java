/**
 * What the pizzeria's HTTP tests share: a test database, a real-HTTP client and a base class.
 */
package dev.myelin.examples.pizzeria.testsupport;
