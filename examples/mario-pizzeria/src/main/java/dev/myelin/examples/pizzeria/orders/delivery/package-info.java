/**
 * The delivery commands on an order: assign a driver, take it out, deliver it.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.orders.delivery;

import dev.myelin.core.meta.NonNullApi;
