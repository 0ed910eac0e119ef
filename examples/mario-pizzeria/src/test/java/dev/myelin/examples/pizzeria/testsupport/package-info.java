/**
 * What the security, bad-input and web HTTP tests share: a real-HTTP client and a base class.
 */
package dev.myelin.examples.pizzeria.testsupport;
