/**
 * Customer analytics (the seed's {@code analytics_service}): new and returning customers and the value
 * of their orders, for the manager.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.analytics.customers;

import dev.myelin.core.meta.NonNullApi;
