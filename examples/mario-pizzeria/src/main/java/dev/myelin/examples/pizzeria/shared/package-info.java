/**
 * What the features share: the pizzeria's clock, time zone and opening hours.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.shared;

import dev.myelin.core.meta.NonNullApi;
