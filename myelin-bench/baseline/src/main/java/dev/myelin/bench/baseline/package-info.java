/**
 * The plain-Spring baseline of Mario's Pizzeria: {@code POST /api/orders}, {@code GET /api/menu} and
 * {@code GET /api/orders/{id}/status} with the pizzeria's JSON, rules and security filter chains, written as
 * Spring MVC controllers over {@code JdbcClient} in one transaction per request, without Myelin (no mediator,
 * no behaviors, no event store, outbox or projections). {@code myelin-bench/run-http.sh} loads it next to the
 * pizzeria; the ratio of the two is what Myelin costs.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NullMarked
package dev.myelin.bench.baseline;

import org.jspecify.annotations.NullMarked;
