/**
 * Analytics: the popular pizzas read model and its query.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.analytics;

import dev.myelin.core.meta.NonNullApi;
