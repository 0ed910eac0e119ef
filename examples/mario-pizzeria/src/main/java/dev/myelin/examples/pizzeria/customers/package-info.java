/**
 * Customers: the customer history read model (orders, lifetime value, favourite pizzas) and its
 * query.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.customers;

import dev.myelin.core.meta.NonNullApi;
