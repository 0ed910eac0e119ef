package dev.myelin.data.transaction;

import dev.myelin.core.meta.Experimental;
import java.sql.Connection;

/**
 * The JDBC connection of the transaction active on the calling thread: the port through which JDBC
 * stores (those of {@code myelin-postgres}) join the caller's unit of work, whoever began it.
 * {@link JdbcTransactionRunner} implements it for plain Java; the Spring Boot starter implements it
 * on Spring's transaction synchronization, so that stores, {@code @Transactional} code, JPA and
 * {@code JdbcTemplate} share one connection and one transaction.
 *
 * <pre>{@code
 * Connection joined = connections.get();
 * if (joined != null) {
 *     // write on it: the write commits or rolls back with the caller's transaction
 * }
 * }</pre>
 *
 * <p><b>Transaction-scoped state.</b> A store may keep what it learned inside one transaction (the
 * versions of the streams it read or appended, see {@code PostgresEventStore}) only as long as that
 * transaction holds it: {@link #onTransactionEnd} tells it when to forget. A port that cannot promise to
 * call it back keeps the default, which refuses, and the store then keeps nothing across statements.
 *
 * <p>Implementations are thread-safe; the connection returned belongs to the calling thread's
 * transaction.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface CurrentConnection {

    /**
     * Returns the connection of the transaction active on the calling thread. Do not commit, roll
     * back or close it: whoever began the transaction ends it.
     *
     * @return the connection, or {@code null} when no transaction is active on this thread
     */
    Connection get();

    /**
     * Registers {@code callback} to run, on the calling thread, once the work done so far in the
     * transaction of {@link #get()}'s connection may be undone or no longer be that connection's: when
     * the transaction ends, whatever its outcome (committed, rolled back, or unknown because the commit
     * failed), and before it rolls back to a savepoint or is suspended for another transaction where the
     * port can see it. It may run more than once (at a suspension, then at the end), so make it
     * idempotent. A callback that throws is logged.
     *
     * <p>Implementations that return {@code true} must keep that promise on every path, or a store
     * would carry one transaction's knowledge into the next transaction on the same pooled connection.
     * The default keeps none and returns {@code false}.
     *
     * @param callback the work, such as forgetting state scoped to this transaction
     * @return whether the callback was registered: {@code false} outside a transaction, and when this
     *     port cannot promise to run it
     * @since 0.1
     */
    @Experimental
    default boolean onTransactionEnd(Runnable callback) {
        return false;
    }
}
