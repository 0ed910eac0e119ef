package dev.myelin.postgres.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.OperationResult;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test for idempotency: a child JVM runs an idempotent command and halts right
 * after its transaction committed, before the response; the retry with the same key, from a fresh
 * application, gets the committed result and does not run the command again. The PostgreSQL server
 * is this JVM's, durable (fsync and synchronous_commit on).
 */
class IdempotencyCrashTest {

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
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void commandCommittedByAJvmThatDiedBeforeRespondingIsReplayedNotRunAgain() throws Exception {
        server.createDatabase("idempotency_crash");
        DataSource dataSource = server.dataSource("idempotency_crash");
        MyelinSchema.DEFAULT.migrate(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table placed_orders (order_id text not null, customer text not null)");
        }

        String committed = runChildUntilItHalts(server.jdbcUrl("idempotency_crash"), "key-crash-1");

        assertThat(query(dataSource, "select order_id from placed_orders")).containsExactly(committed);
        assertThat(query(dataSource, "select state from myelin.idempotency_keys")).containsExactly("completed");
        AtomicInteger runs = new AtomicInteger();
        OperationResult<String> retried = IdempotentOrderChild.application(dataSource, null, runs)
                .send(new IdempotentOrderChild.PlaceOrder("key-crash-1", "Ada"));

        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.data()).isEqualTo(committed);
        assertThat(runs).as("the retry did not run the command again").hasValue(0);
        assertThat(query(dataSource, "select order_id from placed_orders")).containsExactly(committed);
    }

    /** Runs the child, returns the order id it reported committed just before halting. */
    private static String runChildUntilItHalts(String jdbcUrl, String key) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                IdempotentOrderChild.class.getName(), jdbcUrl, key)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
            }
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertThat(child.exitValue()).as("halted after the commit").isEqualTo(IdempotentOrderChild.HALTED);
        assertThat(lines).as("never returned a response").doesNotContain("RETURNED");
        String reported = lines.stream().filter(line -> line.startsWith("COMMITTED ")).findFirst().orElseThrow();
        return reported.substring("COMMITTED ".length());
    }

    private static List<String> query(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
