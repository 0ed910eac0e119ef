package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.contract.TestEvents.Added;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.data.projection.ProjectionLag;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.postgres.projection.PostgresCheckpointStore;
import dev.myelin.postgres.projection.PostgresProjectionLease;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Projection lag read from the database: in the log's read order, bounded however far behind. */
class PostgresLagTest {

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
    private final PostgresEventStore events = PostgresEventStore.builder(dataSource, transactions, transactions,
            JacksonEventSerializer.of(EventTypeRegistry.builder().register(Added.class).build())).build();
    private final PostgresCheckpointStore checkpoints = new PostgresCheckpointStore(dataSource, transactions,
            MyelinSchema.DEFAULT);

    @AfterEach
    void close() {
        events.close();
    }

    private ProjectionDaemon daemon(String owner) {
        return ProjectionDaemon.builder(events, transactions, checkpoints,
                        new PostgresProjectionLease(dataSource, MyelinSchema.DEFAULT, Clock.systemUTC()))
                .owner(owner)
                .batching(500, Duration.ofSeconds(30))
                .projection(new Projection() {
                    @Override
                    public void apply(StoredEvent event) {
                        // Nothing to write: the checkpoint is what is measured.
                    }

                    @Override
                    public String name() {
                        return "Orders";
                    }
                })
                .build();
    }

    @Test
    void givenEventsCommittedOutOfPositionOrder_whenCaughtUp_thenNothingIsBehind() throws Exception {
        // Transaction A takes its transaction id first, B appends (position 1) and commits, then A appends
        // (position 2) and commits: read order is (A, 2) then (B, 1), so the last event read has position 1.
        CountDownLatch aHasItsId = new CountDownLatch(1);
        CountDownLatch bCommitted = new CountDownLatch(1);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> transactions.inTransaction(() -> {
            try (Statement statement = transactions.currentConnection().createStatement()) {
                statement.execute("select pg_current_xact_id()");
            } catch (SQLException failure) {
                throw new IllegalStateException(failure);
            }
            aHasItsId.countDown();
            await(bCommitted);
            return events.append("Order-a", ExpectedVersion.any(), List.of(new Added("a", 1)), EventMetadata.empty());
        }, result -> true));
        await(aHasItsId);
        events.append("Order-b", ExpectedVersion.any(), List.of(new Added("b", 1)), EventMetadata.empty());
        bCommitted.countDown();
        a.get(10, TimeUnit.SECONDS);
        assertThat(query("select max(global_position) from myelin.events")).isEqualTo(2);

        try (ProjectionDaemon daemon = daemon("one")) {
            assertThat(daemon.catchUp()).isEqualTo(2);
            ProjectionLag lag = daemon.lag("Orders");
            assertThat(lag.checkpoint()).as("the last event in read order").isEqualTo(1);
            assertThat(lag.eventsBehind()).isZero();
            assertThat(lag.millisBehind()).isZero();
            assertThat(lag.head()).isEqualTo(lag.checkpoint());
        }
    }

    @Test
    void givenMoreEventsBehindThanTheCap_thenTheCountStopsAtTheCapAndTheHeadIsTheLastEvent() {
        int total = PostgresCheckpointStore.LAG_COUNT_LIMIT + 750;
        List<Added> batch = IntStream.range(0, 250).mapToObj(i -> new Added("x", i)).toList();
        for (int appended = 0; appended < total; appended += batch.size()) {
            events.append("Order-" + appended, ExpectedVersion.any(), new ArrayList<>(batch), EventMetadata.empty());
        }
        try (ProjectionDaemon daemon = daemon("one")) {
            ProjectionLag lag = daemon.lag("Orders");
            assertThat(lag.checkpoint()).isZero();
            assertThat(lag.eventsBehind()).isEqualTo(PostgresCheckpointStore.LAG_COUNT_LIMIT);
            assertThat(lag.head()).isEqualTo(events.lastPosition());
            assertThat(lag.millisBehind()).isNotNegative();

            daemon.runOnce();
            assertThat(daemon.lag("Orders").eventsBehind()).isEqualTo(PostgresCheckpointStore.LAG_COUNT_LIMIT);
            daemon.catchUp();
            assertThat(daemon.lag("Orders").eventsBehind()).isZero();
        }
    }

    private long query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
