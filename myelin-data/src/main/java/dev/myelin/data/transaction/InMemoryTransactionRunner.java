package dev.myelin.data.transaction;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link TransactionRunner} that holds no resource: it gives in-memory applications and tests
 * the same transaction semantics as {@link JdbcTransactionRunner} (joining, rollback-only,
 * after-commit callbacks that never run on rollback) without a database. It undoes nothing on
 * rollback: state changed by in-memory repositories stays changed.
 *
 * <pre>{@code
 * InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();
 * Mediator mediator = Mediator.builder()
 *         .handler(new PlaceOrderHandler(orders))
 *         .behavior(TransactionBehavior.of(transactions))
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe; each transaction is confined to the thread that began it.
 *
 * @since 0.1
 */
public final class InMemoryTransactionRunner implements TransactionRunner {

    private static final Object NO_RESOURCE = new Object();

    private final ThreadBoundTransactions<Object> transactions = new ThreadBoundTransactions<>(
            new ThreadBoundTransactions.Resource<>() {
                @Override
                public Object begin() {
                    return NO_RESOURCE;
                }

                @Override
                public void commit(Object resource) {
                }

                @Override
                public void rollback(Object resource) {
                }

                @Override
                public void release(Object resource) {
                }
            });

    /** Creates a runner. */
    public InMemoryTransactionRunner() {
    }

    @Override
    public <T> T inTransaction(Supplier<T> work, Predicate<? super T> commitWhen) {
        return transactions.run(work, commitWhen);
    }

    @Override
    public Optional<UnitOfWork> current() {
        return transactions.current();
    }

    @Override
    public boolean isActive() {
        return transactions.isActive();
    }

    @Override
    public void afterCommit(Runnable callback) {
        transactions.afterCommit(callback);
    }
}
