package dev.myelin.behaviors.transaction;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.transaction.TransactionRolledBackException;
import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Runs every command in a transaction (a unit of work): the handler's changes commit together
 * when it succeeds and roll back together when it fails.
 *
 * <pre>{@code
 * JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
 * Mediator mediator = Mediator.builder()
 *         .handler(new PlaceOrderHandler(new JdbcOrders(transactions)))
 *         .behavior(TransactionBehavior.of(transactions))
 *         .build();
 * }</pre>
 *
 * <p><b>Scope.</b> Every {@link Command}, with no annotation needed; never a query, since queries
 * only read and run without a write transaction (a query sent from inside a command's handler
 * still sees that transaction when its repository asks the runner for the current connection).
 *
 * <p><b>Commit rule.</b> A result that is an {@link OperationResult} commits when
 * {@link OperationResult#isSuccess()}, and otherwise rolls back and is returned unchanged. Any
 * other result commits. An exception rolls back and is rethrown unchanged (for
 * {@code OperationResult} commands the mediator then maps it to a result).
 *
 * <p><b>Nesting.</b> A command sent from inside another command's handler joins the outer
 * transaction: only the outermost command commits. If the inner command fails or throws, the
 * transaction is marked rollback-only: the outer command rolls back whatever its handler does,
 * and its caller gets the outer handler's own result if that is a failure, otherwise a
 * {@link TransactionRolledBackException} (a 500 result for {@code OperationResult} commands,
 * unless an exception handler maps it). After-commit callbacks registered by any of them run once
 * the outermost commits, never after a rollback.
 *
 * <p><b>Order.</b> {@link BehaviorOrder#TRANSACTION}: inside retry (each attempt gets a fresh
 * transaction) and outside caching (cache evictions are deferred to after the commit).
 *
 * <p>Thread-safe; stateless beyond its runner.
 *
 * @since 0.1
 */
public final class TransactionBehavior implements PipelineBehavior<Command<?>, Object> {

    private static final Predicate<Object> COMMIT_WHEN =
            result -> !(result instanceof OperationResult<?> operation) || operation.isSuccess();

    private final TransactionRunner runner;

    private TransactionBehavior(TransactionRunner runner) {
        this.runner = runner;
    }

    /**
     * Creates the behavior.
     *
     * @param runner the runner that opens, joins and ends transactions
     * @return the behavior
     */
    public static TransactionBehavior of(TransactionRunner runner) {
        return new TransactionBehavior(Objects.requireNonNull(runner, "runner"));
    }

    @Override
    public Object handle(Command<?> command, Next<Command<?>, Object> next) {
        return runner.inTransaction(() -> next.invoke(command), COMMIT_WHEN);
    }

    @Override
    public int order() {
        return BehaviorOrder.TRANSACTION;
    }

    /**
     * Returns the runner, for behaviors and repositories that must take part in the same
     * transactions (the caching behavior defers its evictions through it).
     *
     * @return the runner
     */
    public TransactionRunner runner() {
        return runner;
    }

    @Override
    public String toString() {
        return "TransactionBehavior[" + runner.getClass().getSimpleName() + "]";
    }
}
