package dev.myelin.postgres.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.core.RequestContext;
import dev.myelin.data.contract.TestEvents.OrderEvent;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.PostgresEventStore;
import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import dev.myelin.postgres.projection.PostgresCheckpointStore;
import dev.myelin.postgres.projection.PostgresProjectionLease;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a child JVM commits events with their outbox rows and is killed with
 * SIGKILL after commit and before any dispatch; a fresh dispatcher and projection daemon then deliver
 * every committed event to every handler, and into the read model, exactly once.
 *
 * <p>The PostgreSQL server is this JVM's, durable (fsync and synchronous_commit on), so it outlives
 * the child; the child only connects to it.
 */
class OutboxCrashTest {

    /** Read-model and handler-effect tables of the test: no unique key, so a double apply would show. */
    private static final String SQL_CREATE_TABLES = """
            create table handled (handler text not null, event_id text not null, order_id text not null);
            create table projected (event_id text not null, order_id text not null)
            """;

    private static final String SQL_HANDLED = """
            insert into handled (handler, event_id, order_id) values (?, ?, ?)
            """;

    private static final String SQL_PROJECTED = """
            insert into projected (event_id, order_id) values (?, ?)
            """;

    private static final int COMMITS_BEFORE_KILL = 40;

    @TempDir
    static Path dataDirectory;

    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void startDurableServer() {
        server = EmbeddedPostgresServer.builder().dataDirectory(dataDirectory).durable(true).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void childKilledAfterCommitAndBeforeDispatchLosesNothingAndFreshDispatcherDeliversEachEventOnce() throws Exception {
        server.createDatabase("crash");
        DataSource dataSource = server.dataSource("crash");
        MyelinSchema.DEFAULT.migrate(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(SQL_CREATE_TABLES);
        }
        assertThat(query(dataSource, "show fsync")).containsExactly("on");
        assertThat(query(dataSource, "show synchronous_commit")).containsExactly("on");

        Set<String> reported = runChildAndKillIt(server.jdbcUrl("crash"));

        // Whatever committed is in the log; every order reported committed is there, with its outbox rows.
        List<String> committedEvents = query(dataSource, "select event_id::text from myelin.events");
        Set<String> committedOrders = new HashSet<>(query(dataSource, "select distinct substr(stream_id, 7) from myelin.events"));
        assertThat(committedOrders).containsAll(reported);
        assertThat(committedEvents).hasSize(2 * committedOrders.size());
        System.out.printf("Crash test: %d orders reported committed, %d committed (%d events) when killed%n",
                reported.size(), committedOrders.size(), committedEvents.size());
        assertThat(query(dataSource, "select count(*)::text from myelin.outbox"))
                .as("nothing was dispatched before the kill").containsExactly(String.valueOf(2 * committedEvents.size()));
        assertThat(query(dataSource, "select count(*)::text from handled")).containsExactly("0");

        JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
        JacksonEventSerializer serializer = CrashingWriter.serializer();
        PostgresOutboxStore store = PostgresOutboxStore.builder(dataSource, transactions, serializer).owner("restarted").build();
        OutboxDispatcher.Builder builder = OutboxDispatcher.builder(store, transactions)
                .inbox(new PostgresInbox(dataSource, transactions, MyelinSchema.DEFAULT));
        for (String handler : CrashingWriter.HANDLERS) {
            // The handler sees the event, not its id: its context's causation id is the event's id.
            builder.handler(handler, OrderEvent.class, event -> insert(transactions, SQL_HANDLED, handler,
                    RequestContext.current().causationId().orElseThrow(), event.orderId()));
        }
        OutboxDispatcher dispatcher = builder.build();
        try (PostgresEventStore events = PostgresEventStore.builder(dataSource, transactions, transactions, serializer).build();
                ProjectionDaemon daemon = ProjectionDaemon.builder(events, transactions,
                                new PostgresCheckpointStore(dataSource, transactions, MyelinSchema.DEFAULT),
                                new PostgresProjectionLease(dataSource, MyelinSchema.DEFAULT, Clock.systemUTC()))
                        .projection(new OrderProjection(transactions))
                        .build()) {
            dispatcher.start(Duration.ofMillis(200));
            daemon.start(Duration.ofMillis(200));
            try {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(store.pendingCount()).isZero();
                    assertThat(query(dataSource, "select count(*)::text from projected"))
                            .containsExactly(String.valueOf(committedEvents.size()));
                });
            } finally {
                dispatcher.stop();
            }
        }

        for (String handler : CrashingWriter.HANDLERS) {
            assertThat(query(dataSource, "select event_id from handled where handler = ?", handler))
                    .as(handler + " handled every committed event exactly once")
                    .containsExactlyInAnyOrderElementsOf(committedEvents);
        }
        assertThat(query(dataSource, "select event_id from projected"))
                .as("the projection holds every committed event exactly once")
                .containsExactlyInAnyOrderElementsOf(committedEvents);
        assertThat(store.deadLetters(0, 10)).isEmpty();
    }

    /** Starts the writer, reads its output line by line, kills it with SIGKILL once enough commits were reported. */
    private static Set<String> runChildAndKillIt(String jdbcUrl) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), jdbcUrl)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Set<String> reported = new HashSet<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (reported.size() < COMMITS_BEFORE_KILL && (line = output.readLine()) != null) {
                if (line.startsWith("COMMITTED ")) {
                    reported.add(line.substring("COMMITTED ".length()));
                }
            }
            // Killing closes the pipe: lines the child wrote meanwhile are lost, their commits are not.
            child.destroyForcibly();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL, not finished").isEqualTo(137);
        assertThat(reported).hasSize(COMMITS_BEFORE_KILL);
        return reported;
    }

    /** Writes the read model in the daemon's transaction. */
    private record OrderProjection(JdbcTransactionRunner transactions) implements Projection {
        @Override
        public void apply(StoredEvent event) {
            if (event.event() instanceof OrderEvent order) {
                insert(transactions, SQL_PROJECTED, event.eventId(), order.orderId());
            }
        }

        @Override
        public String name() {
            return "OrderProjection";
        }
    }

    private static void insert(JdbcTransactionRunner transactions, String sql, String... values) {
        try (PreparedStatement statement = transactions.currentConnection().prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static List<String> query(DataSource dataSource, String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }
}
