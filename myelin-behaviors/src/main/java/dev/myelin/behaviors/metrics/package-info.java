/**
 * Metrics and tracing of every request through Micrometer: {@link dev.myelin.behaviors.metrics.ObservationBehavior}
 * makes one observation per request (any meter registry, and the OpenTelemetry tracing bridge);
 * {@link dev.myelin.behaviors.metrics.TimerBehavior} records the same timer without the observation,
 * allocating nothing per request.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.behaviors.metrics;

import dev.myelin.core.meta.NonNullApi;
