package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.AfterAppend;
import dev.myelin.core.DomainEvent;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.AggregateRoot;
import dev.myelin.core.EventHandler;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.postgres.document.DocumentStore;
import dev.myelin.postgres.document.PostgresDocumentRepository;
import dev.myelin.postgres.outbox.PostgresOutboxStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresDocumentRepositoryTest {

    record PizzaOrdered(String pizzaId, String name) implements DomainEvent {
    }

    record ToppingAdded(String pizzaId, String topping) implements DomainEvent {
    }

    record PizzaState(String name, BigDecimal price, List<String> toppings) {
    }

    static final class Pizza extends AggregateRoot<String> {
        private final String name;
        private BigDecimal price;
        private final List<String> toppings;

        Pizza(String id, long version, PizzaState state) {
            super(id, version);
            this.name = state.name();
            this.price = state.price();
            this.toppings = new ArrayList<>(state.toppings());
        }

        static Pizza order(String id, String name, BigDecimal price) {
            Pizza pizza = new Pizza(id, 0, new PizzaState(name, price, List.of()));
            pizza.record(new PizzaOrdered(id, name));
            return pizza;
        }

        void addTopping(String topping, BigDecimal surcharge) {
            toppings.add(topping);
            price = price.add(surcharge);
            record(new ToppingAdded(id(), topping));
        }

        PizzaState state() {
            return new PizzaState(name, price, List.copyOf(toppings));
        }
    }

    static final class Pizzas extends PostgresDocumentRepository<Pizza, String, PizzaState> {
        Pizzas(DocumentStore documents) {
            super(Pizza.class, PizzaState.class, documents);
        }

        @Override
        protected PizzaState state(Pizza pizza) {
            return pizza.state();
        }

        @Override
        protected Pizza restore(String id, long version, PizzaState state) {
            return new Pizza(id, version, state);
        }

        @Override
        protected String parseId(String storedId) {
            return storedId;
        }

        List<Pizza> withTopping(String topping) {
            return findContaining(Map.of("toppings", List.of(topping)));
        }
    }

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
    private final PostgresEventStore events = PostgresEventStore.builder(dataSource, transactions, transactions,
            JacksonEventSerializer.of(EventTypeRegistry.builder().register(PizzaOrdered.class).register(ToppingAdded.class)
                    .build())).build();
    private final PostgresOutboxStore outboxStore = PostgresOutboxStore.builder(dataSource, transactions,
            JacksonEventSerializer.of(EventTypeRegistry.builder().register(PizzaOrdered.class).register(ToppingAdded.class)
                    .build())).build();
    private final Kitchen kitchen = new Kitchen();
    private final OutboxDispatcher dispatcher = OutboxDispatcher.builder(outboxStore, transactions).handler(kitchen).build();
    private final Pizzas pizzas = new Pizzas(DocumentStore.builder(dataSource, transactions, transactions,
            AfterAppend.builder(events, transactions).outbox(dispatcher).build()).build());

    /** Receives every pizza event from the outbox. */
    static final class Kitchen implements EventHandler<DomainEvent> {
        final List<DomainEvent> received = new CopyOnWriteArrayList<>();

        @Override
        public void handle(DomainEvent event) {
            received.add(event);
        }
    }

    @AfterEach
    void closeStore() {
        events.close();
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.inTransaction(work, result -> true);
    }

    private void inTransaction(Runnable work) {
        transactions.inTransaction(() -> {
            work.run();
            return null;
        }, result -> true);
    }

    @Test
    void addedAggregateRoundTripsItsStateAndItsEventsReachTheLogAndTheOutbox() {
        Pizza pizza = Pizza.order("p1", "margherita", new BigDecimal("9.50"));
        pizza.addTopping("basil", new BigDecimal("0.40"));
        inTransaction(() -> pizzas.add(pizza));

        assertThat(pizza.version()).isEqualTo(1);
        assertThat(pizza.pendingEvents()).isEmpty();
        Pizza loaded = pizzas.get("p1").orElseThrow();
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.state()).isEqualTo(new PizzaState("margherita", new BigDecimal("9.90"), List.of("basil")));
        assertThat(events.readStream("Pizza-p1", 1, 10)).extracting(StoredEvent::event)
                .containsExactly(new PizzaOrdered("p1", "margherita"), new ToppingAdded("p1", "basil"));
        assertThat(outboxStore.pendingCount()).as("outbox rows committed with the state").isEqualTo(2);
        dispatcher.dispatchPending();
        assertThat(kitchen.received).containsExactly(new PizzaOrdered("p1", "margherita"), new ToppingAdded("p1", "basil"));

        loaded.addTopping("olives", BigDecimal.ONE);
        inTransaction(() -> pizzas.update(loaded));
        assertThat(pizzas.get("p1").orElseThrow()).satisfies(updated -> {
            assertThat(updated.version()).isEqualTo(2);
            assertThat(updated.state().toppings()).containsExactly("basil", "olives");
        });

        Pizza removing = pizzas.get("p1").orElseThrow();
        inTransaction(() -> pizzas.remove(removing));
        assertThat(pizzas.get("p1")).isEmpty();
        assertThat(pizzas.get("p2")).isEmpty();
    }

    /**
     * On the PostgreSQL event store the row's write and its events are ONE statement (one round trip):
     * an add, an update and a remove each prepare one statement that writes the document and inserts the
     * events, then the outbox insert of the after-append step.
     */
    @Test
    void theRowsWriteAndItsEventsAreOneStatement() {
        List<String> prepared = new CopyOnWriteArrayList<>();
        // Only this thread's statements: the store's notifier sends its pg_notify from a thread of its own.
        Thread saving = Thread.currentThread();
        DataSource recording = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    Object result = invoke(method, dataSource, arguments);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && Thread.currentThread() == saving) {
                                    prepared.add((String) a[0]);
                                }
                                return invoke(m, connection, a);
                            });
                });
        JdbcTransactionRunner runner = new JdbcTransactionRunner(recording);
        JacksonEventSerializer serializer = JacksonEventSerializer.of(EventTypeRegistry.builder()
                .register(PizzaOrdered.class).register(ToppingAdded.class).build());
        PostgresEventStore store = PostgresEventStore.builder(recording, runner, runner, serializer).build();
        OutboxDispatcher outbox = OutboxDispatcher.builder(PostgresOutboxStore.builder(recording, runner, serializer).build(),
                runner).handler(kitchen).build();
        try {
            Pizzas recorded = new Pizzas(DocumentStore.builder(recording, runner, runner,
                    AfterAppend.builder(store, runner).outbox(outbox).build()).build());
            Pizza pizza = Pizza.order("p1", "margherita", BigDecimal.TEN);
            pizza.addTopping("basil", BigDecimal.ONE);

            runner.inTransaction(() -> {
                recorded.add(pizza);
                return null;
            }, result -> true);
            Pizza loaded = recorded.get("p1").orElseThrow();
            loaded.addTopping("olives", BigDecimal.ONE);
            prepared.clear();
            runner.inTransaction(() -> {
                recorded.update(loaded);
                return null;
            }, result -> true);

            assertThat(prepared).hasSize(2);
            assertThat(prepared.get(0)).contains("update myelin.documents", "insert into myelin.events");
            assertThat(prepared.get(1)).contains("myelin.outbox");
            assertThat(events.readStream("Pizza-p1", 1, 10)).extracting(StoredEvent::event).containsExactly(
                    new PizzaOrdered("p1", "margherita"), new ToppingAdded("p1", "basil"), new ToppingAdded("p1", "olives"));
            assertThat(pizzas.get("p1").orElseThrow().version()).isEqualTo(2);
        } finally {
            store.close();
        }
    }

    private static Object invoke(Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException failure) {
            throw failure.getCause();
        }
    }

    @Test
    void addOfAnExistingIdAndUpdateOfAStaleCopyConflictNamingTheVersionFound() {
        inTransaction(() -> pizzas.add(Pizza.order("p1", "margherita", BigDecimal.TEN)));
        Pizza stale = pizzas.get("p1").orElseThrow();
        Pizza fresh = pizzas.get("p1").orElseThrow();
        fresh.addTopping("basil", BigDecimal.ONE);
        inTransaction(() -> pizzas.update(fresh));

        assertThatThrownBy(() -> inTransaction(() -> pizzas.add(Pizza.order("p1", "marinara", BigDecimal.ONE))))
                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.expectedVersion()).isZero();
                    assertThat(conflict.actualVersion()).isEqualTo(2);
                });
        stale.addTopping("olives", BigDecimal.ONE);
        assertThatThrownBy(() -> inTransaction(() -> pizzas.update(stale)))
                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.aggregateType()).isEqualTo("Pizza");
                    assertThat(conflict.aggregateId()).isEqualTo("p1");
                    assertThat(conflict.expectedVersion()).isEqualTo(1);
                    assertThat(conflict.actualVersion()).isEqualTo(2);
                });
        assertThat(events.readStream("Pizza-p1", 1, 10)).extracting(StoredEvent::event)
                .containsExactly(new PizzaOrdered("p1", "margherita"), new ToppingAdded("p1", "basil"));
        assertThatThrownBy(() -> inTransaction(() -> pizzas.remove(stale))).isInstanceOf(AggregateConflictException.class);
        assertThat(pizzas.get("p1")).isPresent();
    }

    @Test
    void twoWritersOfTheSameVersionExactlyOneWinsAndTheLosersEventsAreNotInTheLog() throws Exception {
        inTransaction(() -> pizzas.add(Pizza.order("p1", "margherita", BigDecimal.TEN)));
        CountDownLatch bothLoaded = new CountDownLatch(2);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (String topping : List.of("basil", "olives")) {
                outcomes.add(writers.submit(() -> {
                    try {
                        inTransaction(() -> {
                            Pizza pizza = pizzas.get("p1").orElseThrow();
                            bothLoaded.countDown();
                            awaitLatch(bothLoaded);
                            pizza.addTopping(topping, BigDecimal.ONE);
                            pizzas.update(pizza);
                        });
                        return "won " + topping;
                    } catch (AggregateConflictException conflict) {
                        return "lost at " + conflict.actualVersion();
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn(result -> result.startsWith("won")).hasSize(1);
            assertThat(results).contains("lost at 2");
            String winner = results.stream().filter(result -> result.startsWith("won")).findFirst().orElseThrow().substring(4);
            assertThat(pizzas.get("p1").orElseThrow().state().toppings()).containsExactly(winner);
            assertThat(events.readStream("Pizza-p1", 1, 10)).extracting(StoredEvent::event)
                    .containsExactly(new PizzaOrdered("p1", "margherita"), new ToppingAdded("p1", winner));
            assertThat(outboxStore.pendingCount()).as("no outbox row of the loser").isEqualTo(2);
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void failureAfterTheSaveInTheSameTransactionLeavesNeitherTheRowNorTheEvents() throws SQLException {
        Pizza pizza = Pizza.order("p1", "margherita", BigDecimal.TEN);
        assertThatThrownBy(() -> inTransaction(() -> {
            pizzas.add(pizza);
            assertThat(pizzas.get("p1")).as("visible inside the transaction").isPresent();
            throw new IllegalStateException("the command fails after saving");
        })).hasMessage("the command fails after saving");

        assertThat(pizzas.get("p1")).isEmpty();
        assertThat(events.readStream("Pizza-p1", 1, 10)).isEmpty();
        assertThat(count("select count(*) from myelin.documents") + count("select count(*) from myelin.events")).isZero();
        assertThat(outboxStore.pendingCount()).isZero();
    }

    @Test
    void finderOfASubclassReturnsTheAggregatesWhoseStateContainsAFragment() {
        Pizza basil = Pizza.order("p1", "margherita", BigDecimal.TEN);
        basil.addTopping("basil", BigDecimal.ONE);
        Pizza both = Pizza.order("p2", "napoli", BigDecimal.TEN);
        both.addTopping("olives", BigDecimal.ONE);
        both.addTopping("basil", BigDecimal.ONE);
        inTransaction(() -> {
            pizzas.add(basil);
            pizzas.add(both);
            pizzas.add(Pizza.order("p3", "marinara", BigDecimal.ONE));
        });

        assertThat(pizzas.withTopping("basil")).extracting(Pizza::id).containsExactly("p1", "p2");
        assertThat(pizzas.withTopping("olives")).singleElement().satisfies(found -> {
            assertThat(found.version()).isEqualTo(1);
            assertThat(found.state().price()).isEqualByComparingTo("12");
        });
        assertThat(pizzas.withTopping("anchovies")).isEmpty();
    }

    @Test
    void saveWithoutAnActiveTransactionCommitsRowAndEventsInItsOwn() {
        pizzas.add(Pizza.order("p1", "margherita", BigDecimal.TEN));

        assertThat(pizzas.get("p1")).isPresent();
        assertThat(events.readStream("Pizza-p1", 1, 10)).hasSize(1);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql);
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other writer never loaded");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
