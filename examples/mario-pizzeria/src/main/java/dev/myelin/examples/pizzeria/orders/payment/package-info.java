/**
 * Paying for an order: the payment command, card authorization before the transaction, capture and
 * refund after commit, and the sweeper for authorizations whose order never committed.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.orders.payment;

import dev.myelin.core.meta.NonNullApi;
