package dev.myelin.spring.boot.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.myelin.behaviors.idempotency.IdempotencyStore;
import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.outbox.OutboxStore;
import dev.myelin.data.AfterAppend;
import dev.myelin.data.snapshot.SnapshotStore;
import dev.myelin.postgres.EventTypeRegistry;
import dev.myelin.postgres.PostgresEventStore;
import dev.myelin.postgres.idempotency.PostgresIdempotencyStore;
import dev.myelin.postgres.snapshot.PostgresSnapshotStore;
import dev.myelin.spring.boot.data.PizzaDomain.Kitchen;
import dev.myelin.spring.boot.transaction.SpringCurrentConnection;
import dev.myelin.spring.boot.transaction.SpringTransactionRunner;
import dev.myelin.spring.boot.data.PizzaDomain.OrderPizza;
import dev.myelin.spring.boot.data.PizzaDomain.PizzaOrdered;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

class DataAutoConfigurationTest {

    @TempDir
    Path dataDirectory;

    private ApplicationContextRunner runner() {
        return PizzaDomain.runner(dataDirectory);
    }

    @Test
    void commandSavesRowEventAndOutboxTogetherThenHandlerRunsOnceAndBothProjectionsApply() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            Mediator mediator = context.getBean(Mediator.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            Kitchen kitchen = context.getBean(Kitchen.class);

            OperationResult<String> result = mediator.send(new OrderPizza("p1", "margherita"));

            assertThat(result.isSuccess()).isTrue();
            assertThat(jdbc.queryForObject("select count(*) from myelin.documents where aggregate_id = 'p1'", Long.class))
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from myelin.events where stream_id = 'Pizza-p1'", Long.class))
                    .isEqualTo(1);
            // Inline: applied before send returned, in the command's transaction.
            assertThat(jdbc.queryForObject("select count from pizza_count where name = 'margherita'", Integer.class))
                    .isEqualTo(1);
            // Woken after commit, not by the 30 s poll.
            await().atMost(Duration.ofSeconds(10)).until(() -> kitchen.received.size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "select count(*) from pizza_list where id = 'p1'", Long.class) == 1);
            OutboxStore outbox = context.getBean(OutboxStore.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pendingCount() == 0);
            assertThat(kitchen.received).containsExactly(new PizzaOrdered("p1", "margherita"));
        });
    }

    @Test
    void publishOfADomainEventGoesThroughTheOutboxOnlyAfterCommitAndItsHandlerRunsOnce() {
        runner().run(context -> {
            Mediator mediator = context.getBean(Mediator.class);
            Kitchen kitchen = context.getBean(Kitchen.class);
            TransactionRunner transactions = context.getBean(TransactionRunner.class);
            OutboxDispatcher dispatcher = context.getBean(OutboxDispatcher.class);
            PizzaOrdered rolledBack = new PizzaOrdered("pub-0", "marinara");
            PizzaOrdered published = new PizzaOrdered("pub-1", "diavola");

            assertThatThrownBy(() -> transactions.inTransaction(() -> {
                mediator.publish(rolledBack);
                throw new IllegalStateException("the command failed");
            }, result -> true)).hasMessage("the command failed");
            transactions.inTransaction(() -> {
                mediator.publish(published);
                assertThat(kitchen.received).as("never in-process, never before the commit").isEmpty();
                return null;
            }, result -> true);
            mediator.publish(published);   // the same instance again, outside the transaction: already stored

            await().atMost(Duration.ofSeconds(10)).until(() -> kitchen.received.size() == 1);
            dispatcher.dispatchPending();
            assertThat(kitchen.received).containsExactly(published);
            assertThat(context.getBean(JdbcTemplate.class).queryForObject(
                    "select count(*) from myelin.events where stream_id like 'published-%'", Long.class)).isEqualTo(1);
        });
    }

    @Test
    void handlersRunMillisecondsAfterCommitNotAtThePollInterval() {
        runner().run(context -> {
            Mediator mediator = context.getBean(Mediator.class);
            Kitchen kitchen = context.getBean(Kitchen.class);
            List<Long> latenciesMicros = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int expected = i + 1;
                long sent = System.nanoTime();
                mediator.send(new OrderPizza("latency-" + i, "margherita"));
                await().atMost(Duration.ofSeconds(10)).until(() -> kitchen.received.size() == expected);
                latenciesMicros.add((kitchen.receivedAtNanos.get(i) - sent) / 1_000);
            }
            List<Long> sorted = latenciesMicros.stream().sorted().toList();
            System.out.printf("send-to-handler latency over 20 commands (us): p50 %d, max %d%n", sorted.get(9), sorted.get(19));
            // The poll interval is 30 s: only the after-commit wake-up delivers this fast.
            assertThat(sorted.get(19)).isLessThan(2_000_000);
        });
    }

    @Test
    void failedCommandRollsBackRowEventOutboxAndInlineProjection() {
        runner().run(context -> {
            Mediator mediator = context.getBean(Mediator.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

            OperationResult<String> result = mediator.send(new OrderPizza("p2", "reject"));

            assertThat(result.isSuccess()).isFalse();
            assertThat(jdbc.queryForObject("select count(*) from myelin.documents", Long.class)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from myelin.events", Long.class)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from myelin.outbox", Long.class)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from pizza_count", Long.class)).isZero();
        });
    }

    @Test
    void beansAreThePostgresOnesAndTheUnitOfWorkIsSpringsTransaction() {
        runner().run(context -> {
            assertThat(context.getBean(TransactionRunner.class)).isInstanceOf(SpringTransactionRunner.class);
            assertThat(context.getBean(CurrentConnection.class)).isInstanceOf(SpringCurrentConnection.class);
            assertThat(context.getBean(EventStore.class)).isInstanceOf(AfterAppend.class);
            assertThat(context.getBean("myelinPostgresEventStore")).isInstanceOf(PostgresEventStore.class);
            assertThat(context.getBean(IdempotencyStore.class)).isInstanceOf(PostgresIdempotencyStore.class);
            assertThat(context.getBean(SnapshotStore.class)).isInstanceOf(PostgresSnapshotStore.class);
            assertThat(context.getBean(EventTypeRegistry.class).nameOf(PizzaOrdered.class)).isEqualTo("PizzaOrdered");
            assertThat(context).hasSingleBean(MyelinEmbeddedPostgres.class);
        });
    }

    @Test
    void applicationFlywayAndFrameworkSchemaBothMigrate() {
        runner().run(context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            List<Map<String, Object>> histories = jdbc.sql("""
                    select table_schema from information_schema.tables
                    where table_name = 'flyway_schema_history' order by table_schema""").query().listOfRows();
            assertThat(histories).extracting(row -> row.get("table_schema")).containsExactly("myelin", "public");
            assertThat(jdbc.sql("select count(*) from pizza_list").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from myelin.events").query(Long.class).single()).isZero();
        });
    }
}
