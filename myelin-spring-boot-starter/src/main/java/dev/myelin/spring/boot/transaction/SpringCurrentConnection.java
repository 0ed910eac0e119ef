package dev.myelin.spring.boot.transaction;

import dev.myelin.data.transaction.CurrentConnection;
import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@link CurrentConnection} of a Spring application: the connection that Spring's transaction
 * synchronization binds to the current transaction for a data source ({@link DataSourceUtils}), the
 * one {@code JdbcTemplate}, {@code JdbcClient} and JPA (through {@code JpaTransactionManager}'s
 * exposed JDBC connection) use. Myelin's PostgreSQL stores given this port therefore write in the
 * same transaction as {@code @Transactional} code, whoever began it: the transaction behavior
 * (through {@link SpringTransactionRunner}), a {@code @Transactional} method or a
 * {@code TransactionTemplate}.
 *
 * <pre>{@code
 * CurrentConnection connections = new SpringCurrentConnection(dataSource);
 * }</pre>
 *
 * <p><b>Scope.</b> Returns {@code null} when no actual Spring transaction is active on the thread.
 * Inside one it returns the connection bound for the data source, binding one first if the
 * transaction manager manages another resource (then, as with {@code JdbcTemplate}, that connection
 * is released at the transaction's end but is not part of its commit). Thread-safe.
 *
 * <p><b>End of the transaction.</b> {@link #onTransactionEnd} registers a Spring
 * {@link TransactionSynchronization} with the innermost actual transaction: its callback runs at
 * {@code afterCompletion} whatever the status Spring reports (committed, rolled back, or unknown), and
 * earlier when the transaction is suspended (a {@code REQUIRES_NEW} call) or rolls back to a savepoint
 * ({@code NESTED}, {@code TransactionStatus.rollbackToSavepoint}). A savepoint set and rolled back on the
 * JDBC connection by hand, past Spring, is not seen.
 *
 * @since 0.1
 */
public final class SpringCurrentConnection implements CurrentConnection {

    private final DataSource dataSource;

    /**
     * Creates the port.
     *
     * @param dataSource the data source whose transaction-bound connection to return; the one the
     *     transaction manager manages
     */
    public SpringCurrentConnection(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Connection get() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        return DataSourceUtils.getConnection(dataSource);
    }

    @Override
    public boolean onTransactionEnd(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return false;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionEnd(callback));
        return true;
    }

    @Override
    public String toString() {
        return "SpringCurrentConnection[" + dataSource + "]";
    }

    /** Runs a callback when its transaction may no longer hold what was done in it. */
    private static final class TransactionEnd implements TransactionSynchronization {
        private static final Logger LOG = LoggerFactory.getLogger(SpringCurrentConnection.class);

        private final Runnable callback;

        TransactionEnd(Runnable callback) {
            this.callback = callback;
        }

        @Override
        public void suspend() {
            run();
        }

        @Override
        public void savepointRollback(Object savepoint) {
            run();
        }

        @Override
        public void afterCompletion(int status) {
            run();
        }

        private void run() {
            try {
                callback.run();
            } catch (RuntimeException failure) {
                LOG.warn("A transaction-end callback failed", failure);
            }
        }
    }
}
