package dev.myelin.data.transaction;

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
}
