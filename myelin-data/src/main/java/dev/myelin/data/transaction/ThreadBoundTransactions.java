package dev.myelin.data.transaction;

import dev.myelin.core.OperationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantics every runner in this package shares, written once: one transaction per thread,
 * joining, rollback-only, and after-commit, after-rollback and end-of-transaction
 * callbacks. A runner supplies only how to begin, commit,
 * roll back and release its resource.
 *
 * @param <R> the resource held for the length of a transaction, such as a JDBC connection
 */
final class ThreadBoundTransactions<R> {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRunner.class);

    /** How a runner drives its resource. Each method may throw; the caller cleans up. */
    interface Resource<R> {
        R begin();

        void commit(R resource);

        void rollback(R resource);

        void release(R resource);
    }

    // Per instance, not static: two runners over two data sources have independent transactions.
    private final ThreadLocal<Active<R>> current = new ThreadLocal<>();
    private final Resource<R> resource;

    ThreadBoundTransactions(Resource<R> resource) {
        this.resource = resource;
    }

    <T> T run(Supplier<T> work, Predicate<? super T> commitWhen) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(commitWhen, "commitWhen");
        Active<R> joined = current.get();
        if (joined != null) {
            return join(joined, work, commitWhen);
        }
        Active<R> transaction = new Active<>(resource.begin());
        current.set(transaction);
        T result;
        boolean accepted;
        try {
            result = work.get();
            accepted = commitWhen.test(result);
        } catch (RuntimeException | Error failure) {
            try {
                end(transaction, false, failure);
            } finally {
                transaction.runCallbacks(false);
            }
            throw failure;
        }
        boolean commit = accepted && !transaction.rollbackOnly;
        try {
            end(transaction, commit, null);
        } catch (RuntimeException | Error failure) {
            // A commit that failed was rolled back: the after-rollback callbacks run.
            transaction.runCallbacks(false);
            throw failure;
        }
        transaction.runCallbacks(commit);
        if (!commit && accepted) {
            throw new TransactionRolledBackException("Transaction rolled back: " + transaction.rollbackReason,
                    transaction.rollbackCause);
        }
        return result;
    }

    private static <R, T> T join(Active<R> transaction, Supplier<T> work, Predicate<? super T> commitWhen) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error failure) {
            transaction.markRollbackOnly("a joined unit of work threw " + failure.getClass().getName(), failure);
            throw failure;
        }
        if (!commitWhen.test(result)) {
            transaction.markRollbackOnly("a joined unit of work returned " + describe(result), null);
        }
        return result;
    }

    private void end(Active<R> transaction, boolean commit, Throwable failure) {
        // set(null), not remove(): remove() clears the map entry's weak reference, a native call that
        // cost most of this behavior's time in a profile; the next set() then allocates a new entry.
        current.set(null);
        transaction.ended = true;
        try {
            if (commit) {
                try {
                    resource.commit(transaction.resource);
                } catch (RuntimeException commitFailure) {
                    rollbackAfter(transaction, commitFailure);
                    throw commitFailure;
                }
            } else if (failure != null) {
                rollbackAfter(transaction, failure);
            } else {
                resource.rollback(transaction.resource);
            }
        } finally {
            try {
                resource.release(transaction.resource);
            } catch (RuntimeException releaseFailure) {
                LOG.warn("Could not release the resource of a finished transaction", releaseFailure);
            } finally {
                transaction.runEndCallbacks();
            }
        }
    }

    private void rollbackAfter(Active<R> transaction, Throwable failure) {
        try {
            resource.rollback(transaction.resource);
        } catch (RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    Optional<UnitOfWork> current() {
        return Optional.ofNullable(current.get());
    }

    boolean isActive() {
        return current.get() != null;
    }

    /** The resource of the active transaction, or {@code null} outside one. */
    R currentResource() {
        Active<R> transaction = current.get();
        return transaction == null ? null : transaction.resource;
    }

    void afterCommit(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        Active<R> transaction = current.get();
        if (transaction == null) {
            runSafely(callback);
        } else {
            transaction.afterCommit(callback);
        }
    }

    /**
     * Registers work to run when the active transaction ends, whatever its outcome (committed, rolled back,
     * or failed to commit), after its resource is released; returns false outside a transaction.
     */
    boolean onEnd(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        Active<R> transaction = current.get();
        if (transaction == null) {
            return false;
        }
        transaction.onEnd(callback);
        return true;
    }

    static void runSafely(Runnable callback) {
        try {
            callback.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (RuntimeException | Error failure) {
            LOG.warn("An after-commit or after-rollback callback failed; the outcome stands", failure);
        }
    }

    private static String describe(Object result) {
        if (result instanceof OperationResult<?> operation) {
            return operation.status() + " " + operation.title();
        }
        return "a result its caller did not accept";
    }

    /** One transaction: its resource, whether it must roll back, and what runs after commit. */
    private static final class Active<R> implements UnitOfWork {
        final R resource;
        boolean rollbackOnly;
        String rollbackReason;
        Throwable rollbackCause;
        boolean ended;
        private List<Runnable> callbacks;
        private List<Runnable> rollbackCallbacks;
        private List<Runnable> endCallbacks;

        Active(R resource) {
            this.resource = resource;
        }

        @Override
        public void setRollbackOnly(String reason) {
            markRollbackOnly(Objects.requireNonNull(reason, "reason"), null);
        }

        void markRollbackOnly(String reason, Throwable cause) {
            // The first failure explains the rollback; later ones are consequences.
            if (!rollbackOnly) {
                rollbackOnly = true;
                rollbackReason = reason;
                rollbackCause = cause;
            }
        }

        @Override
        public void afterCommit(Runnable callback) {
            Objects.requireNonNull(callback, "callback");
            if (ended) {
                throw new IllegalStateException("This transaction has ended; register callbacks while it is active");
            }
            if (callbacks == null) {
                callbacks = new ArrayList<>(4);
            }
            callbacks.add(callback);
        }

        @Override
        public void afterRollback(Runnable callback) {
            Objects.requireNonNull(callback, "callback");
            if (ended) {
                throw new IllegalStateException("This transaction has ended; register callbacks while it is active");
            }
            if (rollbackCallbacks == null) {
                rollbackCallbacks = new ArrayList<>(2);
            }
            rollbackCallbacks.add(callback);
        }

        void onEnd(Runnable callback) {
            if (ended) {
                throw new IllegalStateException("This transaction has ended; register callbacks while it is active");
            }
            if (endCallbacks == null) {
                endCallbacks = new ArrayList<>(2);
            }
            endCallbacks.add(callback);
        }

        /** Runs the end callbacks, whatever the outcome; each at most once. */
        void runEndCallbacks() {
            List<Runnable> toRun = endCallbacks;
            endCallbacks = null;
            if (toRun == null) {
                return;
            }
            for (int i = 0; i < toRun.size(); i++) {
                runSafely(toRun.get(i));
            }
        }

        /** Runs the after-commit callbacks when {@code committed}, else the after-rollback ones. */
        void runCallbacks(boolean committed) {
            List<Runnable> toRun = committed ? callbacks : rollbackCallbacks;
            if (toRun == null) {
                return;
            }
            for (int i = 0; i < toRun.size(); i++) {
                runSafely(toRun.get(i));
            }
        }
    }
}
