package dev.myelin.data.memory;

import dev.myelin.data.transaction.InMemoryTransactionRunner;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.transaction.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link TransactionRunner} for the in-memory stores of this package that undoes their writes
 * when a transaction rolls back: each store registers an undo action with {@link #onRollback} as it
 * writes. Joining, rollback-only and after-commit semantics are those of
 * {@link InMemoryTransactionRunner}, which it wraps.
 *
 * <pre>{@code
 * InMemoryTransactions transactions = new InMemoryTransactions();
 * InMemoryEventStore events = new InMemoryEventStore(transactions, Clock.systemUTC());
 * }</pre>
 *
 * <p><b>Isolation.</b> Writes are visible to other threads at once (read uncommitted), except
 * appended events, which {@link InMemoryEventStore#readAll} and subscriptions show only after
 * commit. Undo actions run in reverse order, on the thread that rolled back.
 *
 * <p>Thread-safe; each transaction is confined to the thread that began it.
 *
 * @since 0.1
 */
public final class InMemoryTransactions implements TransactionRunner {

    private final InMemoryTransactionRunner delegate = new InMemoryTransactionRunner();
    private final ThreadLocal<Journal> journal = new ThreadLocal<>();

    /** Creates a runner. */
    public InMemoryTransactions() {
    }

    @Override
    public <T> T inTransaction(Supplier<T> work, Predicate<? super T> commitWhen) {
        if (delegate.isActive()) {
            return delegate.inTransaction(work, commitWhen);
        }
        Journal started = new Journal();
        journal.set(started);
        try {
            return delegate.inTransaction(() -> {
                // Registered first, so it runs before every other after-commit callback.
                delegate.afterCommit(() -> started.end(true));
                return work.get();
            }, commitWhen);
        } finally {
            journal.remove();
            started.end(false);
        }
    }

    @Override
    public Optional<UnitOfWork> current() {
        return delegate.current();
    }

    @Override
    public boolean isActive() {
        return delegate.isActive();
    }

    @Override
    public void afterCommit(Runnable callback) {
        delegate.afterCommit(callback);
    }

    /**
     * Registers how to undo a write just made, if the current transaction rolls back; does nothing
     * outside a transaction (the write is then committed).
     *
     * @param undo the undo action
     */
    public void onRollback(Runnable undo) {
        Journal active = journal.get();
        if (active != null && !active.ended) {
            active.undo.add(undo);
        }
    }

    /**
     * Registers work to run when the current transaction ends, committed or rolled back (after the
     * undo actions), before after-commit callbacks; runs it at once outside a transaction.
     *
     * @param callback the work
     */
    public void onCompletion(Runnable callback) {
        Journal active = journal.get();
        if (active != null && !active.ended) {
            active.completion.add(callback);
        } else {
            callback.run();
        }
    }

    /** The undo and completion actions of one transaction. Confined to its thread. */
    private static final class Journal {
        final List<Runnable> undo = new ArrayList<>();
        final List<Runnable> completion = new ArrayList<>();
        boolean ended;

        void end(boolean committed) {
            if (ended) {
                return;
            }
            ended = true;
            if (!committed) {
                for (int i = undo.size() - 1; i >= 0; i--) {
                    undo.get(i).run();
                }
            }
            completion.forEach(Runnable::run);
        }
    }
}
