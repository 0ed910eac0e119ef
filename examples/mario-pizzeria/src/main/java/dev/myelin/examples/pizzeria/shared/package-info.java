/**
 * What the features share: the pizzeria's clock, time zone and opening hours, money, pages, the
 * caller of a message and the customer-scoped queries.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.shared;

import dev.myelin.core.meta.NonNullApi;
