package dev.myelin.data.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.contract.MutableClock;
import dev.myelin.data.contract.TestEvents.Added;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.AfterAppend;
import dev.myelin.data.projection.ProjectionDaemon;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class InMemoryReadModelTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventStore events = new InMemoryEventStore(transactions, clock);

    /** Quantity per order; {@code version} lets the test tell an old build from a rebuilt one. */
    private static BiConsumer<StoredEvent, InMemoryReadModel.Rows<String, Integer>> totals(int factor) {
        return (event, rows) -> {
            if (event.event() instanceof Added added) {
                rows.put(added.orderId(), rows.get(added.orderId()).orElse(0) + added.quantity() * factor);
            }
        };
    }

    private void add(String order, int quantity) {
        events.append("Order-" + order, ExpectedVersion.any(), List.of(new Added(order, quantity)), EventMetadata.empty());
    }

    @Test
    void rebuildReplaysIntoAFreshMapAndSwapsItInWhileReadersKeepTheOldOne() {
        int[] factor = {1};
        InMemoryReadModel<String, Integer> totals = new InMemoryReadModel<>("TotalsProjection", transactions,
                (event, rows) -> totals(factor[0]).accept(event, rows));
        try (ProjectionDaemon daemon = ProjectionDaemon.builder(events, transactions, new InMemoryCheckpointStore(transactions),
                new InMemoryProjectionLease(clock)).clock(clock).projection(totals.projection()).build()) {
            add("a", 1);
            add("b", 2);
            add("a", 3);
            daemon.catchUp();
            assertThat(totals.all()).isEqualTo(Map.of("a", 4, "b", 2));

            factor[0] = 10;
            var fresh = totals.fresh();
            events.readAll(0, 1).forEach(fresh::apply);
            assertThat(totals.all()).as("readers see the old map during a rebuild").isEqualTo(Map.of("a", 4, "b", 2));

            assertThat(daemon.rebuild("TotalsProjection", totals)).isEqualTo(3);
            assertThat(totals.all()).isEqualTo(Map.of("a", 40, "b", 20));

            add("b", 1);
            daemon.catchUp();
            assertThat(totals.all()).as("the live projection writes the swapped-in map").isEqualTo(Map.of("a", 40, "b", 30));
            assertThat(daemon.lag("TotalsProjection").eventsBehind()).isZero();
        }
    }

    @Test
    void inlineProjectionWritesInTheCommandsTransactionAndRollsBackWithIt() {
        InMemoryReadModel<String, Integer> totals = new InMemoryReadModel<>("TotalsProjection", transactions, totals(1));
        AfterAppend inline = AfterAppend.builder(events, transactions).projection(totals.projection()).build();

        transactions.inTransaction(() -> inline.append("Order-a", ExpectedVersion.any(), List.of(new Added("a", 2)),
                EventMetadata.empty()), result -> true);
        assertThat(totals.get("a")).contains(2);

        try {
            transactions.inTransaction(() -> {
                inline.append("Order-a", ExpectedVersion.any(), List.of(new Added("a", 5)), EventMetadata.empty());
                assertThat(totals.get("a")).contains(7);
                throw new IllegalStateException("the command failed");
            }, result -> true);
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(totals.get("a")).contains(2);
    }
}
