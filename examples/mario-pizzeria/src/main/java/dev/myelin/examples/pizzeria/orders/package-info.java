/**
 * Orders: placing, paying, confirming, cancelling and following an order, with the order summary
 * and order detail read models.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.meta.NonNullApi;
