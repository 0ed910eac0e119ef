/**
 * Projections: inline (in the command's transaction) or asynchronous (a checkpointed daemon with
 * one owner across instances) turning the event log into read models.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.data.projection;

import dev.myelin.core.meta.NonNullApi;
