package dev.myelin.examples.pizzeria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.core.DomainEvent;
import dev.myelin.core.EventHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.RequestContext;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.examples.pizzeria.menu.PizzaSize;
import dev.myelin.examples.pizzeria.orders.events.CookingStarted;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderConfirmed;
import dev.myelin.examples.pizzeria.orders.events.OrderDelivered;
import dev.myelin.examples.pizzeria.orders.events.OrderEvent;
import dev.myelin.examples.pizzeria.orders.events.OrderOutForDelivery;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.events.OrderReady;
import dev.myelin.examples.pizzeria.orders.events.PizzaReady;
import dev.myelin.examples.pizzeria.orders.place.PlaceOrder;
import dev.myelin.examples.pizzeria.payments.PaymentMethod;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The asynchronous work of an order in few round trips: the asynchronous projections write a batch of
 * events with one JDBC batch per table (round trips counted at the driver's door: each {@code execute*}
 * of a statement, a JDBC batch counting once), with the read models that applying the events one by
 * one gives; the customer's text costs one statement, and the notifications of a daemon round (the
 * notifiers are tracked handlers) one JDBC batch per statement.
 */
@Import(AsyncWritesBatchTest.CountingDataSource.class)
class AsyncWritesBatchTest extends PizzeriaHttpTest {

    /** Statement executions on the recording thread, by SQL text. */
    static final ThreadLocal<List<String>> RECORDED = new ThreadLocal<>();

    /** While set, statement executions on the application's background threads, as "thread: SQL". */
    static volatile Queue<String> background;

    private static final List<String> ASYNC_PROJECTIONS = List.of("CustomerHistoryProjection",
            "CustomerAnalyticsProjection", "KitchenPerformanceProjection", "PopularPizzasProjection");

    /** The read models of the asynchronous projections, each with a column that holds the run's prefix. */
    private static final Map<String, String> READ_MODELS = Map.of(
            "customer_orders", "order_id", "customer_stats", "customer_id", "customer_pizzas", "customer_id",
            "analytics_customers", "customer_id", "analytics_orders", "order_id", "kitchen_cooking", "order_id",
            "kitchen_pizza_times", "order_id", "analytics_order_items", "order_id");

    private static final Instant NOON = Instant.parse("2026-03-02T11:00:00Z");
    private static final List<String> PIZZAS = List.of("margherita", "pepperoni", "quattro_formaggi");

    @Autowired
    ApplicationContext context;

    @Autowired
    TransactionRunner transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Mediator mediator;

    private final AtomicLong positions = new AtomicLong(1_000_000);

    @Test
    void aBatchOfPlacedOrdersWritesEachTableInOneRoundTrip() {
        int orders = 20;
        List<StoredEvent> events = cookedOrders("count-", orders);
        Map<String, Projection> projections = asyncProjections();

        Map<String, Integer> batched = new LinkedHashMap<>();
        Map<String, Integer> oneByOne = new LinkedHashMap<>();
        projections.forEach((name, projection) -> batched.put(name, roundTrips(() -> projection.applyAll(events))));
        List<StoredEvent> others = cookedOrders("count-single-", orders);
        projections.forEach((name, projection) -> oneByOne.put(name, roundTrips(() -> others.forEach(projection::apply))));
        System.out.printf("%d orders (placed, cooked), round trips per projection: in one batch %s, one event at a time %s%n",
                orders, batched, oneByOne);

        assertThat(batched).as("one JDBC batch per statement, however many orders").containsExactlyInAnyOrderEntriesOf(Map.of(
                "CustomerHistoryProjection", 4, // orders, totals, favourites, statuses
                "CustomerAnalyticsProjection", 2, // customers, orders
                "KitchenPerformanceProjection", 2, // cooking starts, pizza times
                "PopularPizzasProjection", 1)); // lines
        assertThat(jdbc.sql("select count(*) from customer_orders where order_id like 'count-o%'").query(Long.class).single())
                .isEqualTo(orders);
        assertThat(jdbc.sql("select sum(total_orders) from customer_stats where customer_id like 'count-c%'")
                .query(Long.class).single()).isEqualTo(orders);
        assertThat(jdbc.sql("select count(*) from kitchen_pizza_times where order_id like 'count-o%'").query(Long.class)
                .single()).isEqualTo(2L * orders);
    }

    /**
     * A property over random histories (orders of a few customers, interleaved, some cancelled, some
     * delivered): the read models after batches of random sizes equal those after one event at a time.
     */
    @Test
    void applyingInBatchesGivesTheReadModelsOfApplyingOneByOne() {
        Map<String, Projection> projections = asyncProjections();
        for (long seed = 1; seed <= 5; seed++) {
            String one = "one" + seed + "-";
            String all = "all" + seed + "-";
            List<StoredEvent> oneByOne = history(one, new Random(seed));
            List<StoredEvent> batched = history(all, new Random(seed));
            for (StoredEvent event : oneByOne) {
                inTransaction(() -> projections.values().forEach(projection -> projection.apply(event)));
            }
            Random sizes = new Random(seed);
            for (int from = 0; from < batched.size();) {
                List<StoredEvent> batch = batched.subList(from, Math.min(batched.size(), from + 1 + sizes.nextInt(40)));
                inTransaction(() -> projections.values().forEach(projection -> projection.applyAll(batch)));
                from += batch.size();
            }
            for (Map.Entry<String, String> model : READ_MODELS.entrySet()) {
                List<String> expected = rows(model.getKey(), model.getValue(), one);
                assertThat(expected).as("%s (seed %d) has rows", model.getKey(), seed).isNotEmpty();
                assertThat(rows(model.getKey(), model.getValue(), all)).as("%s, seed %d", model.getKey(), seed)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    /**
     * What the asynchronous work of placed orders costs end to end (projection daemon rounds,
     * whose batches depend on timing, so it is printed for the record): the notifications of an order are
     * two statements, the kitchen's notice and the customer's text, and no contact is read on its own.
     */
    @Test
    void asynchronousStatementsPerPlacedOrder() {
        int orders = 20;
        List<String> phones = new ArrayList<>();
        Queue<String> executed = new ConcurrentLinkedQueue<>();
        background = executed;
        try {
            for (int i = 0; i < orders; i++) {
                String phone = "+39 06 777 " + (1000 + i);
                phones.add(phone);
                assertThat(mediator.send(new PlaceOrder(null, "Async Counter", phone, "Via Roma 1",
                        List.of(new PlaceOrder.PizzaItem("margherita", PizzaSize.MEDIUM, List.of(), null)), PaymentMethod.CASH,
                        null)).isSuccess()).isTrue();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                    select count(*) from notifications n join customer_orders o on o.order_id = n.order_id
                    where n.phone in (:phones)
                    and not exists (select from notifications_pending p
                                    where p.event_id = n.event_id and p.channel = n.channel)""")
                    .param("phones", phones).query(Long.class).single()
                    == orders);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                    select count(*) from analytics_orders a join notification_contacts c on c.order_id = a.order_id
                    where c.phone in (:phones)""").param("phones", phones).query(Long.class).single() == orders);
        } finally {
            background = null;
        }
        Map<String, Long> byThread = new TreeMap<>();
        for (String statement : executed) {
            byThread.merge(statement.substring(0, statement.indexOf(':')), 1L, Long::sum);
        }
        long notificationWrites = executed.stream().filter(sql -> sql.contains("insert into notifications")).count();
        assertThat(notificationWrites).as("the kitchen's notice and the customer's text, a JDBC batch per round each")
                .isBetween(2L, 2L * orders);
        assertThat(executed).noneMatch(sql -> sql.contains("select customer_id, customer_name, phone from notification_contacts"));
        System.out.printf("%d placed orders: %d statements on background threads (%.1f per order) %s%n%s%n", orders,
                executed.size(), executed.size() / (double) orders, byThread, String.join("\n---\n", executed));
        System.out.printf("%d placed orders: %d notification writes%n", orders, notificationWrites);
    }

    /**
     * The notifications of a daemon round (one transaction: the orders' kitchen notices, their
     * customers' texts on placing and on being ready) cost one JDBC batch per statement, however many
     * orders; a redelivered round stores nothing; every row is sent once the round committed.
     */
    @Test
    void theNotificationsOfARoundAreOneBatchPerStatement() {
        int orders = 10;
        String prefix = "round-" + UUID.randomUUID() + "-";
        EventHandler<DomainEvent> kitchen = handler("KitchenNotifier");
        EventHandler<DomainEvent> sms = handler("CustomerSmsNotifier");
        List<Runnable> round = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            OrderPlaced placed = placed(prefix + i, prefix + "c" + i, List.of("margherita"), clock.instant());
            round.add(() -> handle(kitchen, placed));
            round.add(() -> handle(sms, placed));
            if (i > 0) {
                String previous = prefix + (i - 1);
                round.add(() -> handle(sms, new OrderReady(previous, clock.instant())));
            }
        }

        int trips = roundTrips(() -> round.forEach(Runnable::run));
        int again = roundTrips(() -> round.forEach(Runnable::run));

        System.out.printf("notifications of %d orders (placed, ready) in one round: %d round trips, redelivered %d%n",
                orders, trips, again);
        assertThat(List.of(trips, again)).as("kitchen notices, customer texts; the same when redelivered").containsExactly(2, 2);
        assertThat(jdbc.sql("select channel || ' ' || recipient from notifications where order_id like :prefix")
                .param("prefix", prefix + "%").query(String.class).list())
                .as("once per event and channel, the texts to the remembered contact").hasSize(3 * orders - 1)
                .filteredOn(row -> row.startsWith("sms ")).hasSize(2 * orders - 1).allMatch(row -> row.startsWith("sms " + prefix + "c"));
        assertThat(jdbc.sql("select count(*) from notification_contacts where order_id like :prefix")
                .param("prefix", prefix + "%").query(Long.class).single()).isEqualTo(orders);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from notifications n where order_id like :prefix"
                + " and not exists (select from notifications_pending p where p.event_id = n.event_id and p.channel = n.channel)")
                .param("prefix", prefix + "%").query(Long.class).single() == 3L * orders - 1);
    }

    /** The customer's text of an event is one statement (it was: remember the contact, read it, store). */
    @Test
    void eachCustomerTextIsOneStatement() {
        String order = "text-" + UUID.randomUUID();
        EventHandler<DomainEvent> sms = handler("CustomerSmsNotifier");
        OrderPlaced placed = placed(order, "text-customer", List.of("margherita"), clock.instant());

        int placedTrips = roundTrips(() -> handle(sms, placed));
        int readyTrips = roundTrips(() -> handle(sms, new OrderReady(order, clock.instant())));
        int againTrips = roundTrips(() -> handle(sms, placed));

        assertThat(List.of(placedTrips, readyTrips, againTrips)).as("placed, ready, placed redelivered").containsExactly(1, 1, 1);
        assertThat(jdbc.sql("select recipient || ' ' || phone from notifications where order_id = :id order by id")
                .param("id", order).query(String.class).list())
                .as("stored once per event, to the remembered contact")
                .containsExactly("text-customer +39 06 555 0100", "text-customer +39 06 555 0100");
        assertThat(jdbc.sql("select count(*) from notification_contacts where order_id = :id").param("id", order)
                .query(Long.class).single()).isEqualTo(1);
    }

    /** Orders of four customers, two pizzas each, placed and cooked. */
    private List<StoredEvent> cookedOrders(String prefix, int orders) {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String order = prefix + "o" + i;
            events.add(stored(placed(order, prefix + "c" + (i % 4), List.of("margherita", "pepperoni"), NOON)));
            events.add(stored(new CookingStarted(order, "chef", 12, NOON.plusSeconds(900), NOON.plusSeconds(60))));
            events.add(stored(new PizzaReady(order, 0, "margherita", NOON.plusSeconds(600))));
            events.add(stored(new PizzaReady(order, 1, "pepperoni", NOON.plusSeconds(660))));
        }
        return events;
    }

    /** Orders of four customers, their events interleaved at random, each order in its own order of events. */
    private List<StoredEvent> history(String prefix, Random random) {
        List<Deque<DomainEvent>> lives = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String order = prefix + "o" + i;
            Instant at = NOON.plus(Duration.ofMinutes(i));
            List<String> pizzas = new ArrayList<>();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                pizzas.add(PIZZAS.get(random.nextInt(PIZZAS.size())));
            }
            Deque<DomainEvent> life = new ArrayDeque<>();
            life.add(placed(order, prefix + "c" + random.nextInt(4), pizzas, at));
            if (random.nextBoolean()) {
                life.add(new OrderConfirmed(order, at.plusSeconds(10)));
            }
            if (random.nextInt(3) == 0) {
                life.add(new OrderCancelled(order, "changed my mind", BigDecimal.ZERO, null, null, null, at.plusSeconds(20)));
            } else {
                life.add(new CookingStarted(order, "chef" + random.nextInt(2), 10, at.plusSeconds(660), at.plusSeconds(60)));
                for (int p = 0; p < pizzas.size(); p++) {
                    life.add(new PizzaReady(order, p, pizzas.get(p), at.plusSeconds(300 + 200L * random.nextInt(4))));
                }
                life.add(new OrderReady(order, at.plusSeconds(1000)));
                if (random.nextBoolean()) {
                    life.add(new OrderOutForDelivery(order, "driver", at.plusSeconds(1100)));
                    life.add(new OrderDelivered(order, "driver", at.plusSeconds(1500)));
                }
            }
            lives.add(life);
        }
        List<StoredEvent> events = new ArrayList<>();
        while (!lives.isEmpty()) {
            int pick = random.nextInt(Math.min(lives.size(), 5));
            events.add(stored(lives.get(pick).poll()));
            if (lives.get(pick).isEmpty()) {
                lives.remove(pick);
            }
        }
        return events;
    }

    private static OrderPlaced placed(String order, String customer, List<String> pizzas, Instant at) {
        List<OrderPlaced.Line> lines = pizzas.stream().map(pizza -> new OrderPlaced.Line(pizza, pizza.toUpperCase(),
                PizzaSize.MEDIUM, List.of(), null, new BigDecimal("9.00"), BigDecimal.ZERO, new BigDecimal("9.00"), 10)).toList();
        BigDecimal subtotal = new BigDecimal("9.00").multiply(BigDecimal.valueOf(pizzas.size()));
        BigDecimal fee = new BigDecimal("2.50");
        return new OrderPlaced(order, new OrderPlaced.Customer(customer, "Name of " + customer, "+39 06 555 0100", "Via Roma 1"),
                lines, new OrderPlaced.Totals(subtotal, BigDecimal.ZERO, fee, subtotal.add(fee)),
                new OrderPlaced.Payment("cash", OrderPlaced.Payment.DUE, null), at.plusSeconds(1200), at, null);
    }

    private StoredEvent stored(DomainEvent event) {
        long position = positions.incrementAndGet();
        return new StoredEvent(position, "order-" + position, 1, UUID.randomUUID().toString(), event.getClass().getSimpleName(),
                1, event, EventMetadata.empty(), NOON);
    }

    /** The rows of a read model that hold the prefix, as text without it, sorted. */
    private List<String> rows(String table, String column, String prefix) {
        return jdbc.sql("select t::text from " + table + " t where " + column + " like :prefix")
                .param("prefix", prefix + "%").query(String.class).list().stream()
                .map(row -> row.replace(prefix, "")).sorted().toList();
    }

    private Map<String, Projection> asyncProjections() {
        Map<String, Projection> found = new LinkedHashMap<>();
        for (Projection projection : context.getBeansOfType(Projection.class).values()) {
            if (ASYNC_PROJECTIONS.contains(projection.name())) {
                found.put(projection.name(), projection);
            }
        }
        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(ASYNC_PROJECTIONS);
        return found;
    }

    @SuppressWarnings("unchecked")
    private EventHandler<DomainEvent> handler(String simpleName) {
        return context.getBeansOfType(EventHandler.class).values().stream()
                .filter(handler -> handler.getClass().getSimpleName().startsWith(simpleName)).findFirst().orElseThrow();
    }

    private void handle(EventHandler<DomainEvent> handler, DomainEvent event) {
        try (RequestContext.Scope scope = RequestContext.builder().causationId("event-" + event.getClass().getSimpleName()
                + "-" + ((OrderEvent) event).orderId()).build().bind()) {
            handler.handle(event);
        }
    }

    /** Runs the work in a transaction on this thread; returns the statements it executed. */
    private int roundTrips(Runnable work) {
        List<String> statements = new ArrayList<>();
        RECORDED.set(statements);
        try {
            inTransaction(work);
        } finally {
            RECORDED.remove();
        }
        return statements.size();
    }

    private void inTransaction(Runnable work) {
        transactions.inTransaction(() -> {
            work.run();
            return null;
        }, result -> true);
    }

    /** Wraps the application's data source: statements record their executions on the recording thread. */
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
        private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
                "executeLargeUpdate", "executeBatch", "executeLargeBatch");

        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            return (Connection) Proxy.newProxyInstance(Counting.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, arguments) -> {
                        Object result = invoke(method, connection, arguments);
                        if (result instanceof Statement statement) {
                            return counting(statement, arguments == null || arguments.length == 0 ? method.getName()
                                    : String.valueOf(arguments[0]).strip(), method.getReturnType());
                        }
                        return result;
                    });
        }

        private static Object counting(Statement statement, String sql, Class<?> type) {
            return Proxy.newProxyInstance(Counting.class.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, arguments) -> {
                        List<String> recorded = RECORDED.get();
                        Queue<String> others = background;
                        if (recorded != null && EXECUTIONS.contains(method.getName())) {
                            recorded.add(sql);
                        } else if (others != null && EXECUTIONS.contains(method.getName())
                                && Thread.currentThread().getName().startsWith("myelin-")) {
                            others.add(Thread.currentThread().getName().replaceAll("-[0-9a-f-]+$", "") + ": " + sql);
                        }
                        return invoke(method, statement, arguments);
                    });
        }

        private static Object invoke(Method method, Object target, Object[] arguments) throws Throwable {
            try {
                return method.invoke(target, arguments);
            } catch (InvocationTargetException failure) {
                throw failure.getCause();
            }
        }
    }
}
