package dev.myelin.postgres.idempotency;

import dev.myelin.behaviors.idempotency.IdempotencyBehavior;
import dev.myelin.behaviors.idempotency.IdempotentCommand;
import dev.myelin.behaviors.transaction.TransactionBehavior;
import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import java.io.PrintStream;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The child JVM of {@link IdempotencyCrashTest}: places one idempotent order and halts the JVM right
 * after the command's transaction committed, before the idempotency behavior returns its result:
 * the crash between commit and response. Also the application both JVMs share.
 */
public final class IdempotentOrderChild {

    /** Exit status of the halt. */
    static final int HALTED = 99;

    /** The command of the test: places one order row. */
    public record PlaceOrder(String idempotencyKey, String customer) implements Command<OperationResult<String>>,
            IdempotentCommand {
    }

    private IdempotentOrderChild() {
    }

    /**
     * The application: idempotency, transaction and recorder over PostgreSQL, and a handler that inserts
     * an order row with a fresh id.
     *
     * @param dataSource the migrated database with table {@code placed_orders}
     * @param halt a behavior between the idempotency behavior and the transaction, or {@code null}
     * @param runs counts the handler's runs
     * @return the mediator
     */
    static Mediator application(DataSource dataSource, PipelineBehavior<Command<?>, Object> halt,
            java.util.concurrent.atomic.AtomicInteger runs) {
        JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
        IdempotencyBehavior idempotency = IdempotencyBehavior.builder()
                .store(PostgresIdempotencyStore.builder(dataSource).currentConnection(transactions).build())
                .build();
        var builder = Mediator.builder()
                .behavior(idempotency)
                .behavior(TransactionBehavior.of(transactions))
                .behavior(idempotency.recorder())
                .handler(PlaceOrder.class, (CommandHandler<PlaceOrder, OperationResult<String>>) command -> {
                    runs.incrementAndGet();
                    String orderId = "order-" + UUID.randomUUID();
                    try (PreparedStatement insert = transactions.currentConnection()
                            .prepareStatement("insert into placed_orders (order_id, customer) values (?, ?)")) {
                        insert.setString(1, orderId);
                        insert.setString(2, command.customer());
                        insert.executeUpdate();
                    } catch (SQLException failure) {
                        throw new IllegalStateException(failure);
                    }
                    return OperationResult.created(orderId);
                });
        if (halt != null) {
            builder.behavior(Command.class, halt);
        }
        return builder.build();
    }

    /**
     * Places the order and halts after its commit.
     *
     * @param args the JDBC URL of the database, the idempotency key
     */
    public static void main(String[] args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        PrintStream out = System.out;
        PipelineBehavior<Command<?>, Object> haltAfterCommit = PipelineBehavior.ordered(BehaviorOrder.RETRY - 1,
                (command, next) -> {
                    Object result = next.invoke(command);
                    out.println("COMMITTED " + ((OperationResult<?>) result).data());
                    out.flush();
                    // No shutdown hooks, no finally blocks: the process ends here, as under SIGKILL.
                    Runtime.getRuntime().halt(HALTED);
                    return result;
                });
        application(dataSource, haltAfterCommit, new java.util.concurrent.atomic.AtomicInteger())
                .send(new PlaceOrder(args[1], "Ada"));
        out.println("RETURNED");
    }
}
