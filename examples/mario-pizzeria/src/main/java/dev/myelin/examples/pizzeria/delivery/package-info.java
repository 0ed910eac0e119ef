/**
 * Delivery: assigning a ready order to a driver, taking it out and delivering it.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.delivery;

import dev.myelin.core.meta.NonNullApi;
