package dev.myelin.data.transaction;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs work in a transaction bound to the current thread; the SPI that
 * {@code TransactionBehavior} of {@code myelin-behaviors} drives. Implementations: {@link JdbcTransactionRunner} (one JDBC
 * connection per transaction), {@link InMemoryTransactionRunner} (no resource, the same nesting
 * and callback semantics), or an adapter to another transaction manager.
 *
 * <p><b>Nesting.</b> Work started while a transaction is active on the thread joins it: only the
 * outermost call commits or rolls back. A joined call that throws, or whose result fails
 * {@code commitWhen}, marks the transaction rollback-only; the outermost call then rolls back and,
 * if its own result would have committed, throws {@link TransactionRolledBackException}.
 *
 * <p><b>Threading.</b> Implementations are thread-safe; each transaction is confined to the thread
 * that began it. Work handed to another thread (for example with {@code sendAsync}) does not join.
 *
 * <p>Two methods are abstract because a runner is both the boundary and the registry of the
 * transaction it opened: an adapter to another transaction manager must answer both from the same
 * source, or callbacks would run before the real commit.
 *
 * @since 0.1
 */
public interface TransactionRunner {

    /**
     * Runs {@code work} in a transaction: a new one, committed when {@code commitWhen} accepts the
     * result and rolled back otherwise, or the active one, joined.
     *
     * @param work the work; its exceptions roll back and are rethrown unchanged
     * @param commitWhen whether a result may commit, for example {@code OperationResult::isSuccess}
     * @param <T> the result type
     * @return the work's result, also when it was rolled back because {@code commitWhen} rejected it
     * @throws TransactionRolledBackException when the result was accepted but a joined call marked
     *     the transaction rollback-only
     * @throws TransactionException when the transaction cannot begin or commit
     */
    <T> T inTransaction(Supplier<T> work, Predicate<? super T> commitWhen);

    /**
     * Returns the transaction active on the current thread.
     *
     * @return the active unit of work, or empty outside a transaction
     */
    Optional<UnitOfWork> current();

    /**
     * Returns whether a transaction is active on the current thread.
     *
     * @return whether {@link #current()} is present
     */
    default boolean isActive() {
        return current().isPresent();
    }

    /**
     * Runs {@code callback} after the current transaction commits (never if it rolls back), or at
     * once when no transaction is active. A callback that throws is logged, not rethrown.
     *
     * @param callback the work
     */
    default void afterCommit(Runnable callback) {
        Optional<UnitOfWork> unitOfWork = current();
        if (unitOfWork.isPresent()) {
            unitOfWork.get().afterCommit(callback);
        } else {
            ThreadBoundTransactions.runSafely(callback);
        }
    }

    /**
     * Runs {@code callback} after the current transaction rolls back (never if it commits); outside
     * a transaction nothing can roll back, so it never runs. A callback that throws is logged.
     *
     * @param callback the work
     */
    default void afterRollback(Runnable callback) {
        current().ifPresent(unitOfWork -> unitOfWork.afterRollback(callback));
    }
}
