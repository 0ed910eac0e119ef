package dev.myelin.postgres.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.EventHandler;
import dev.myelin.data.contract.MutableClock;
import dev.myelin.data.contract.TestEvents.OrderEvent;
import dev.myelin.data.contract.TestEvents.Placed;
import dev.myelin.data.contract.TestEvents.Poisoned;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.postgres.EventTypeRegistry;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.PostgresEventStore;
import dev.myelin.postgres.SharedPostgres;
import dev.myelin.data.contract.TestEvents;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batched outbox delivery on PostgreSQL: a round's deliveries, their inbox records and their removal in one
 * transaction; a failing handler falls back to one delivery per transaction without blocking or duplicating
 * the others' writes; a batch rolled back by a crash-like error is delivered again, each write once.
 * Handlers write their effects through the current transaction's connection, so what is counted below is
 * what committed.
 */
class BatchedDeliveryTest {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);

    private final AtomicInteger commits = new AtomicInteger();
    private final List<String> statements = new CopyOnWriteArrayList<>();
    private final DataSource dataSource = counting(SharedPostgres.freshDatabase(), commits, statements);
    private final JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
    private final JacksonEventSerializer serializer = JacksonEventSerializer.of(EventTypeRegistry.builder()
            .register(Placed.class)
            .register(TestEvents.Added.class)
            .register(Poisoned.class)
            .build());
    private final PostgresEventStore events = PostgresEventStore.builder(dataSource, transactions, transactions, serializer)
            .build();
    private final PostgresOutboxStore outbox = PostgresOutboxStore.builder(dataSource, transactions, serializer).build();
    private final PostgresInbox inbox = new PostgresInbox(dataSource, transactions, MyelinSchema.DEFAULT);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));

    @BeforeEach
    void effectsTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table effects (handler text not null, order_id text not null)");
        }
    }

    /** A handler that records its effect in the delivery's transaction. */
    private EventHandler<OrderEvent> writing(String handler) {
        return event -> {
            try (PreparedStatement insert = transactions.get().prepareStatement(
                    "insert into effects (handler, order_id) values (?, ?)")) {
                insert.setString(1, handler);
                insert.setString(2, event.orderId());
                insert.executeUpdate();
            } catch (SQLException failure) {
                throw new IllegalStateException(failure);
            }
        };
    }

    private OutboxDispatcher.Builder dispatcher() {
        return OutboxDispatcher.builder(outbox, transactions)
                .eventStore(events)
                .inbox(inbox)
                .clock(clock)
                .retries(3, Duration.ofSeconds(1), Duration.ofSeconds(10))
                .batch(100, CLAIM_TIMEOUT);
    }

    private void commit(OutboxDispatcher dispatcher, OrderEvent event) {
        transactions.inTransaction(() -> {
            var result = events.append("Order-" + event.orderId(), ExpectedVersion.any(), List.of(event),
                    EventMetadata.empty());
            dispatcher.enqueue(result.events());
            return null;
        }, result -> true);
    }

    @Test
    void manyDeliveriesCostOneClaimAndOneDeliveryTransactionPerRound() {
        OutboxDispatcher dispatcher = dispatcher()
                .handler("a", OrderEvent.class, writing("a"))
                .handler("b", OrderEvent.class, writing("b"))
                .build();
        for (int i = 0; i < 20; i++) {
            commit(dispatcher, new Placed(String.valueOf(i)));
        }

        commits.set(0);
        assertThat(dispatcher.dispatchPending()).isEqualTo(40);

        // One claim, one transaction for the 40 deliveries (handlers, inbox rows, removal), and the claim that
        // found nothing left. One transaction per delivery would be 42.
        assertThat(commits.get()).isEqualTo(3);
        assertThat(effects()).hasSize(40).allSatisfy((order, count) -> assertThat(count).isEqualTo(1L));
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void aRoundRecordsAllItsInboxRowsInOneStatementAndClaimsInTwo() {
        OutboxDispatcher dispatcher = dispatcher()
                .handler("a", OrderEvent.class, writing("a"))
                .handler("b", OrderEvent.class, writing("b"))
                .build();
        for (int i = 0; i < 20; i++) {
            commit(dispatcher, new Placed(String.valueOf(i)));
        }

        statements.clear();
        assertThat(dispatcher.dispatchPending()).isEqualTo(40);

        assertThat(statements.stream().filter(sql -> sql.contains("myelin.inbox")))
                .as("inbox statements of a round of 40 deliveries (one per delivery before)")
                .singleElement().satisfies(sql -> assertThat(sql).contains("unnest(", "returning handler, event_id"));
        assertThat(statements.stream().filter(sql -> sql.contains("insert into effects"))).hasSize(40);
        assertThat(statements.stream().filter(sql -> sql.contains("pg_advisory_xact_lock")))
                .as("the claim that found 40 and the one that found none: lock and asynchronous commit in one statement")
                .hasSize(2).allSatisfy(sql -> assertThat(sql).contains("set_config('synchronous_commit', 'off', true)"));
        assertThat(statements).noneMatch(sql -> sql.contains("set local"));
        // Per claim: the lock and the claim; the round: inbox rows, 40 handler writes, the removal. (The event
        // store's wake-up notification for the appends above may land here too: it is no part of the round.)
        assertThat(statements.stream().filter(sql -> !sql.contains("pg_notify"))).hasSize(2 + 1 + 40 + 1 + 2);
        assertThat(effects()).hasSize(40).allSatisfy((order, count) -> assertThat(count).isEqualTo(1L));
        assertThat(inboxRows()).isEqualTo(40);
    }

    @Test
    void aDeliveryWhoseInboxRowIsThereIsRemovedInTheBatchWithoutRunningItsHandler() {
        OutboxDispatcher dispatcher = dispatcher()
                .handler("a", OrderEvent.class, writing("a"))
                .handler("b", OrderEvent.class, writing("b"))
                .build();
        for (int i = 1; i <= 3; i++) {
            commit(dispatcher, new Placed(String.valueOf(i)));
        }
        // As after a crash between the commit of a's effects for order 2 (with its inbox row) and the removal.
        String second = events.readAll(0, 10).get(1).eventId();
        assertThat(inbox.markProcessed("a", second)).isTrue();

        commits.set(0);
        assertThat(dispatcher.dispatchPending()).isEqualTo(6);

        assertThat(commits.get()).as("one claim, one batch, the empty claim: no fallback").isEqualTo(3);
        assertThat(effects()).containsOnly(Map.entry("a:1", 1L), Map.entry("a:3", 1L), Map.entry("b:1", 1L),
                Map.entry("b:2", 1L), Map.entry("b:3", 1L));
        assertThat(outbox.pendingCount()).isZero();
        assertThat(inboxRows()).isEqualTo(6);
    }

    @Test
    void aFailingHandlerInABatchNeitherBlocksNorDuplicatesTheOthers() {
        OutboxDispatcher dispatcher = dispatcher()
                .handler("healthy", OrderEvent.class, writing("healthy"))
                .handler("picky", OrderEvent.class, event -> {
                    if (event instanceof Poisoned) {
                        throw new IllegalArgumentException("cannot digest " + event.orderId());
                    }
                    writing("picky").handle(event);
                })
                .build();
        commit(dispatcher, new Placed("1"));
        commit(dispatcher, new Poisoned("2"));
        commit(dispatcher, new Placed("3"));

        dispatcher.dispatchPending();

        // healthy committed everything, once; picky committed what came before its failure; Placed(3) waits.
        assertThat(effects()).containsOnly(Map.entry("healthy:1", 1L), Map.entry("healthy:2", 1L),
                Map.entry("healthy:3", 1L), Map.entry("picky:1", 1L));
        assertThat(outbox.pendingCount()).as("picky's failed delivery and the one waiting behind it").isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        dispatcher.dispatchPending();
        clock.advance(Duration.ofSeconds(2));
        dispatcher.dispatchPending();

        assertThat(dispatcher.deadLetters().list(0, 10)).singleElement().satisfies(letter -> {
            assertThat(letter.handler()).isEqualTo("picky");
            assertThat(letter.attempts()).as("the batch's failure is no attempt").isEqualTo(3);
        });
        assertThat(effects()).containsOnly(Map.entry("healthy:1", 1L), Map.entry("healthy:2", 1L),
                Map.entry("healthy:3", 1L), Map.entry("picky:1", 1L), Map.entry("picky:3", 1L));
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void aBatchRolledBackByACrashIsDeliveredAgainEachWriteOnce() {
        AtomicBoolean crashed = new AtomicBoolean();
        OutboxDispatcher dispatcher = dispatcher()
                .handler("a", OrderEvent.class, writing("a"))
                .handler("b", OrderEvent.class, event -> {
                    writing("b").handle(event);
                    if ("3".equals(event.orderId()) && crashed.compareAndSet(false, true)) {
                        // Not a handler failure: like the process dying in the middle of the batch.
                        throw new InternalError("the machine fell over");
                    }
                })
                .build();
        for (int i = 1; i <= 4; i++) {
            commit(dispatcher, new Placed(String.valueOf(i)));
        }

        assertThatThrownBy(dispatcher::dispatchPending).isInstanceOf(InternalError.class);
        assertThat(effects()).as("the whole batch rolled back").isEmpty();
        assertThat(inboxRows()).isZero();
        assertThat(dispatcher.dispatchPending()).as("still claimed by the crashed round").isZero();

        clock.advance(CLAIM_TIMEOUT.plusSeconds(1));
        assertThat(dispatcher.dispatchPending()).isEqualTo(8);

        assertThat(effects()).hasSize(8).allSatisfy((order, count) -> assertThat(count).isEqualTo(1L));
        assertThat(inboxRows()).isEqualTo(8);

        // Delivered once more anyway (a claim lost with the database): the inbox skips every handler.
        transactions.inTransaction(() -> {
            dispatcher.enqueue(events.readAll(0, 100));
            return null;
        }, result -> true);
        dispatcher.dispatchPending();
        assertThat(effects()).hasSize(8).allSatisfy((order, count) -> assertThat(count).isEqualTo(1L));
    }

    private Map<String, Long> effects() {
        return query("select handler || ':' || order_id from effects").stream()
                .collect(Collectors.groupingBy(row -> row, Collectors.counting()));
    }

    private long inboxRows() {
        return Long.parseLong(query("select count(*) from myelin.inbox").get(0));
    }

    private List<String> query(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** Wraps a data source so that every {@code Connection.commit()} is counted and every statement's SQL recorded. */
    private static DataSource counting(DataSource target, AtomicInteger commits, List<String> statements) {
        return (DataSource) Proxy.newProxyInstance(BatchedDeliveryTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof Connection connection) {
                        InvocationHandler onConnection = (p, m, a) -> {
                            if (m.getName().equals("commit")) {
                                commits.incrementAndGet();
                            } else if (m.getName().startsWith("prepare")) {
                                statements.add(String.valueOf(a[0]));
                            } else if (m.getName().equals("createStatement")) {
                                statements.add("createStatement");
                            }
                            return invoke(connection, m, a);
                        };
                        return Proxy.newProxyInstance(BatchedDeliveryTest.class.getClassLoader(),
                                new Class<?>[] {Connection.class}, onConnection);
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException failure) {
            throw failure.getCause();
        }
    }
}
