package dev.myelin.spring.boot.transaction;

import dev.myelin.data.transaction.TransactionException;
import dev.myelin.data.transaction.TransactionRolledBackException;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.transaction.UnitOfWork;
import dev.myelin.core.ConcurrencyConflictException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link TransactionRunner} over a Spring {@link PlatformTransactionManager}, so that commands
 * under the transaction behavior share their transaction with {@code JdbcTemplate}, JPA and
 * {@code @Transactional} code.
 *
 * <pre>{@code
 * SpringTransactionRunner transactions = new SpringTransactionRunner(transactionManager);
 * Mediator mediator = Mediator.builder()
 *         .behavior(TransactionBehavior.of(transactions))
 *         ...
 * }</pre>
 *
 * <p><b>Transaction scope.</b> Each call runs in a {@link TransactionTemplate} with
 * {@code PROPAGATION_REQUIRED}: a new transaction, or the active Spring transaction joined. A result
 * that {@code commitWhen} rejects marks the transaction rollback-only. When a joined call rejected
 * its result or threw, the outermost call rolls back and, if its own result would have committed,
 * throws {@link TransactionRolledBackException}. A serialization failure, deadlock or lock failure
 * (SQLSTATE 40001, 40P01, or Spring's {@link ConcurrencyFailureException}), whether the commit or the
 * work's own statements hit it, is thrown as {@link ConcurrencyConflictException}, so that the retry
 * behavior runs the command again (or the request gets a 409) instead of an unexpected failure; other
 * commit failures as {@link TransactionException}. The work's other exceptions pass unchanged.
 *
 * <p><b>One transaction with Spring code.</b> A command sent inside a {@code @Transactional} method
 * joins that method's transaction; {@code @Transactional} code (and JPA, {@code JdbcTemplate},
 * {@code JdbcClient}) called from a handler joins the command's. Either way one commit or one
 * rollback covers everything; a joined part that fails marks the whole transaction rollback-only.
 *
 * <p><b>Callbacks.</b> When this runner began the transaction, after-commit callbacks run once it has
 * committed and been unbound from the thread, so a callback that sends a command gets a new
 * transaction; after-rollback callbacks run once it has rolled back. When it joined a transaction
 * begun elsewhere (a {@code @Transactional} method), callbacks are Spring
 * {@link TransactionSynchronization} callbacks ({@code afterCommit}, {@code afterCompletion} with
 * {@code STATUS_ROLLED_BACK}), which run while that transaction's resources are still bound
 * (Spring's own rule). {@link UnitOfWork#setRollbackOnly} marks the Spring transaction
 * rollback-only: through the status of the innermost call of this runner, or of the innermost
 * {@code @Transactional} method.
 *
 * <p>Thread-safe; each transaction is confined to the thread that began it.
 *
 * @since 0.1
 */
public final class SpringTransactionRunner implements TransactionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SpringTransactionRunner.class);

    private final TransactionTemplate template;
    /** The transaction this runner began on the current thread, whose callbacks it runs itself. */
    private final ThreadLocal<Owned> owned = new ThreadLocal<>();
    /** The status of the innermost call of this runner on the current thread. */
    private final ThreadLocal<TransactionStatus> innermost = new ThreadLocal<>();

    /**
     * Creates a runner.
     *
     * @param transactionManager the transaction manager, such as a {@code JdbcTransactionManager}
     */
    public SpringTransactionRunner(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(Objects.requireNonNull(transactionManager, "transactionManager"));
        this.template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work, Predicate<? super T> commitWhen) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(commitWhen, "commitWhen");
        if (owned.get() != null || TransactionSynchronizationManager.isActualTransactionActive()) {
            return run(work, commitWhen, null);
        }
        Owned transaction = new Owned(this);
        owned.set(transaction);
        T result;
        try {
            result = run(work, commitWhen, transaction);
        } catch (RuntimeException | Error failure) {
            owned.remove();
            transaction.runCallbacks();
            throw failure;
        }
        owned.remove();
        transaction.runCallbacks();
        return result;
    }

    private <T> T run(Supplier<T> work, Predicate<? super T> commitWhen, Owned transaction) {
        RuntimeException[] thrownByWork = new RuntimeException[1];
        try {
            return template.execute(status -> {
                if (transaction != null) {
                    TransactionSynchronizationManager.registerSynchronization(transaction);
                }
                TransactionStatus outer = innermost.get();
                innermost.set(status);
                try {
                    T result;
                    try {
                        result = work.get();
                    } catch (RuntimeException failure) {
                        thrownByWork[0] = failure;
                        throw failure;
                    }
                    if (!commitWhen.test(result)) {
                        status.setRollbackOnly();
                    }
                    return result;
                } finally {
                    innermost.set(outer);
                }
            });
        } catch (RuntimeException failure) {
            if (failure == thrownByWork[0]) {
                throw failure instanceof ConcurrencyFailureException || isConflict(failure) ? conflict(failure) : failure;
            }
            throw translate(failure);
        }
    }

    private static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof UnexpectedRollbackException) {
            return new TransactionRolledBackException("Transaction rolled back: a joined unit of work failed or threw "
                    + "and marked it rollback-only", failure);
        }
        if (failure instanceof ConcurrencyFailureException || isConflict(failure)) {
            return conflict(failure);
        }
        if (failure instanceof org.springframework.transaction.TransactionException) {
            return new TransactionException("Cannot complete the transaction: " + failure.getMessage(), failure);
        }
        return failure;
    }

    private static ConcurrencyConflictException conflict(RuntimeException failure) {
        return new ConcurrencyConflictException("The transaction could not be completed: it conflicted with a "
                + "concurrent transaction", failure);
    }

    private static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && ("40001".equals(sql.getSQLState())
                    || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<UnitOfWork> current() {
        Owned transaction = owned.get();
        if (transaction != null) {
            return Optional.of(transaction);
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.of(new Joined(this));
        }
        return Optional.empty();
    }

    @Override
    public boolean isActive() {
        return owned.get() != null || TransactionSynchronizationManager.isActualTransactionActive();
    }

    /** Marks the Spring transaction of the current thread rollback-only. */
    private void markRollbackOnly(String reason) {
        Objects.requireNonNull(reason, "reason");
        TransactionStatus status = innermost.get();
        if (status == null) {
            try {
                status = TransactionAspectSupport.currentTransactionStatus();
            } catch (NoTransactionException outsideAspect) {
                throw new IllegalStateException("Cannot mark the transaction rollback-only (" + reason + "): it was "
                        + "begun neither by this runner nor by a @Transactional method", outsideAspect);
            }
        }
        LOG.debug("Transaction marked rollback-only: {}", reason);
        status.setRollbackOnly();
    }

    private static void runSafely(Runnable callback) {
        try {
            callback.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (RuntimeException | Error failure) {
            LOG.warn("An after-commit or after-rollback callback failed; the outcome stands", failure);
        }
    }

    @Override
    public String toString() {
        return "SpringTransactionRunner[" + template.getTransactionManager() + "]";
    }

    /** A transaction this runner began: its callbacks, and how Spring reported its end. */
    private static final class Owned implements UnitOfWork, TransactionSynchronization {
        private final SpringTransactionRunner runner;
        private final List<Runnable> commitCallbacks = new ArrayList<>(4);
        private final List<Runnable> rollbackCallbacks = new ArrayList<>(2);
        private int status = STATUS_UNKNOWN;
        private boolean ended;

        Owned(SpringTransactionRunner runner) {
            this.runner = runner;
        }

        @Override
        public void afterCommit(Runnable callback) {
            register(commitCallbacks, callback);
        }

        @Override
        public void afterRollback(Runnable callback) {
            register(rollbackCallbacks, callback);
        }

        private void register(List<Runnable> callbacks, Runnable callback) {
            Objects.requireNonNull(callback, "callback");
            if (ended) {
                throw new IllegalStateException("This transaction has ended; register callbacks while it is active");
            }
            callbacks.add(callback);
        }

        @Override
        public void setRollbackOnly(String reason) {
            runner.markRollbackOnly(reason);
        }

        @Override
        public void afterCompletion(int completion) {
            ended = true;
            status = completion;
        }

        /** Runs the callbacks of the outcome Spring reported; none when it is unknown. */
        void runCallbacks() {
            ended = true;
            List<Runnable> callbacks = status == STATUS_COMMITTED ? commitCallbacks
                    : status == STATUS_ROLLED_BACK ? rollbackCallbacks : List.of();
            for (int i = 0; i < callbacks.size(); i++) {
                runSafely(callbacks.get(i));
            }
        }
    }

    /** A Spring transaction begun elsewhere, such as by a {@code @Transactional} method. */
    private record Joined(SpringTransactionRunner runner) implements UnitOfWork {

        @Override
        public void afterCommit(Runnable callback) {
            Objects.requireNonNull(callback, "callback");
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    runSafely(callback);
                }
            });
        }

        @Override
        public void afterRollback(Runnable callback) {
            Objects.requireNonNull(callback, "callback");
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) {
                        runSafely(callback);
                    }
                }
            });
        }

        @Override
        public void setRollbackOnly(String reason) {
            runner.markRollbackOnly(reason);
        }
    }
}
