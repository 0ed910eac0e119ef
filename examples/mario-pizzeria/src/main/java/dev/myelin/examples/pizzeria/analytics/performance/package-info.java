/**
 * Kitchen performance (the seed's {@code performance_service}): actual cooking times per pizza, on time
 * or late, per chef and per day, for the manager.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.analytics.performance;

import dev.myelin.core.meta.NonNullApi;
