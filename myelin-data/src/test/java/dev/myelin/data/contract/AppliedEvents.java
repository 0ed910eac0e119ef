package dev.myelin.data.contract;

import dev.myelin.data.events.StoredEvent;
import java.util.List;

/**
 * A read model for the projection contract: which events each projection applied, written in the
 * caller's transaction so that it rolls back with it.
 */
public interface AppliedEvents {

    /**
     * Records that a projection applied an event, in the current transaction.
     *
     * @param projection the projection's name
     * @param event the event
     */
    void record(String projection, StoredEvent event);

    /**
     * Returns the ids of the events a projection applied, in the order applied, duplicates kept.
     *
     * @param projection the projection's name
     * @return the event ids
     */
    List<String> eventIds(String projection);
}
