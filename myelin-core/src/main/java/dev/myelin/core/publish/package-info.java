/**
 * How events fan out to their handlers: the {@link dev.myelin.core.publish.PublishStrategy}
 * SPI and its built-in strategies.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.core.publish;

import dev.myelin.core.meta.NonNullApi;
