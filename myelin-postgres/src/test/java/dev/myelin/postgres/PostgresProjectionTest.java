package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.contract.TestEvents;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.postgres.projection.PostgresCheckpointStore;
import dev.myelin.postgres.projection.PostgresProjectionLease;
import dev.myelin.postgres.projection.PostgresProjectionTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Projections on PostgreSQL beyond the shared contract: daemons of two instances, and rebuilds under readers. */
class PostgresProjectionTest {

    private static final String SQL_CREATE_TABLES = """
            create table applied (seq bigint generated always as identity, daemon text not null, event_id text not null);
            create table pizzas (position bigint primary key, event_id text not null)
            """;

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final List<AutoCloseable> closing = new ArrayList<>();

    PostgresProjectionTest() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(SQL_CREATE_TABLES);
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    /** One application instance: its own runner, event store, checkpoint store and lease over the shared database. */
    private final class Instance {
        final JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
        final PostgresEventStore events = PostgresEventStore.builder(dataSource, transactions, transactions,
                JacksonEventSerializer.of(EventTypeRegistry.builder().register(TestEvents.Added.class).build())).build();
        final AtomicInteger applied = new AtomicInteger();

        Instance() {
            closing.add(events);
        }

        ProjectionDaemon daemon(String owner, Projection projection, int batchSize) {
            ProjectionDaemon daemon = ProjectionDaemon.builder(events, transactions,
                            new PostgresCheckpointStore(dataSource, transactions, MyelinSchema.DEFAULT),
                            new PostgresProjectionLease(dataSource, MyelinSchema.DEFAULT, Clock.systemUTC()))
                    .owner(owner)
                    .batching(batchSize, Duration.ofSeconds(30))
                    .projection(projection)
                    .build();
            closing.add(daemon);
            return daemon;
        }

        Projection recording(String daemon) {
            return new Projection() {
                @Override
                public void apply(StoredEvent event) {
                    try (PreparedStatement insert = transactions.currentConnection()
                            .prepareStatement("insert into applied (daemon, event_id) values (?, ?)")) {
                        insert.setString(1, daemon);
                        insert.setString(2, event.eventId());
                        insert.executeUpdate();
                    } catch (SQLException failure) {
                        throw new IllegalStateException(failure);
                    }
                    applied.incrementAndGet();
                }

                @Override
                public String name() {
                    return "Orders";
                }
            };
        }

        void append(int count) {
            for (int i = 0; i < count; i++) {
                events.append("Order-" + (i % 8), ExpectedVersion.any(), List.of(new TestEvents.Added(String.valueOf(i % 8), i)),
                        EventMetadata.empty());
            }
        }
    }

    @Test
    void twoInstancesOnOneDatabaseApplyEveryEventExactlyOnceAndTheSecondTakesOverWhenTheFirstStops() throws Exception {
        Instance first = new Instance();
        Instance second = new Instance();
        Instance writers = new Instance();
        ProjectionDaemon a = first.daemon("instance-a", first.recording("a"), 50);
        ProjectionDaemon b = second.daemon("instance-b", second.recording("b"), 50);
        a.start(Duration.ofMillis(100));
        b.start(Duration.ofMillis(100));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> appends = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                appends.add(pool.submit(() -> writers.append(100)));
            }
            for (Future<?> append : appends) {
                append.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> first.applied.get() + second.applied.get() >= 400);
        assertThat(List.of(first.applied.get(), second.applied.get())).as("one owner").containsExactlyInAnyOrder(400, 0);

        // The owner stops (and releases its lease); the other instance takes over from the checkpoint.
        boolean firstOwned = first.applied.get() == 400;
        (firstOwned ? a : b).close();
        Instance survivor = firstOwned ? second : first;
        writers.append(100);
        await().atMost(Duration.ofSeconds(30)).until(() -> survivor.applied.get() >= 100);

        assertThat(first.applied.get() + second.applied.get()).isEqualTo(500);
        assertThat(queryStrings("select event_id from applied group by event_id having count(*) > 1")).as("applied twice")
                .isEmpty();
        assertThat(queryStrings("select event_id from applied order by seq"))
                .containsExactlyElementsOf(writers.events.readAll(0, 1000).stream().map(StoredEvent::eventId).toList());
    }

    @Test
    void readersKeepReadingTheLiveTableDuringARebuildAndSeeTheRebuiltTableAfterTheSwap() throws Exception {
        Instance instance = new Instance();
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        PostgresProjectionTarget pizzas = PostgresProjectionTarget.of("Pizzas", "pizzas", dataSource, instance.transactions,
                (event, connection, table) -> {
                    if (table.endsWith("_rebuild") && event.position() == 3) {
                        paused.countDown();
                        awaitUninterruptibly(resume);
                    }
                    try (PreparedStatement insert = connection.prepareStatement(
                            "insert into " + table + " (position, event_id) values (?, ?)")) {
                        insert.setLong(1, event.position());
                        insert.setString(2, event.eventId());
                        insert.executeUpdate();
                    }
                });
        ProjectionDaemon daemon = instance.daemon("a", pizzas.live(), 2);
        instance.append(6);
        daemon.catchUp();
        execute("insert into pizzas (position, event_id) values (999, 'stale row the rebuild drops')");

        ExecutorService rebuilder = Executors.newSingleThreadExecutor();
        try {
            Future<Long> rebuild = rebuilder.submit(() -> daemon.rebuild("Pizzas", pizzas));
            assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(queryStrings("select event_id from pizzas order by position")).as("live table while rebuilding")
                    .hasSize(7).contains("stale row the rebuild drops");
            assertThat(queryStrings("select to_regclass('pizzas_rebuild')::text")).containsExactly("pizzas_rebuild");

            resume.countDown();
            assertThat(rebuild.get(30, TimeUnit.SECONDS)).isEqualTo(6);
        } finally {
            resume.countDown();
            rebuilder.shutdownNow();
        }

        assertThat(queryStrings("select event_id from pizzas order by position"))
                .containsExactlyElementsOf(instance.events.readAll(0, 100).stream().map(StoredEvent::eventId).toList());
        assertThat(queryStrings("select coalesce(to_regclass('pizzas_rebuild')::text, '-') || coalesce("
                + "to_regclass('pizzas_retired')::text, '-')")).containsExactly("--");
        instance.append(2);
        assertThat(daemon.catchUp()).as("live batches go on into the swapped-in table").isEqualTo(2);
        assertThat(queryStrings("select event_id from pizzas")).hasSize(8);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not resumed");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> queryStrings(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(10);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
