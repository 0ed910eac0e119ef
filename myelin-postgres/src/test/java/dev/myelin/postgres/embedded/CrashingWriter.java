package dev.myelin.postgres.embedded;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The child JVM of {@link EmbeddedPostgresCrashTest}: starts a durable server on the data directory of
 * its first argument and inserts rows from four threads, printing {@code ACK <id>} once each commit
 * has returned, until it is killed. Prints {@code READY <postmaster pid> <watchdog pid>} first.
 */
public final class CrashingWriter {

    private static final int WRITERS = 4;

    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().dataDirectory(data).shutdownHook(false).start();
        DataSource dataSource = server.dataSource("postgres");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists acked (id bigint primary key, payload text not null)");
        }
        PrintStream out = System.out;
        long postmaster = LeftoverPostmaster.pidIn(data.toRealPath().resolve(LeftoverPostmaster.PID_FILE));
        synchronized (out) {
            out.println("READY " + postmaster + " " + server.watchdogPid().orElse(-1));
            out.flush();
        }
        AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1000);
        for (int writer = 0; writer < WRITERS; writer++) {
            Thread thread = new Thread(() -> write(dataSource, ids, out), "writer-" + writer);
            thread.start();
        }
        Thread.currentThread().join();
    }

    private static void write(DataSource dataSource, AtomicLong ids, PrintStream out) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into acked (id, payload) values (?, ?)")) {
            while (true) {
                long id = ids.incrementAndGet();
                insert.setLong(1, id);
                insert.setString(2, "row " + id);
                insert.executeUpdate();
                synchronized (out) {
                    out.println("ACK " + id);
                    out.flush();
                }
            }
        } catch (SQLException failure) {
            failure.printStackTrace();
        }
    }
}
