package dev.myelin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.contract.TestEvents.Added;
import dev.myelin.data.contract.TestEvents.Placed;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.memory.InMemoryEventStore;
import dev.myelin.data.memory.InMemoryTransactions;
import dev.myelin.data.projection.Projection;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The one after-append step: projections, then the outbox, fed by what the append stored. */
class AfterAppendTest {

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventStore store = new InMemoryEventStore(transactions, Clock.systemUTC());
    private final List<String> steps = new CopyOnWriteArrayList<>();

    private Projection recording(String name) {
        return new Projection() {
            @Override
            public void apply(StoredEvent event) {
                steps.add(name + " " + event.streamVersion() + " at " + event.position());
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    @Test
    void projectionsThenOutboxGetTheStoredEventsAsTheLogHoldsThem() {
        List<StoredEvent> enqueued = new CopyOnWriteArrayList<>();
        AfterAppend events = AfterAppend.builder(store, transactions).projection(recording("first"))
                .projection(recording("second")).outbox(stored -> {
                    steps.add("outbox " + stored.size());
                    enqueued.addAll(stored);
                }).build();

        AppendResult result = transactions.inTransaction(() -> events.append("Order-1", ExpectedVersion.noStream(),
                List.of(new Placed("1"), new Added("1", 2)), EventMetadata.empty()), r -> true);

        assertThat(steps).containsExactly("first 1 at 1", "first 2 at 2", "second 1 at 1", "second 2 at 2", "outbox 2");
        assertThat(enqueued).isEqualTo(result.events()).isEqualTo(store.readAll(0, 10));
    }

    @Test
    void anAppendOutsideATransactionCommitsWithItsStepOrNotAtAll() {
        AfterAppend events = AfterAppend.builder(store, transactions).projection(recording("ok")).outbox(stored -> {
            throw new IllegalStateException("outbox down");
        }).build();

        assertThatThrownBy(() -> events.append("Order-2", ExpectedVersion.noStream(), List.of(new Placed("2")),
                EventMetadata.empty())).hasMessage("outbox down");

        assertThat(store.readStream("Order-2", 1, 10)).as("the append rolled back with its failed step").isEmpty();
    }
}
