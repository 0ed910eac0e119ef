package dev.myelin.spring.boot.transaction;

import dev.myelin.data.transaction.CurrentConnection;
import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
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
    public String toString() {
        return "SpringCurrentConnection[" + dataSource + "]";
    }
}
