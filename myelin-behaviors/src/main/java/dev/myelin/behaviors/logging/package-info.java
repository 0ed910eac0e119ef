/**
 * Logging: {@link dev.myelin.behaviors.logging.LoggingBehavior} writes one structured SLF4J line
 * per request (type, outcome, duration, correlation id) and logs a failure once, with its stack
 * trace.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.behaviors.logging;

import dev.myelin.core.meta.NonNullApi;
