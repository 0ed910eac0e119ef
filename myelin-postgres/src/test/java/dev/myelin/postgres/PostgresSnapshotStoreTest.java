package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.snapshot.Snapshot;
import dev.myelin.postgres.snapshot.PostgresSnapshotStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PostgresSnapshotStoreTest {

    /** A state with the types that must survive jsonb exactly. */
    record Till(BigDecimal total, Instant openedAt, List<String> lines) {
    }

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final PostgresSnapshotStore snapshots = new PostgresSnapshotStore(dataSource, MyelinSchema.DEFAULT);

    @Test
    void stateRoundTripsWithExactDecimalsAndInstantsAndAnOlderSnapshotNeverReplacesANewerOne() {
        Till newer = new Till(new BigDecimal("12.50"), Instant.parse("2026-11-26T11:00:00.123456Z"), List.of("margherita"));
        snapshots.save(new Snapshot("Till-1", 8, newer));
        snapshots.save(new Snapshot("Till-1", 4, new Till(BigDecimal.ONE, Instant.EPOCH, List.of())));

        assertThat(snapshots.load("Till-1")).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.version()).isEqualTo(8);
            assertThat(snapshot.state()).isEqualTo(newer);
        });
        assertThat(snapshots.load("Till-2")).isEmpty();
    }

    @Test
    void snapshotWhoseClassIsGoneIsTreatedAsAbsent() throws SQLException {
        snapshots.save(new Snapshot("Till-1", 3, new Till(BigDecimal.TEN, Instant.EPOCH, List.of())));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("update myelin.snapshots set state_type = 'com.example.RenamedTill'");
        }

        assertThat(snapshots.load("Till-1")).isEmpty();
    }
}
