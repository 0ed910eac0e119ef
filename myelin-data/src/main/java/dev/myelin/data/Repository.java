package dev.myelin.data;

import java.util.Optional;

/**
 * Loads and saves aggregates of one type. Saving writes the state, the recorded events (event log)
 * and the outbox rows in the caller's transaction — the one the transaction behavior opened — so
 * they commit together or not at all. Application repositories extend this interface with their
 * own finder methods.
 *
 * <p><b>Concurrency.</b> {@link #update} and {@link #remove} succeed only when the stored version
 * equals the aggregate's {@link AggregateRoot#version()}; otherwise they throw
 * {@link AggregateConflictException} and nothing is written.
 *
 * @param <T> the aggregate type
 * @param <ID> the identifier type
 * @since 0.1
 */
public interface Repository<T extends AggregateRoot<ID>, ID> {

    /**
     * Loads an aggregate.
     *
     * @param id the identifier
     * @return the aggregate, or empty when none has that id
     */
    Optional<T> get(ID id);

    /**
     * Saves a new aggregate and its pending events.
     *
     * @param aggregate the aggregate, at version 0
     * @throws AggregateConflictException when one with the same id exists
     */
    void add(T aggregate);

    /**
     * Saves a changed aggregate and its pending events.
     *
     * @param aggregate the aggregate, as loaded and changed
     * @throws AggregateConflictException when it was changed or removed since it was loaded
     */
    void update(T aggregate);

    /**
     * Removes an aggregate, saving its pending events first.
     *
     * @param aggregate the aggregate, as loaded
     * @throws AggregateConflictException when it was changed or removed since it was loaded
     */
    void remove(T aggregate);
}
