package dev.myelin.spring.boot.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.behaviors.transaction.JdbcTransactionRunner;
import dev.myelin.test.MyelinPostgresTest;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

@MyelinPostgresTest
class TransactionAwareDataSourceTest {

    private final JdbcTransactionRunner transactions;
    private final JdbcClient jdbc;

    TransactionAwareDataSourceTest(DataSource dataSource, JdbcTransactionRunner transactions) {
        this.transactions = transactions;
        this.jdbc = JdbcClient.create(new TransactionAwareDataSource(dataSource, transactions));
        jdbc.sql("create table if not exists notes (text text)").update();
        jdbc.sql("delete from notes").update();
    }

    @Test
    void jdbcClientWritesInTheRunnersTransactionAndRollsBackWithIt() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            jdbc.sql("insert into notes values ('rolled back')").update();
            assertThat(jdbc.sql("select count(*) from notes").query(Long.class).single()).isEqualTo(1);
            throw new IllegalStateException("the command failed");
        }, result -> true)).hasMessage("the command failed");

        assertThat(jdbc.sql("select count(*) from notes").query(Long.class).single()).isZero();
    }

    @Test
    void joinedConnectionIsTheRunnersAndCannotBeClosedCommittedOrRolledBack() throws Exception {
        DataSource aware = new TransactionAwareDataSource(new DataSourceOf(transactions), transactions);
        transactions.inTransaction(() -> {
            try (Connection joined = aware.getConnection()) {
                assertThatThrownBy(joined::commit).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(joined::rollback).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> joined.setAutoCommit(true)).isInstanceOf(IllegalStateException.class);
                joined.setAutoCommit(false);
                joined.createStatement().execute("insert into notes values ('kept')");
            } catch (java.sql.SQLException failure) {
                throw new IllegalStateException(failure);
            }
            // Closing the handle left the runner's connection open: the transaction goes on.
            jdbc.sql("insert into notes values ('also kept')").update();
            return null;
        }, result -> true);

        assertThat(jdbc.sql("select text from notes order by text").query(String.class).list())
                .containsExactly("also kept", "kept");
    }

    /** Never used outside a transaction: the joined path must not reach it. */
    private record DataSourceOf(JdbcTransactionRunner transactions) implements DataSource {
        @Override
        public Connection getConnection() {
            throw new AssertionError("a connection was taken outside the runner's transaction");
        }

        @Override
        public Connection getConnection(String username, String password) {
            throw new AssertionError("a connection was taken outside the runner's transaction");
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
