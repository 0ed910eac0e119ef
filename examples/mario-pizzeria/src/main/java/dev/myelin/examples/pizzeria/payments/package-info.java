/**
 * Payments: the PaymentGateway port and its fake adapter, which declines the documented test
 * method.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.payments;

import dev.myelin.core.meta.NonNullApi;
