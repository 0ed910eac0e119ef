package dev.myelin.spring.boot.transaction;

import dev.myelin.behaviors.transaction.TransactionException;
import dev.myelin.behaviors.transaction.TransactionRolledBackException;
import dev.myelin.behaviors.transaction.TransactionRunner;
import dev.myelin.behaviors.transaction.UnitOfWork;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.UnexpectedRollbackException;
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
 * throws {@link TransactionRolledBackException}. A commit that fails as a serialization failure or
 * deadlock (SQLSTATE 40001, 40P01, or Spring's {@link ConcurrencyFailureException}) is thrown as
 * {@link ConcurrencyConflictException}, so that the retry behavior runs the command again; other
 * commit failures as {@link TransactionException}. The work's own exceptions pass unchanged.
 *
 * <p><b>After commit.</b> When this runner began the transaction, callbacks run once it has
 * committed and been unbound from the thread, so a callback that sends a command gets a new
 * transaction. When it joined a transaction begun elsewhere (a {@code @Transactional} method),
 * callbacks are Spring {@link TransactionSynchronization#afterCommit()} callbacks, which run while
 * that transaction's resources are still bound (Spring's own rule).
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
            return run(work, commitWhen, new boolean[1], null);
        }
        Owned transaction = new Owned();
        owned.set(transaction);
        boolean[] accepted = new boolean[1];
        T result;
        try {
            result = run(work, commitWhen, accepted, transaction);
        } finally {
            owned.remove();
        }
        if (accepted[0] && transaction.committed) {
            transaction.runCallbacks();
        }
        return result;
    }

    private <T> T run(Supplier<T> work, Predicate<? super T> commitWhen, boolean[] accepted, Owned transaction) {
        RuntimeException[] thrownByWork = new RuntimeException[1];
        try {
            return template.execute(status -> {
                if (transaction != null) {
                    TransactionSynchronizationManager.registerSynchronization(transaction);
                }
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException failure) {
                    thrownByWork[0] = failure;
                    throw failure;
                }
                accepted[0] = commitWhen.test(result);
                if (!accepted[0]) {
                    status.setRollbackOnly();
                }
                return result;
            });
        } catch (RuntimeException failure) {
            if (failure == thrownByWork[0]) {
                throw failure;
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
            return new ConcurrencyConflictException("The transaction could not be committed: it conflicted with a "
                    + "concurrent transaction", failure);
        }
        if (failure instanceof org.springframework.transaction.TransactionException) {
            return new TransactionException("Cannot complete the transaction: " + failure.getMessage(), failure);
        }
        return failure;
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
            return Optional.of(SpringTransactionRunner::registerAfterCommit);
        }
        return Optional.empty();
    }

    private static void registerAfterCommit(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                runSafely(callback);
            }
        });
    }

    private static void runSafely(Runnable callback) {
        try {
            callback.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (RuntimeException | Error failure) {
            LOG.warn("An after-commit callback failed; the transaction stays committed", failure);
        }
    }

    @Override
    public String toString() {
        return "SpringTransactionRunner[" + template.getTransactionManager() + "]";
    }

    /** A transaction this runner began: its callbacks, and whether Spring reported its commit. */
    private static final class Owned implements UnitOfWork, TransactionSynchronization {
        private final List<Runnable> callbacks = new ArrayList<>(4);
        private boolean committed;
        private boolean ended;

        @Override
        public void afterCommit(Runnable callback) {
            Objects.requireNonNull(callback, "callback");
            if (ended) {
                throw new IllegalStateException("This transaction has ended; register callbacks while it is active");
            }
            callbacks.add(callback);
        }

        @Override
        public void afterCompletion(int status) {
            ended = true;
            committed = status == STATUS_COMMITTED;
        }

        void runCallbacks() {
            for (int i = 0; i < callbacks.size(); i++) {
                runSafely(callbacks.get(i));
            }
        }
    }
}
