/**
 * Snapshots of event-sourced aggregates, so that loading replays only the events after the last
 * snapshot.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.data.snapshot;

import dev.myelin.core.meta.NonNullApi;
