package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.postgres.TestEvents.PizzaReady;
import dev.myelin.postgres.projection.PostgresCheckpointStore;
import dev.myelin.postgres.projection.PostgresProjectionLease;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What the checkpoints of a daemon round cost on PostgreSQL: a round of several projections loads their
 * checkpoints in one statement (locking the rows, as one load locks its row) and saves them in one statement,
 * however many projections it applies; the first round also creates the rows once.
 */
class ProjectionRoundTripsTest {

    private static final int PROJECTIONS = 4;

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
    private final List<String> statements = new CopyOnWriteArrayList<>();

    /** A projection that counts the events it gets. */
    private static final class Counting implements Projection {
        final String name;
        final AtomicInteger applied = new AtomicInteger();

        Counting(String name) {
            this.name = name;
        }

        @Override
        public void apply(StoredEvent event) {
            applied.incrementAndGet();
        }

        @Override
        public String name() {
            return name;
        }
    }

    @Test
    void aRoundOfSeveralProjectionsCostsOneCheckpointLoadAndOneCheckpointSave() {
        CurrentConnection recorded = () -> {
            Connection connection = transactions.get();
            return connection == null ? null : recording(connection, statements);
        };
        PostgresCheckpointStore checkpoints = new PostgresCheckpointStore(dataSource, recorded, MyelinSchema.DEFAULT);
        PostgresProjectionLease leases = new PostgresProjectionLease(dataSource, MyelinSchema.DEFAULT, Clock.systemUTC());
        try (PostgresEventStore store = PostgresEventStore.builder(dataSource, transactions, transactions,
                TestEvents.serializer()).build()) {
            ProjectionDaemon.Builder builder = ProjectionDaemon.builder(store, transactions, checkpoints, leases)
                    .batching(100, Duration.ofSeconds(30));
            List<Counting> projections = new ArrayList<>();
            for (int i = 0; i < PROJECTIONS; i++) {
                Counting projection = new Counting("Projection" + i);
                projections.add(projection);
                builder.projection(projection);
            }
            try (ProjectionDaemon daemon = builder.build()) {
                append(store, 2);
                assertThat(daemon.runOnce()).as("the first round, which creates the checkpoint rows")
                        .isEqualTo(PROJECTIONS * 2);

                append(store, 3);
                statements.clear();
                assertThat(daemon.runOnce()).isEqualTo(PROJECTIONS * 3);

                assertThat(statements).as("checkpoint statements of a round of %d projections", PROJECTIONS)
                        .hasSize(2)
                        .satisfiesExactly(
                                load -> assertThat(load).contains("= any(", "for update"),
                                save -> assertThat(save).contains("unnest(", "fencing_token <="));
            }
            assertThat(projections).allSatisfy(projection -> assertThat(projection.applied.get()).isEqualTo(5));
            assertThat(checkpoints.loadAll(List.of("Projection0", "Projection3")))
                    .containsValues(store.lastPosition());
        }
    }

    @Test
    void loadingCheckpointsTogetherLocksEachRowUntilTheTransactionEndsAsLoadDoes() {
        PostgresCheckpointStore checkpoints = new PostgresCheckpointStore(dataSource, transactions, MyelinSchema.DEFAULT);
        transactions.inTransaction(() -> checkpoints.save("existing", 7, 1), result -> true);

        transactions.inTransaction(() -> {
            assertThat(checkpoints.loadAll(List.of("existing", "new"))).containsExactly(Map.entry("existing", 7L),
                    Map.entry("new", 0L));
            assertThat(lockedElsewhere("existing")).isTrue();
            assertThat(creationWaitsElsewhere("new")).as("created, so another load's creation waits for us").isTrue();
            return null;
        }, result -> true);

        assertThat(lockedElsewhere("existing")).isFalse();
        assertThat(lockedElsewhere("new")).isFalse();
    }

    /** Whether another connection's creation of the checkpoint row, as {@code load} does it, waits for a lock. */
    private boolean creationWaitsElsewhere(String projection) {
        try (Connection other = dataSource.getConnection(); Statement timeout = other.createStatement();
                PreparedStatement create = other.prepareStatement("insert into myelin.projection_checkpoints"
                        + " (projection, position, fencing_token) values (?, 0, 0) on conflict (projection) do nothing")) {
            timeout.execute("set lock_timeout = '200ms'");
            create.setString(1, projection);
            create.executeUpdate();
            return false;
        } catch (SQLException failure) {
            if ("55P03".equals(failure.getSQLState())) {
                return true;
            }
            throw new IllegalStateException(failure);
        }
    }

    /** Whether another connection finds the checkpoint row locked. */
    private boolean lockedElsewhere(String projection) {
        try (Connection other = dataSource.getConnection(); PreparedStatement lock = other.prepareStatement(
                "select position from myelin.projection_checkpoints where projection = ? for update nowait")) {
            lock.setString(1, projection);
            try (ResultSet row = lock.executeQuery()) {
                assertThat(row.next()).as("row of %s", projection).isTrue();
                return false;
            }
        } catch (SQLException failure) {
            if ("55P03".equals(failure.getSQLState())) {
                return true;
            }
            throw new IllegalStateException(failure);
        }
    }

    private static void append(PostgresEventStore store, int count) {
        for (int i = 0; i < count; i++) {
            store.append("Kitchen-" + i, ExpectedVersion.any(), List.of(new PizzaReady(String.valueOf(i), "left")),
                    EventMetadata.empty());
        }
    }

    /** The connection, recording the SQL of every statement prepared on it. */
    private static Connection recording(Connection connection, List<String> statements) {
        return (Connection) Proxy.newProxyInstance(ProjectionRoundTripsTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") || method.getName().startsWith("create")
                            && method.getName().endsWith("Statement")) {
                        statements.add(args == null || args.length == 0 ? method.getName() : String.valueOf(args[0]));
                    }
                    return invoke(connection, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException failure) {
            throw failure.getCause();
        }
    }
}
