/**
 * Orders' domain events: what happened to an order, stored in the event store under their simple
 * class names and read by every feature's projections.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.orders.events;

import dev.myelin.core.meta.NonNullApi;
