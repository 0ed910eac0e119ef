package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The framework schema's migrations. */
class MyelinSchemaTest {

    @Test
    void migratingTwiceAppliesNothingTheSecondTime() {
        DataSource dataSource = SharedPostgres.freshDatabase();

        assertThat(MyelinSchema.DEFAULT.migrate(dataSource)).isZero();
        assertThat(MyelinSchema.DEFAULT.flyway(dataSource).info().current().getVersion().getVersion()).isNotEmpty();
    }

    @Test
    void anotherSchemaNameHoldsItsOwnTablesAndStore() {
        DataSource dataSource = SharedPostgres.freshDatabase();
        MyelinSchema other = MyelinSchema.named("tenant_a_myelin");

        assertThat(other.migrate(dataSource)).isPositive();
        JdbcTransactionRunner runner1 = new JdbcTransactionRunner(dataSource);
        PostgresEventStore store = PostgresEventStore.builder(dataSource, runner1, runner1,
                TestEvents.serializer()).schema(other).build();
        store.append("A", ExpectedVersion.any(), List.of(new TestEvents.Numbered("a", 1)), EventMetadata.empty());
        JdbcTransactionRunner runner2 = new JdbcTransactionRunner(dataSource);
        PostgresEventStore defaultStore = PostgresEventStore.builder(dataSource, runner2, runner2,
                TestEvents.serializer()).build();

        // A never-skip read holds back events while an older transaction of the cluster is open (another
        // test's, in another database of the shared server): wait for it rather than read once.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(store.readAll(0, 10)).hasSize(1));
        assertThat(defaultStore.readAll(0, 10)).isEmpty();
    }

    @Test
    void aSchemaNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> MyelinSchema.named("x; drop table y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MyelinSchema.named("Myelin")).isInstanceOf(IllegalArgumentException.class);
    }
}
