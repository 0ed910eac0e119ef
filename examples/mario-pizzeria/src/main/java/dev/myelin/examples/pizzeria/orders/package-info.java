/**
 * Orders: the {@code Order} aggregate, its state, status and repository, what the use cases share
 * (order changes, locks, owners, tokens) and the orders controller. Each use case has a sub-package:
 * {@code events}, {@code place}, {@code lifecycle}, {@code payment}, {@code read}, {@code kitchen} and
 * {@code delivery}.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.meta.NonNullApi;
