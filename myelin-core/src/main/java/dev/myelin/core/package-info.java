/**
 * The contracts of Myelin: requests ({@link dev.myelin.core.Command}, {@link dev.myelin.core.Query}),
 * events, their handlers, pipeline behaviors, {@link dev.myelin.core.OperationResult} and the
 * {@link dev.myelin.core.Mediator} that routes them. Start with {@link dev.myelin.core.Mediator}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.core;

import dev.myelin.core.meta.NonNullApi;
