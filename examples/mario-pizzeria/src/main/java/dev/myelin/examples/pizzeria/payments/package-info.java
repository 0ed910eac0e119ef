/**
 * Payments: the PaymentGateway port (authorize, capture, void, refund, each idempotent per key), the
 * payment methods, and the fake adapter, which records every call and declines the documented test
 * card token.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.payments;

import dev.myelin.core.meta.NonNullApi;
