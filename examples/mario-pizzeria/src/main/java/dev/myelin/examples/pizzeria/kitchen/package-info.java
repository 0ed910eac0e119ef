/**
 * The kitchen: starting to cook, marking pizzas and orders ready, and the FIFO kitchen queue read
 * model.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.kitchen;

import dev.myelin.core.meta.NonNullApi;
