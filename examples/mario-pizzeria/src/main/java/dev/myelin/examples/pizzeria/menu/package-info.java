/**
 * The menu: pizzas with categories, sizes, priced toppings, seasonal and unavailable pizzas;
 * staff change it through commands that raise menu events and evict the cached menu.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.menu;

import dev.myelin.core.meta.NonNullApi;
