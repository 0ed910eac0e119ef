package dev.myelin.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs two test classes through the extension and checks what each got. */
class PostgresExtensionTest {

    /** What each test class saw: its database name, and the server's port. */
    static final Map<String, List<Object>> SEEN = new ConcurrentHashMap<>();

    @MyelinPostgresTest
    static class FirstOrdersTest {

        static String databaseBeforeAll;

        @BeforeAll
        static void recordDatabase(DataSource dataSource) throws SQLException {
            databaseBeforeAll = query(dataSource, "select current_database()");
        }

        @Test
        void seesItsDatabaseWithTheFrameworkSchema(DataSource dataSource, JdbcTransactionRunner transactions,
                EmbeddedPostgresServer server) throws SQLException {
            String database = query(dataSource, "select current_database()");
            assertThat(database).isEqualTo(databaseBeforeAll);
            assertThat(query(dataSource, "select count(*) from myelin.events")).isEqualTo("0");
            assertThat(transactions.inTransaction(() -> "ran", result -> true)).isEqualTo("ran");
            execute(dataSource, "create table orders (id text primary key)");
            SEEN.put(getClass().getSimpleName(), List.of(database, server.port()));
        }
    }

    @MyelinPostgresTest
    static class SecondOrdersTest {

        @Test
        void seesAnotherDatabaseWithoutTheFirstClassesTables(DataSource dataSource, EmbeddedPostgresServer server)
                throws SQLException {
            assertThat(query(dataSource, "select to_regclass('myelin.events') is not null")).isEqualTo("t");
            assertThat(query(dataSource, "select to_regclass('public.orders') is null")).isEqualTo("t");
            SEEN.put(getClass().getSimpleName(), List.of(query(dataSource, "select current_database()"), server.port()));
        }
    }

    @Test
    void twoTestClassesGetDifferentDatabasesWithTheSchemaOnOneServer() {
        SEEN.clear();

        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FirstOrdersTest.class), selectClass(SecondOrdersTest.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));

        List<Object> first = SEEN.get("FirstOrdersTest");
        List<Object> second = SEEN.get("SecondOrdersTest");
        assertThat(first.get(0)).isNotEqualTo(second.get(0));
        assertThat(first.get(1)).isEqualTo(second.get(1));
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
