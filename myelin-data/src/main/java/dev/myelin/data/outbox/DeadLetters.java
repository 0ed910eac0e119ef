package dev.myelin.data.outbox;

import java.util.List;

/**
 * The events that handlers gave up on, to inspect, replay once fixed, or drop.
 *
 * @since 0.1
 */
public interface DeadLetters {

    /**
     * Lists dead letters, oldest first.
     *
     * @param afterId the id of the last dead letter already seen; 0 for the start
     * @param maxCount the most to return
     * @return the dead letters
     */
    List<DeadLetter> list(long afterId, int maxCount);

    /**
     * Delivers a dead letter's event to its handler again, now; removes the dead letter when the
     * handler succeeds.
     *
     * @param id the dead letter's id
     * @return whether the handler succeeded (a failure keeps the dead letter, with the new error)
     * @throws java.util.NoSuchElementException when no dead letter has that id
     */
    boolean replay(long id);

    /**
     * Removes a dead letter without delivering it.
     *
     * @param id the dead letter's id
     * @return whether there was one
     */
    boolean drop(long id);
}
