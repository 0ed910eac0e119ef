package dev.myelin.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.transaction.UnitOfWork;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.postgres.EventTypeRegistry;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.PostgresEventStore;
import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import dev.myelin.postgres.projection.PostgresCheckpointStore;
import dev.myelin.postgres.projection.PostgresProjectionLease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the lag of an asynchronous projection on a durable PostgreSQL 17: one writer appends
 * {@link PizzaBaked} events at a steady rate (one event per append, expected version checked, one
 * event per transaction) while a {@link ProjectionDaemon} started with
 * {@link ProjectionDaemon#start(Duration)} (woken by the store's LISTEN/NOTIFY subscription) applies
 * them to a read-model table. For every event, the lag is the time from its {@code recorded_at}
 * (PostgreSQL's {@code now()} in the append's transaction) to the commit of the batch that applied
 * it (taken in an after-commit callback of the batch's transaction, on the same machine's clock).
 *
 * <p>Arguments (all optional): events per second (1000), measured seconds (20), warm-up seconds
 * (5, lags not counted). Prints the percentiles and checks that the read model holds every
 * appended event exactly once. Checkpoints and lease: {@link PostgresCheckpointStore} (saved in the
 * batch's transaction, with the read-model rows) and {@link PostgresProjectionLease}.
 *
 * <p>Run by {@code myelin-bench/run-event-store.sh}, or
 * {@code java -cp myelin-bench/target/benchmarks.jar dev.myelin.bench.ProjectionLagRun 1000 20 5}.
 *
 * @since 0.1
 */
public final class ProjectionLagRun {

    private static final String SQL_SCHEMA = """
            create schema bench
            """;

    private static final String SQL_READ_MODEL = """
            create table bench.baked_pizzas (
                position    bigint      primary key,
                stream_id   text        not null,
                oven        int         not null,
                recorded_at timestamptz not null
            )
            """;

    private static final String SQL_APPLY = """
            insert into bench.baked_pizzas (position, stream_id, oven, recorded_at) values (?, ?, ?, ?)
            on conflict (position) do nothing
            """;

    private static final String SQL_COUNT = """
            select count(*), count(distinct position) from bench.baked_pizzas
            """;

    private ProjectionLagRun() {
    }

    /**
     * Runs the measurement and prints its result.
     *
     * @param args events per second, measured seconds, warm-up seconds
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmUpSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Result result = run(rate, seconds, warmUpSeconds);
        System.out.println(result.describe());
        if (result.missing() != 0 || result.duplicates() != 0) {
            System.exit(1);
        }
    }

    static Result run(int rate, int seconds, int warmUpSeconds) throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().durable(true).start()) {
            server.createDatabase("lag");
            try (HikariDataSource dataSource = EventStoreBenchmark.pool(server, "lag", 6)) {
                MyelinSchema.DEFAULT.migrate(dataSource);
                EventStoreBenchmark.execute(dataSource, SQL_SCHEMA, SQL_READ_MODEL);
                return measure(dataSource, rate, seconds, warmUpSeconds);
            }
        }
    }

    private static Result measure(HikariDataSource dataSource, int rate, int seconds, int warmUpSeconds)
            throws SQLException {
        JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
        JacksonEventSerializer serializer = JacksonEventSerializer.of(EventTypeRegistry.builder()
                .register(PizzaBaked.class).build());
        BakedPizzasProjection projection = new BakedPizzasProjection(transactions);
        int total = rate * (seconds + warmUpSeconds);
        try (PostgresEventStore store = PostgresEventStore.builder(dataSource, transactions, transactions, serializer).build();
                ProjectionDaemon daemon = ProjectionDaemon.builder(store, transactions,
                        new PostgresCheckpointStore(dataSource, transactions, MyelinSchema.DEFAULT),
                        new PostgresProjectionLease(dataSource, MyelinSchema.DEFAULT, Clock.systemUTC()))
                        .projection(projection).build()) {
            daemon.start(Duration.ofSeconds(1));
            List<PizzaBaked> events = List.of(PizzaBaked.sample());
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            Instant measuredFrom = Instant.now().plusSeconds(warmUpSeconds);
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                int version = i % EventStoreBenchmark.EVENTS_PER_STREAM;
                store.append("Oven-" + i / EventStoreBenchmark.EVENTS_PER_STREAM,
                        version == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(version), events,
                        EventMetadata.empty());
            }
            double achieved = total / ((System.nanoTime() - start) / 1e9);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (projection.applied() < total && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            long[] rows = countRows(dataSource);
            return new Result(rate, achieved, seconds, projection.lagsMicros(measuredFrom), total - rows[1],
                    rows[0] - rows[1] + projection.duplicates());
        }
    }

    private static long[] countRows(HikariDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SQL_COUNT)) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    /**
     * The measured read model: one row per event, written on the batch's connection; stamps each
     * event's apply time when its batch commits. Called on the daemon's thread only.
     */
    static final class BakedPizzasProjection implements Projection {
        private final JdbcTransactionRunner transactions;
        private final List<long[]> lags = new ArrayList<>();
        private UnitOfWork batchTransaction;
        private List<StoredEvent> batch;
        private volatile long applied;
        private volatile long duplicates;

        BakedPizzasProjection(JdbcTransactionRunner transactions) {
            this.transactions = transactions;
        }

        @Override
        public void apply(StoredEvent event) {
            UnitOfWork current = transactions.current().orElseThrow();
            if (current != batchTransaction) {
                batchTransaction = current;
                List<StoredEvent> pending = new ArrayList<>();
                batch = pending;
                transactions.afterCommit(() -> committed(pending));
            }
            PizzaBaked pizza = (PizzaBaked) event.event();
            try (PreparedStatement insert = transactions.currentConnection().prepareStatement(SQL_APPLY)) {
                insert.setLong(1, event.position());
                insert.setString(2, event.streamId());
                insert.setInt(3, pizza.oven());
                insert.setObject(4, java.sql.Timestamp.from(event.recordedAt()));
                if (insert.executeUpdate() == 0) {
                    duplicates++;
                }
            } catch (SQLException failure) {
                throw new IllegalStateException("Cannot apply event " + event.position(), failure);
            }
            batch.add(event);
        }

        private void committed(List<StoredEvent> events) {
            Instant now = Instant.now();
            synchronized (lags) {
                for (StoredEvent event : events) {
                    Duration lag = Duration.between(event.recordedAt(), now);
                    lags.add(new long[] {event.recordedAt().toEpochMilli(), lag.toNanos() / 1000});
                }
            }
            applied += events.size();
        }

        long applied() {
            return applied;
        }

        long duplicates() {
            return duplicates;
        }

        long[] lagsMicros(Instant from) {
            synchronized (lags) {
                return lags.stream().filter(lag -> lag[0] >= from.toEpochMilli()).mapToLong(lag -> lag[1]).sorted()
                        .toArray();
            }
        }
    }

    /**
     * The measurement's outcome.
     *
     * @param rate the target events per second
     * @param achievedRate events per second actually appended, warm-up included
     * @param seconds the measured seconds
     * @param lagsMicros the measured events' lags in microseconds, sorted
     * @param missing appended events not in the read model
     * @param duplicates events applied more than once
     */
    record Result(int rate, double achievedRate, int seconds, long[] lagsMicros, long missing, long duplicates) {

        double percentileMillis(double percentile) {
            if (lagsMicros.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100 * lagsMicros.length) - 1;
            return lagsMicros[Math.max(0, Math.min(lagsMicros.length - 1, index))] / 1000.0;
        }

        String describe() {
            return String.format(java.util.Locale.ROOT,
                    "ProjectionLagRun: target %d events/s, achieved %.1f events/s, %d events measured over %d s%n"
                            + "lag recorded_at -> batch committed, ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f"
                            + "  (mean %.2f)%n"
                            + "read model: %d appended events missing, %d applied twice",
                    rate, achievedRate, lagsMicros.length, seconds, percentileMillis(50), percentileMillis(90),
                    percentileMillis(99), percentileMillis(99.9), percentileMillis(100),
                    Arrays.stream(lagsMicros).average().orElse(Double.NaN) / 1000, missing, duplicates);
        }
    }
}
