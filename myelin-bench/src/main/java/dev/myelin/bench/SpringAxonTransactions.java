package dev.myelin.bench;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Axon 4 on a Spring transaction, as an Axon application with Spring Boot runs its JDBC event store:
 * copies of {@code axon-spring}'s {@code SpringTransactionManager} and {@code SpringDataSourceConnectionProvider}
 * (that module is built against Spring 5/6; this benchmark runs Spring 7). The transaction manager begins
 * (or joins, {@code PROPAGATION_REQUIRED}) a Spring transaction and commits only the one it began; the
 * connection provider hands out the connection bound to the Spring transaction, wrapped so that Axon's
 * {@code close()} releases it to Spring and its {@code commit()} is left to the transaction.
 */
final class SpringAxonTransactions {

    private SpringAxonTransactions() {
    }

    /**
     * Axon's transaction manager over a Spring one.
     *
     * @param transactionManager Spring's
     * @return Axon's
     */
    static TransactionManager transactionManager(PlatformTransactionManager transactionManager) {
        TransactionDefinition definition = new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRED);
        return () -> {
            TransactionStatus status = transactionManager.getTransaction(definition);
            return new Transaction() {
                @Override
                public void commit() {
                    if (status.isNewTransaction() && !status.isCompleted()) {
                        transactionManager.commit(status);
                    }
                }

                @Override
                public void rollback() {
                    if (status.isNewTransaction() && !status.isCompleted()) {
                        transactionManager.rollback(status);
                    }
                }
            };
        };
    }

    /**
     * Axon's connection provider over Spring's transaction-bound connection.
     *
     * @param dataSource the data source the Spring transaction manager manages
     * @return the provider
     */
    static ConnectionProvider connectionProvider(DataSource dataSource) {
        return () -> ConnectionWrapperFactory.wrap(DataSourceUtils.doGetConnection(dataSource),
                new ConnectionWrapperFactory.ConnectionCloseHandler() {
                    @Override
                    public void close(Connection connection) {
                        DataSourceUtils.releaseConnection(connection, dataSource);
                    }

                    @Override
                    public void commit(Connection connection) throws SQLException {
                        if (!DataSourceUtils.isConnectionTransactional(connection, dataSource)) {
                            connection.commit();
                        }
                    }
                });
    }
}
