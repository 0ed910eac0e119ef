/**
 * The inventory: ingredient stock per pizza base and topping, reserved when an order is placed,
 * released when it is cancelled, consumed when cooking starts, restocked by managers; the levels read
 * model and what the menu shows out of stock.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.inventory;

import dev.myelin.core.meta.NonNullApi;
