package dev.myelin.behaviors.transaction;

/**
 * The transaction active on the current thread, as seen by code running inside it: the place to
 * register work that must happen only once the transaction's changes are durable, such as evicting
 * cached queries or notifying another system.
 *
 * <p><b>Guarantees.</b> Callbacks run on the thread that committed, after the commit and after the
 * transaction has been unbound from that thread (so a callback that sends a command starts a new
 * transaction), in registration order. They never run when the transaction rolls back. A callback
 * that throws is logged and skipped: it changes neither the committed result nor the other
 * callbacks. A unit of work belongs to one thread and is not thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface UnitOfWork {

    /**
     * Registers work to run after this transaction commits, and never if it rolls back.
     *
     * @param callback the work; keep it short, it delays the return of the outermost command
     */
    void afterCommit(Runnable callback);
}
