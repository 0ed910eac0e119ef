/**
 * Streaming queries: queries whose result is a {@link java.util.stream.Stream} or a
 * {@link java.util.concurrent.Flow.Publisher}, with their own behaviors.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.core.stream;

import dev.myelin.core.meta.NonNullApi;
