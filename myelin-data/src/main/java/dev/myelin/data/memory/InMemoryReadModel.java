package dev.myelin.data.memory;

import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionTarget;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A read model in memory: a map that a projection writes and query handlers read, rebuildable
 * without downtime by swapping in a fresh map ({@link ProjectionTarget}).
 *
 * <pre>{@code
 * InMemoryReadModel<String, OrderSummary> summaries = new InMemoryReadModel<>("OrderSummaryProjection", transactions,
 *         (event, rows) -> { if (event.event() instanceof OrderPlaced placed) rows.put(placed.orderId(), ...); });
 * daemon = ProjectionDaemon.builder(...).projection(summaries.projection()).build();
 * }</pre>
 *
 * <p><b>Transactions.</b> Writes through {@link Rows} are undone when their
 * {@link InMemoryTransactions} transaction rolls back. Readers see writes at once.
 *
 * <p>Thread-safe; the projection is applied by one thread at a time, as the daemon guarantees.
 *
 * @param <K> the key type
 * @param <V> the row type, immutable
 * @since 0.1
 */
public final class InMemoryReadModel<K, V> implements ProjectionTarget {

    private final String name;
    private final InMemoryTransactions transactions;
    private final BiConsumer<StoredEvent, Rows<K, V>> applier;
    private volatile Map<K, V> live = new ConcurrentHashMap<>();
    private volatile Map<K, V> fresh;

    /**
     * Creates an empty read model.
     *
     * @param name the projection's name
     * @param transactions whose rollbacks undo writes
     * @param applier applies one event to the rows
     */
    public InMemoryReadModel(String name, InMemoryTransactions transactions, BiConsumer<StoredEvent, Rows<K, V>> applier) {
        this.name = Objects.requireNonNull(name, "name");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.applier = Objects.requireNonNull(applier, "applier");
    }

    /**
     * Returns the projection that writes into the live map, whichever it is after swaps.
     *
     * @return the projection
     */
    public Projection projection() {
        return projectionInto(null);
    }

    private Projection projectionInto(Map<K, V> target) {
        return new Projection() {
            @Override
            public void apply(StoredEvent event) {
                applier.accept(event, new Rows<>(target == null ? live : target, transactions));
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /**
     * Reads one row.
     *
     * @param key the key
     * @return the row, if any
     */
    public Optional<V> get(K key) {
        return Optional.ofNullable(live.get(key));
    }

    /**
     * Returns a copy of every row.
     *
     * @return the rows
     */
    public Map<K, V> all() {
        return Map.copyOf(live);
    }

    @Override
    public Projection fresh() {
        Map<K, V> created = new ConcurrentHashMap<>();
        fresh = created;
        return projectionInto(created);
    }

    @Override
    public void swap() {
        Map<K, V> swapped = Objects.requireNonNull(fresh, "No fresh copy to swap in; call fresh() first");
        Map<K, V> old = live;
        live = swapped;
        fresh = null;
        transactions.onRollback(() -> live = old);
    }

    /**
     * The rows a projection writes, undone on rollback.
     *
     * @param <K> the key type
     * @param <V> the row type
     * @since 0.1
     */
    public static final class Rows<K, V> {
        private final Map<K, V> map;
        private final InMemoryTransactions transactions;

        private Rows(Map<K, V> map, InMemoryTransactions transactions) {
            this.map = map;
            this.transactions = transactions;
        }

        /**
         * Reads a row.
         *
         * @param key the key
         * @return the row, if any
         */
        public Optional<V> get(K key) {
            return Optional.ofNullable(map.get(key));
        }

        /**
         * Writes a row.
         *
         * @param key the key
         * @param value the row
         */
        public void put(K key, V value) {
            undoable(key, map.put(key, value));
        }

        /**
         * Deletes a row.
         *
         * @param key the key
         */
        public void remove(K key) {
            undoable(key, map.remove(key));
        }

        private void undoable(K key, V previous) {
            transactions.onRollback(() -> {
                if (previous == null) {
                    map.remove(key);
                } else {
                    map.put(key, previous);
                }
            });
        }
    }
}
