/**
 * Reading orders: the queries, their DTOs and the order summary and order detail read models.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.core.meta.NonNullApi;
