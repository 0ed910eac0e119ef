/**
 * Metrics and tracing of every request through Micrometer's Observation API: one observation
 * per request, usable with any meter registry and with the OpenTelemetry tracing bridge.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.behaviors.metrics;

import dev.myelin.core.meta.NonNullApi;
