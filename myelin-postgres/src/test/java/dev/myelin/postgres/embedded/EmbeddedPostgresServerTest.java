package dev.myelin.postgres.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server's durability settings and persistent data directory. */
class EmbeddedPostgresServerTest {

    @TempDir
    Path directory;

    @Test
    void aDurableServerRunsWithFsyncAndSynchronousCommitOnAndKeepsDataAcrossRestarts() throws SQLException {
        Path data = directory.resolve("pgdata");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().dataDirectory(data).start()) {
            assertThat(server.durable()).isTrue();
            DataSource postgres = server.dataSource("postgres");
            assertThat(show(postgres, "fsync")).isEqualTo("on");
            assertThat(show(postgres, "synchronous_commit")).isEqualTo("on");
            assertThat(show(postgres, "full_page_writes")).isEqualTo("on");
            server.createDatabase("pizzeria");
            execute(server.dataSource("pizzeria"), "create table orders (id text primary key)");
            execute(server.dataSource("pizzeria"), "insert into orders values ('42')");
        }

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.builder().dataDirectory(data).start()) {
            assertThat(restarted.dataDirectory()).isEqualTo(data);
            assertThat(query(restarted.dataSource("pizzeria"), "select id from orders")).isEqualTo("42");
            assertThat(show(restarted.dataSource("postgres"), "fsync")).isEqualTo("on");
        }
    }

    @Test
    void aThrowAwayServerTradesDurabilityForSpeedOnAFreePort() throws SQLException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().durable(false).port(0).start()) {
            assertThat(server.port()).isPositive();
            assertThat(server.dataDirectory()).isNull();
            assertThat(show(server.dataSource("postgres"), "fsync")).isEqualTo("off");
            assertThat(show(server.dataSource("postgres"), "synchronous_commit")).isEqualTo("off");
            assertThat(query(server.dataSource("postgres"), "select current_setting('server_version_num')"))
                    .startsWith("17");
        }
    }

    private static String show(DataSource dataSource, String setting) throws SQLException {
        return query(dataSource, "show " + setting);
    }

    private static String query(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
