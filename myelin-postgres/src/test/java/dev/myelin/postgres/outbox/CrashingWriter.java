package dev.myelin.postgres.outbox;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.contract.TestEvents;
import dev.myelin.data.contract.TestEvents.Added;
import dev.myelin.data.contract.TestEvents.OrderEvent;
import dev.myelin.data.contract.TestEvents.Placed;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.postgres.EventTypeRegistry;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.PostgresEventStore;
import java.io.PrintStream;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The child JVM of {@link OutboxCrashTest}: commits orders (two events and their outbox rows per
 * transaction, as a repository does), prints {@code COMMITTED <n>} after each commit, and never
 * dispatches; it is killed with SIGKILL while doing so.
 */
final class CrashingWriter {

    /** The handlers the outbox rows are for; the test's dispatcher registers the same names. */
    static final List<String> HANDLERS = List.of("kitchen", "analytics");

    /** The most transactions it commits if nobody kills it. */
    private static final int MAX_ORDERS = 50_000;

    private CrashingWriter() {
    }

    static JacksonEventSerializer serializer() {
        return JacksonEventSerializer.of(EventTypeRegistry.builder()
                .register(TestEvents.Placed.class)
                .register(TestEvents.Added.class)
                .register(TestEvents.Poisoned.class)
                .build());
    }

    /**
     * Runs the writer.
     *
     * @param args the JDBC URL of the database, migrated
     */
    public static void main(String[] args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
        JacksonEventSerializer serializer = serializer();
        PostgresEventStore events = PostgresEventStore.builder(dataSource, transactions, transactions, serializer).build();
        OutboxDispatcher.Builder routing = OutboxDispatcher.builder(
                PostgresOutboxStore.builder(dataSource, transactions, serializer).owner("crashing-writer").build(), transactions);
        for (String handler : HANDLERS) {
            routing.handler(handler, OrderEvent.class, event -> {
                throw new IllegalStateException("the writer never dispatches");
            });
        }
        OutboxDispatcher outbox = routing.build();
        PrintStream out = System.out;
        for (int order = 1; order <= MAX_ORDERS; order++) {
            String stream = "Order-" + order;
            String id = String.valueOf(order);
            transactions.inTransaction(() -> {
                AppendResult appended = events.append(stream, ExpectedVersion.noStream(),
                        List.of(new Placed(id), new Added(id, 2)), EventMetadata.empty());
                List<StoredEvent> stored = events.readStream(stream, 1, appended.count());
                outbox.enqueue(stored);
                return null;
            }, result -> true);
            out.println("COMMITTED " + order);
            out.flush();
        }
        events.close();
    }
}
