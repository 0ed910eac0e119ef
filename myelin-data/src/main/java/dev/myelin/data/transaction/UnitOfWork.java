package dev.myelin.data.transaction;

/**
 * The transaction active on the current thread, as seen by code running inside it: the place to
 * register work that must happen only once the transaction's changes are durable (evicting cached
 * queries, notifying another system), work that undoes an effect outside the database when the
 * transaction rolls back, and to mark the transaction rollback-only.
 *
 * <p><b>Guarantees.</b> After-commit callbacks run on the thread that committed, after the commit, in
 * registration order, and never when the transaction rolls back; after-rollback callbacks run after a
 * rollback, in registration order, and never after a commit. A callback that throws is logged and
 * skipped: it changes neither the outcome nor the other callbacks. A unit of work belongs to one
 * thread and is not thread-safe.
 *
 * @since 0.1
 */
public interface UnitOfWork {

    /**
     * Registers work to run after this transaction commits, and never if it rolls back.
     *
     * @param callback the work; keep it short, it delays the return of the outermost command
     */
    void afterCommit(Runnable callback);

    /**
     * Registers work to run after this transaction rolls back, and never if it commits.
     *
     * @param callback the work, such as voiding a payment authorized before the transaction
     */
    void afterRollback(Runnable callback);

    /**
     * Marks this transaction rollback-only: the outermost call rolls it back whatever its own result,
     * and throws {@link TransactionRolledBackException} if that result would have committed.
     *
     * @param reason why, for the exception's message
     */
    void setRollbackOnly(String reason);
}
