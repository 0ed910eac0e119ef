package dev.myelin.examples.pizzeria.orders.place;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import dev.myelin.examples.pizzeria.orders.lifecycle.ConfirmOrder;
import dev.myelin.examples.pizzeria.menu.PizzaSize;
import dev.myelin.examples.pizzeria.payments.PaymentMethod;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The SQL one {@code PlaceOrder} runs, counted at the JDBC driver's door (a counting {@code DataSource}
 * around the application's, recording each statement, each transaction's start as {@code begin} and its
 * commit): nothing before the transaction (validation reads nothing); in it, ONE read of the order's
 * pizzas and toppings (whatever the number of lines), the kitchen's load and the counted ingredients,
 * the stock lock only when one of the order's ingredients is counted, the document insert, ONE append statement, the inline projections and ONE multi-row outbox insert, in one commit;
 * no statement reads back the events just appended (the after-append step is fed by the append's
 * {@code RETURNING}).
 */
@Import(PlaceOrderStatementsTest.CountingDataSource.class)
class PlaceOrderStatementsTest extends PizzeriaHttpTest {

    /**
     * The statements of a cash order of two pizzas with toppings of uncounted ingredients: the read of
     * the menu, kitchen load and counted ingredients (none: no stock lock), the document with the append
     * of its event in one statement ({@code PostgresEventStore.appendGuarded}), and the four inline
     * projections' writes sent as ONE multi-statement ({@code InlineWrites}). No outbox row: the
     * notifications are tracked handlers (the projection daemon's), and the capture handler wants only
     * card orders ({@code SelectiveEventHandler}).
     */
    static final int PLACING_STATEMENTS = 3;

    /** Statements prepared, transactions begun and commits made on the recording thread, by SQL text. */
    static final ThreadLocal<List<String>> RECORDED = new ThreadLocal<>();

    @Autowired
    Mediator mediator;

    @Test
    void placeOrderAppendsOnceEnqueuesNothingForCashAndReadsNothingBack() {
        PlaceOrder warmUp = order("+39 06 0000 0001");
        assertThat(mediator.send(warmUp).isSuccess()).isTrue();

        List<String> statements = new ArrayList<>();
        RECORDED.set(statements);
        OperationResult<OrderPlacedDto> placed;
        try {
            placed = mediator.send(twoPizzas("+39 06 0000 0002"));
        } finally {
            RECORDED.remove();
        }

        assertThat(placed.isSuccess()).as(placed.toString()).isTrue();
        System.out.printf("PlaceOrder: %d statements, %d commit(s)%n%s%n",
                statements.stream().filter(sql -> !sql.equals("commit") && !sql.equals("begin")).count(),
                statements.stream().filter(sql -> sql.equals("commit")).count(), String.join("\n---\n", statements));
        assertThat(statements.get(0)).as("nothing before the transaction: validation reads nothing").isEqualTo("begin");
        assertThat(statements.get(statements.size() - 1)).isEqualTo("commit");
        assertThat(statements.stream().filter(sql -> sql.equals("begin"))).as("one transaction").hasSize(1);
        assertThat(statements.stream().filter(sql -> sql.contains("from menu_")))
                .as("the pizzas and toppings of both lines and the kitchen's load are read by one statement").hasSize(1)
                .allMatch(sql -> sql.contains("from kitchen_load"));
        assertThat(statements.stream().filter(sql -> sql.startsWith("select")))
                .as("one read: the menu with the load and the counted ingredients; no stock lock").hasSize(1);
        assertThat(statements).as("statements in the placing transaction").hasSize(PLACING_STATEMENTS + 2);
        assertThat(statements.stream().filter(sql -> sql.contains("insert into myelin.events"))).as("one append, with the document")
                .singleElement().satisfies(sql -> assertThat(sql).contains("insert into myelin.documents"));
        assertThat(statements.stream().filter(sql -> sql.contains("insert into order_summaries")))
                .as("the inline projections' writes in one round trip").singleElement().satisfies(sql -> assertThat(sql)
                        .contains("insert into deliveries", "insert into kitchen_queue"));
        assertThat(statements).as("the order's detail is folded from its events when read: no detail row is written")
                .noneMatch(sql -> sql.contains("order_details"));
        assertThat(statements).as("no outbox row for a cash order").noneMatch(sql -> sql.contains("myelin.outbox"));
        assertThat(statements).as("no read-back of the events just appended")
                .noneMatch(sql -> sql.contains("from myelin.events") && !sql.contains("insert into myelin.events"));
        assertThat(statements.stream().filter(sql -> sql.equals("commit"))).as("one transaction").hasSize(1);
    }

    /**
     * An order of a counted ingredient (a pizza of its own, restocked) locks its stock row and reserves
     * it: the read finds it counted, then the lock and the guarded update follow in the transaction.
     */
    @Test
    void anOrderOfACountedIngredientLocksAndReservesIt() {
        String pizza = "counted-statements";
        assertThat(http.post("/api/menu/pizzas", """
                {"pizza_id": "%s", "name": "Counted", "description": "Counted", "category": "specialty",
                 "base_price": 10.00, "preparation_time_minutes": 10, "seasonal": false, "available": true}
                """.formatted(pizza), "manager").status()).isEqualTo(201);
        assertThat(http.post("/api/inventory/bases/" + pizza + "/restock", "{\"quantity\": 5}", "manager").status())
                .isEqualTo(200);
        List<String> statements = new ArrayList<>();
        RECORDED.set(statements);
        try {
            assertThat(mediator.send(new PlaceOrder(null, "Statement Counter", "+39 06 0000 0006", "Via Roma 1",
                    List.of(new PlaceOrder.PizzaItem(pizza, PizzaSize.MEDIUM, List.of("basil"), null)),
                    PaymentMethod.CASH, null)).isSuccess()).isTrue();
        } finally {
            RECORDED.remove();
        }

        assertThat(statements).as("the stock lock")
                .anyMatch(sql -> sql.contains("from inventory_stock") && sql.contains("for update"));
        assertThat(statements).as("the reservation").anyMatch(sql -> sql.startsWith("update inventory_stock set reserved"));
    }

    /**
     * The capacity check costs the same however many orders there are: the placing transaction reads
     * the kitchen's load from its maintained read model ({@code kitchen_load}, 64 rows) and aggregates
     * nothing else; no statement reads the order read models (the old check summed every active order
     * of {@code order_summaries}).
     */
    @Test
    void placeOrderReadsTheKitchenLoadAndScansNoOrders() {
        assertThat(mediator.send(order("+39 06 0000 0003")).isSuccess()).isTrue();

        List<String> statements = new ArrayList<>();
        RECORDED.set(statements);
        try {
            assertThat(mediator.send(order("+39 06 0000 0004")).isSuccess()).isTrue();
        } finally {
            RECORDED.remove();
        }

        assertThat(statements).as("the load is read from its read model")
                .anyMatch(sql -> sql.startsWith("select") && sql.contains("from kitchen_load"));
        assertThat(statements.stream().filter(sql -> sql.matches("(?is).*\\b(sum|count|avg)\\s*\\(.*")))
                .as("nothing but the load's 64 rows is aggregated").allMatch(sql -> sql.contains("from kitchen_load"));
        assertThat(statements).as("no read of the orders' read models")
                .noneMatch(sql -> sql.startsWith("select") && (sql.contains("order_summaries") || sql.contains("kitchen_queue")));
    }

    /**
     * A pizza or topping not on the menu is refused inside the transaction with the response the
     * validation gave before (400 "Validation failed" naming each field), reading the menu once, and
     * nothing is read outside the transaction.
     */
    @Test
    void anUnknownToppingIsTheSameFieldErrorAfterOneMenuRead() {
        PlaceOrder order = new PlaceOrder(null, "Statement Counter", "+39 06 0000 0005", "Via Roma 1",
                List.of(new PlaceOrder.PizzaItem("margherita", PizzaSize.SMALL, List.of("extra_cheese"), null),
                        new PlaceOrder.PizzaItem("marinara", PizzaSize.LARGE, List.of("pineapple", "basil", "kiwi"), null)),
                PaymentMethod.CASH, null);
        List<String> statements = new ArrayList<>();
        RECORDED.set(statements);
        OperationResult<OrderPlacedDto> refused;
        try {
            refused = mediator.send(order);
        } finally {
            RECORDED.remove();
        }

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.title()).isEqualTo("Validation failed");
        assertThat(refused.errors()).containsExactly(
                Map.entry("pizza_items[1].toppings[0]", List.of("is not a topping on the menu")),
                Map.entry("pizza_items[1].toppings[2]", List.of("is not a topping on the menu")));
        assertThat(statements.get(0)).isEqualTo("begin");
        assertThat(statements.stream().filter(sql -> sql.contains("from menu_"))).hasSize(1);
        assertThat(statements).noneMatch(sql -> sql.equals("commit"));
    }

    private static PlaceOrder twoPizzas(String phone) {
        return new PlaceOrder(null, "Statement Counter", phone, "Via Roma 1",
                List.of(new PlaceOrder.PizzaItem("margherita", PizzaSize.MEDIUM, List.of("extra_cheese"), null),
                        new PlaceOrder.PizzaItem("marinara", PizzaSize.LARGE, List.of("basil", "extra_cheese"), null)),
                PaymentMethod.CASH, null);
    }

    /**
     * A later command on the order (a chef confirms it) writes no order detail either: the detail is
     * folded from the events when read, so no statement reads, locks or rewrites a detail row (until V23
     * every event of an order did), and the inline projections' writes are one round trip. The detail read
     * right after shows the confirmation.
     */
    @Test
    void aConfirmationWritesNoDetailAndTheDetailReadAfterShowsIt() {
        OperationResult<OrderPlacedDto> placed = mediator.send(order("+39 06 0000 0007"));
        assertThat(placed.isSuccess()).isTrue();
        String orderId = placed.data().orderId();

        List<String> statements = new ArrayList<>();
        RECORDED.set(statements);
        try (RequestContext.Scope scope = RequestContext.builder().principal(Principal.of("chef", "chef")).build().bind()) {
            assertThat(mediator.send(new ConfirmOrder(orderId)).isSuccess()).isTrue();
        } finally {
            RECORDED.remove();
        }

        assertThat(statements).as("no detail row: %s", statements).noneMatch(sql -> sql.contains("order_details"));
        assertThat(statements.stream().filter(sql -> sql.contains("update order_summaries")))
                .as("the inline projections' writes in one round trip").singleElement()
                .satisfies(sql -> assertThat(sql).contains("update kitchen_queue"));
        assertThat(statements.stream().filter(sql -> sql.equals("commit"))).as("one transaction").hasSize(1);
        var detail = http.get("/api/orders/" + orderId, "manager");
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json().path("status").asString()).isEqualTo("confirmed");
        List<String> timeline = new ArrayList<>();
        detail.json().path("timeline").forEach(entry -> timeline.add(entry.path("event").asString()));
        assertThat(timeline).containsExactly("OrderPlaced", "OrderConfirmed");
    }

    private static PlaceOrder order(String phone) {
        return new PlaceOrder(null, "Statement Counter", phone, "Via Roma 1",
                List.of(new PlaceOrder.PizzaItem("margherita", PizzaSize.MEDIUM, List.of(), null)), PaymentMethod.CASH, null);
    }

    /** Wraps the application's data source: connections record their statements on the recording thread. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountingDataSource {
        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource && "dataSource".equals(name)
                            ? new Counting(dataSource) : bean;
                }
            };
        }
    }

    static final class Counting extends DelegatingDataSource {
        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            return (Connection) Proxy.newProxyInstance(Counting.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, arguments) -> {
                        List<String> recorded = RECORDED.get();
                        if (recorded != null) {
                            String name = method.getName();
                            if (name.startsWith("prepare") || name.equals("createStatement")) {
                                recorded.add(arguments == null || arguments.length == 0 ? name
                                        : String.valueOf(arguments[0]).strip());
                            } else if (name.equals("setAutoCommit") && Boolean.FALSE.equals(arguments[0])) {
                                recorded.add("begin");
                            } else if (name.equals("commit")) {
                                recorded.add("commit");
                            }
                        }
                        try {
                            return method.invoke(connection, arguments);
                        } catch (InvocationTargetException failure) {
                            throw failure.getCause();
                        }
                    });
        }
    }
}
