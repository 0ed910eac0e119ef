/**
 * JMH benchmarks of Myelin's hot path ({@code send}, {@code publish}) against a direct handler call
 * and against peers (PipelinR, Spring application events, Axon's simple buses), and of each
 * built-in behavior of {@code myelin-behaviors} when it applies and when it does not. Run them with
 * {@code myelin-bench/run.sh}; the results are in {@code docs/benchmarks.md}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.bench;

import dev.myelin.core.meta.NonNullApi;
