/**
 * Placing an order: the command, its rules and pricing, the opening hours and kitchen capacity
 * checks.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.orders.place;

import dev.myelin.core.meta.NonNullApi;
