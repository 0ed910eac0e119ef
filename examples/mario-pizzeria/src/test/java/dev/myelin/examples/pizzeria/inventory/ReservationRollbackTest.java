package dev.myelin.examples.pizzeria.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.menu.PizzaSize;
import dev.myelin.examples.pizzeria.orders.place.OrderPlacedDto;
import dev.myelin.examples.pizzeria.orders.place.PlaceOrder;
import dev.myelin.examples.pizzeria.payments.PaymentMethod;
import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reservation is part of the placing command's transaction: a {@code PlaceOrder} sent inside a
 * transaction that then rolls back leaves no order, no reservation, no event and the stock as it was
 * (write side and read model), while inside it the units were held.
 */
class ReservationRollbackTest extends PizzeriaHttpTest {

    @Autowired
    Mediator mediator;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOrderRolledBackWithItsTransactionReservesNothing() {
        Http.Response added = http.post("/api/menu/pizzas", """
                {"pizza_id": "rolled-back", "name": "Rolled Back", "description": "Counted", "category": "specialty",
                 "base_price": 10.00, "preparation_time_minutes": 10, "seasonal": false, "available": true}
                """, "manager");
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(http.post("/api/inventory/bases/rolled-back/restock", "{\"quantity\": 2}", "manager").status())
                .isEqualTo(200);
        AtomicReference<String> orderId = new AtomicReference<>();

        new TransactionTemplate(transactionManager).executeWithoutResult(transaction -> {
            OperationResult<OrderPlacedDto> placed = mediator.send(new PlaceOrder(null, "Rollback", "+39 06 5555 0101",
                    "Via Roma 1", List.of(new PlaceOrder.PizzaItem("rolled-back", PizzaSize.MEDIUM, List.of(), null)),
                    PaymentMethod.CASH, null));
            assertThat(placed.isSuccess()).as(placed.toString()).isTrue();
            orderId.set(placed.data().orderId());
            assertThat(levels("inventory_stock")).as("held inside the transaction").containsExactly(2, 1);
            assertThat(levels("ingredient_levels")).containsExactly(2, 1);
            transaction.setRollbackOnly();
        });

        assertThat(levels("inventory_stock")).as("the stock row after the rollback").containsExactly(2, 0);
        assertThat(levels("ingredient_levels")).as("the read model after the rollback").containsExactly(2, 0);
        assertThat(count("select count(*) from order_summaries where order_id = :id", orderId.get())).isZero();
        assertThat(count("select count(*) from myelin.events where stream_id = :id",
                "StockReservation-" + orderId.get())).isZero();
        assertThat(count("select count(*) from myelin.documents where aggregate_id = :id", orderId.get())).isZero();
    }

    private List<Integer> levels(String table) {
        return jdbc.sql("select on_hand, reserved from " + table + " where ingredient = 'base:rolled-back'")
                .query((row, n) -> List.of(row.getInt(1), row.getInt(2))).single();
    }

    private long count(String sql, String id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }
}
