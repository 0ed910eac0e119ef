/**
 * Service-provider interfaces for integrations: the compile-time handler index and the factory
 * that instantiates what it lists.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.core.spi;

import dev.myelin.core.meta.NonNullApi;
