package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
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

        assertThat(store.readAll(0, 10)).hasSize(1);
        assertThat(defaultStore.readAll(0, 10)).isEmpty();
    }

    @Test
    void aSchemaNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> MyelinSchema.named("x; drop table y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MyelinSchema.named("Myelin")).isInstanceOf(IllegalArgumentException.class);
    }
}
