package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The subscription's "anything left to read?" check costs an index lookup whatever the statistics say: on a
 * log PostgreSQL has not analysed yet (a fresh database, autovacuum off here so that it stays so), the old
 * {@code exists (... where tx_id >= xmin)} was planned as a scan of the whole table on every call.
 */
class NextReadPlanTest {

    @Test
    void checkingForHeldBackEventsDoesNotScanTheLog() throws Exception {
        DataSource dataSource = SharedPostgres.freshDatabase();
        JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
        PostgresEventStore store = PostgresEventStore.builder(dataSource, transactions, transactions,
                TestEvents.serializer()).build();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("alter table myelin.events set (autovacuum_enabled = false)");
            sql.execute("""
                    insert into myelin.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
                    select 'S-' || n, 1, gen_random_uuid(), 'Numbered', 1, '{}', '{}' from generate_series(1, 3000) n
                    """);
            connection.setAutoCommit(false);
            long last = store.lastPosition();

            assertThat(store.nextRead(connection, last)).isEqualTo(EventLog.NextRead.AWAIT_NOTIFICATION);
            try (ResultSet scans = sql.executeQuery(
                    "select seq_scan from pg_stat_xact_user_tables where schemaname = 'myelin' and relname = 'events'")) {
                assertThat(scans.next()).isTrue();
                assertThat(scans.getLong(1)).as("sequential scans of myelin.events").isZero();
            }
            connection.rollback();
        }
    }
}
