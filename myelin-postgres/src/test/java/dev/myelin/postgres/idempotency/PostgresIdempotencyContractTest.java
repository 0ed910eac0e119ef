package dev.myelin.postgres.idempotency;

import dev.myelin.behaviors.idempotency.IdempotencyStore;
import dev.myelin.behaviors.idempotency.contract.IdempotencyContract;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.postgres.SharedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The idempotency contract on PostgreSQL: the record is written on the command's transaction
 * connection, next to an effect row in a table of the test.
 */
class PostgresIdempotencyContractTest extends IdempotencyContract {

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);

    PostgresIdempotencyContractTest() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table placed_orders (order_id text primary key)");
        }
    }

    @Override
    protected IdempotencyStore store() {
        return PostgresIdempotencyStore.builder(dataSource).currentConnection(transactions).build();
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected void writeEffect(String orderId) {
        try (PreparedStatement insert = transactions.currentConnection()
                .prepareStatement("insert into placed_orders (order_id) values (?)")) {
            insert.setString(1, orderId);
            insert.executeUpdate();
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    @Override
    protected int committedEffects() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("select count(*) from placed_orders")) {
            count.next();
            return count.getInt(1);
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
