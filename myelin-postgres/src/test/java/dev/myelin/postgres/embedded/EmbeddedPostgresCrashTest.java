package dev.myelin.postgres.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM running the embedded server is killed with SIGKILL while it writes: PostgreSQL does not stay
 * behind, the same start succeeds on the same directory, and every acknowledged row is there.
 */
class EmbeddedPostgresCrashTest {

    private static final int ACKS_BEFORE_KILL = 300;
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final List<Long> postmasters = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(Process::destroyForcibly);
        // A failed test must not leave a PostgreSQL behind either (SIGTERM: a clean shutdown).
        postmasters.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
    }

    @Test
    void givenAWriterKilledWithSigkill_thenItsWatchdogStopsPostgresAndARestartHasEveryAcknowledgedRow() throws Exception {
        Path data = directory.resolve("pgdata");
        Child child = startWriter(data);

        child.process.destroyForcibly().waitFor(BOUND.toSeconds(), TimeUnit.SECONDS);

        ProcessHandle postmaster = ProcessHandle.of(child.postmasterPid).orElseThrow();
        await().atMost(BOUND).until(() -> !postmaster.isAlive());
        assertEveryAcknowledgedRowAfterRestart(data, child.acked);
    }

    @Test
    void givenAnOrphanedPostmasterWithoutWatchdog_whenTheSameDirectoryStartsAgain_thenTheOrphanIsStoppedFirst()
            throws Exception {
        Path data = directory.resolve("pgdata");
        Child child = startWriter(data);
        // As if the whole process group was killed: the watchdog first, then the JVM.
        ProcessHandle watchdog = ProcessHandle.of(child.watchdogPid).orElseThrow();
        watchdog.destroyForcibly();
        await().atMost(BOUND).until(() -> !watchdog.isAlive());
        child.process.destroyForcibly().waitFor(BOUND.toSeconds(), TimeUnit.SECONDS);
        ProcessHandle postmaster = ProcessHandle.of(child.postmasterPid).orElseThrow();
        assertThat(postmaster.isAlive()).as("the orphaned postmaster").isTrue();

        assertEveryAcknowledgedRowAfterRestart(data, child.acked);
        assertThat(postmaster.isAlive()).isFalse();
    }

    @Test
    void givenAStalePidFileNamingAnotherLiveProcess_whenStarted_thenTheFileIsReplacedAndTheServerStarts() throws Exception {
        Path data = directory.resolve("pgdata");
        EmbeddedPostgresServer.builder().dataDirectory(data).start().close();
        // A live process that is no postmaster: as if a crashed server's pid had been reused. (Not this JVM:
        // PostgreSQL itself ignores a lock file naming its parent or grandparent.)
        Process other = new ProcessBuilder("sleep", "60").start();
        started.add(other);
        Files.writeString(data.resolve(LeftoverPostmaster.PID_FILE), other.pid() + "\n" + data + "\n");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().dataDirectory(data).start()) {
            assertThat(count(server, "select 1")).isEqualTo(1);
        }
        assertThat(other.isAlive()).as("the other process is left alone").isTrue();
    }

    @Test
    void givenADirectoryInUseByARunningServer_whenStartedAgain_thenTheStartFailsSayingSo() {
        Path data = directory.resolve("pgdata");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().dataDirectory(data).start()) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.builder().dataDirectory(data).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
        }
    }

    private void assertEveryAcknowledgedRowAfterRestart(Path data, Set<Long> acked) throws SQLException {
        Set<Long> acknowledged = new HashSet<>(acked);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.builder().dataDirectory(data)
                .startupWait(BOUND).start();
                Connection connection = restarted.dataSource("postgres").getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id from acked")) {
            Set<Long> stored = new HashSet<>();
            while (rows.next()) {
                stored.add(rows.getLong(1));
            }
            assertThat(stored).containsAll(acknowledged);
        }
    }

    private static long count(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = server.dataSource("postgres").getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Child startWriter(Path data) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), data.toString())
                .redirectError(directory.resolve("writer.err").toFile())
                .start();
        started.add(process);
        Set<Long> acked = ConcurrentHashMap.newKeySet();
        AtomicReference<String> ready = new AtomicReference<>();
        CountDownLatch enough = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("READY ")) {
                        ready.set(line);
                    } else if (line.startsWith("ACK ")) {
                        acked.add(Long.valueOf(line.substring(4)));
                        if (acked.size() >= ACKS_BEFORE_KILL) {
                            enough.countDown();
                        }
                    }
                }
            } catch (IOException ended) {
                // The child is gone.
            }
        }, "writer-output");
        reader.setDaemon(true);
        reader.start();
        assertThat(enough.await(60, TimeUnit.SECONDS))
                .as("acknowledged writes of the child; its stderr: %s", Files.readString(directory.resolve("writer.err")))
                .isTrue();
        String[] pids = ready.get().split(" ");
        postmasters.add(Long.parseLong(pids[1]));
        return new Child(process, Long.parseLong(pids[1]), Long.parseLong(pids[2]), acked);
    }

    private record Child(Process process, long postmasterPid, long watchdogPid, Set<Long> acked) {
    }
}
