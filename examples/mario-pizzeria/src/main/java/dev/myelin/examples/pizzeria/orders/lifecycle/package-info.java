/**
 * Moving an order along outside the kitchen and delivery: confirming, cancelling, marking it
 * viewed.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.orders.lifecycle;

import dev.myelin.core.meta.NonNullApi;
