package dev.myelin.postgres.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.behaviors.idempotency.IdempotencyBehavior;
import dev.myelin.behaviors.idempotency.IdempotentCommand;
import dev.myelin.behaviors.transaction.TransactionBehavior;
import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.data.contract.MutableClock;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.postgres.SharedPostgres;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The idempotency behavior with the PostgreSQL store: two application instances share one database. */
class IdempotencyBehaviorOnPostgresTest {

    record PlaceOrder(String idempotencyKey, String customer) implements Command<OperationResult<OrderAccepted>>,
            IdempotentCommand {
    }

    record OrderAccepted(String orderId, BigDecimal totalAmount) {
    }

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final AtomicInteger runs = new AtomicInteger();

    /** One application instance: its own mediator and store, the shared database. */
    private Mediator instance() {
        JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
        IdempotencyBehavior idempotency = IdempotencyBehavior.builder()
                .store(PostgresIdempotencyStore.builder(dataSource).currentConnection(transactions).build())
                .clock(clock)
                .build();
        return Mediator.builder()
                .behavior(idempotency)
                .behavior(TransactionBehavior.of(transactions))
                .behavior(idempotency.recorder())
                .handler(PlaceOrder.class, (CommandHandler<PlaceOrder, OperationResult<OrderAccepted>>) command ->
                        OperationResult.created(new OrderAccepted("order-" + runs.incrementAndGet(), new BigDecimal("23.40"))))
                .build();
    }

    @Test
    void repeatSentToAnotherInstanceGetsTheFirstResultWithoutRunningAgain() {
        Mediator first = instance();
        Mediator second = instance();

        OperationResult<OrderAccepted> placed = first.send(new PlaceOrder("key-1", "Ada"));
        OperationResult<OrderAccepted> repeat = second.send(new PlaceOrder("key-1", "Ada"));

        assertThat(runs).hasValue(1);
        assertThat(repeat).isEqualTo(placed);
        assertThat(repeat.data().totalAmount()).isEqualByComparingTo("23.40").hasToString("23.40");
        assertThat(second.send(new PlaceOrder("key-2", "Ada")).data().orderId()).isEqualTo("order-2");
    }
}
