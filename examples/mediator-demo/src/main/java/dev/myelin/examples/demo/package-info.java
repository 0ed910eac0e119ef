/**
 * A console demo of Myelin's mediator: a command, a query, an event handler and a behavior,
 * discovered at compile time.
 */
package dev.myelin.examples.demo;
