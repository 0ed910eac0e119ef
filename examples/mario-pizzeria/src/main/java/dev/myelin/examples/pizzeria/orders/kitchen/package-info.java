/**
 * The kitchen's commands on an order: start cooking, mark a pizza ready, mark the order ready.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.orders.kitchen;

import dev.myelin.core.meta.NonNullApi;
