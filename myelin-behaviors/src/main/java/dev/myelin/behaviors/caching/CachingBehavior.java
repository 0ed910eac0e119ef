package dev.myelin.behaviors.caching;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Query;
import dev.myelin.core.Request;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caches the results of queries annotated {@link Cached} (or given a TTL in the configuration) in
 * a bounded Caffeine cache, and evicts them after commands annotated {@link Evicts} commit.
 *
 * <pre>{@code
 * CachingBehavior caching = CachingBehavior.builder()
 *         .ttl(GetKitchenQueue.class, Duration.ofMinutes(2))
 *         .transactions(transactions)          // the runner TransactionBehavior uses
 *         .build();
 * Mediator mediator = Mediator.builder()
 *         .handler(new GetMenuHandler(menu))
 *         .handler(new UpdateMenuHandler(menu))
 *         .behavior(TransactionBehavior.of(transactions))
 *         .behavior(caching)
 *         .build();
 * }</pre>
 *
 * <p><b>Scope.</b> Queries that opt in and commands annotated {@link Evicts}; any other request
 * type does not have this behavior in its chain. Annotations and TTLs are checked when the
 * mediator is built, and a mistake fails the build naming the type.
 *
 * <p><b>Caching.</b> The key is the query value itself (record equality). Only successful results
 * are kept: an {@link OperationResult} that {@link OperationResult#isSuccess() is a success}, or
 * any other non-null result. Each entry lives for its query type's TTL from when it was loaded:
 * the {@link Builder#ttl configured} one, else the {@link Cached#ttl annotation}'s, else
 * {@link #DEFAULT_TTL}. Concurrent identical misses load once: the other callers wait for that
 * load and share its outcome, a failure or exception included (a failure is still not kept). A
 * query sent while a transaction is active (from inside a command's handler) reads a cached entry
 * but, on a miss, calls the handler without storing or sharing the result, since it may see that
 * transaction's uncommitted writes.
 *
 * <p><b>Eviction.</b> When an {@link Evicts} command succeeds, the entries of the query types it
 * names, and of the query types carrying the tags it names, are removed after its transaction
 * commits (through {@link TransactionRunner#afterCommit}); never before the commit, and not at
 * all when the command fails, throws or rolls back. Without a configured runner, or with no
 * transaction active, they are removed as soon as the command returns successfully. A load that
 * was in flight when an eviction ran is not stored, so a value read before the commit never
 * outlives it. Each eviction is then published to the {@link CacheInvalidationChannel}.
 *
 * <p><b>Order.</b> {@link BehaviorOrder#CACHING}, closest to the handler: a hit skips only the
 * handler, and an evicting command's eviction is registered inside its transaction.
 *
 * <p><b>Threading.</b> Thread-safe. Counters are exact; see {@link #stats()}.
 *
 * @since 0.1
 */
public final class CachingBehavior implements PipelineBehavior<Request<?>, Object> {

    /** Time to live of query types that state none: 5 minutes. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    /** Most entries kept, across all query types, before the least valuable are dropped. */
    public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(CachingBehavior.class);

    private static final CacheInvalidationChannel LOCAL_ONLY = invalidation -> { };

    private final TransactionRunner transactions;
    private final CacheInvalidationChannel channel;
    private final ClassValue<CachePolicy> policies;
    private final AsyncCache<Object, Object> cache;
    private final ConcurrentMap<Object, CompletableFuture<Object>> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    private CachingBehavior(Builder builder) {
        this.transactions = builder.transactions;
        this.channel = builder.channel;
        Map<Class<?>, Duration> ttls = Map.copyOf(builder.ttls);
        Duration defaultTtl = builder.defaultTtl;
        this.policies = new ClassValue<>() {
            @Override
            protected CachePolicy computeValue(Class<?> type) {
                return CachePolicy.resolve(type, ttls, defaultTtl, invalidation -> () -> evict(invalidation, true));
            }
        };
        this.cache = Caffeine.newBuilder()
                // Maintenance (draining the read buffer, expiry, size eviction) on the calling thread, not
                // handed to the common pool: on a hot key the read buffer fills every few hits, and waking a
                // pool thread each time was half of what a hit cost under HTTP load (docs/profiling.md). No
                // loader and no removal listener run on this executor.
                .executor(Runnable::run)
                .maximumSize(builder.maximumSize)
                .ticker(builder.ticker)
                .expireAfter(new PerTypeExpiry(policies))
                .buildAsync();
        this.entries = cache.asMap();
        channel.subscribe(invalidation -> evict(Objects.requireNonNull(invalidation, "invalidation"), false));
    }

    /**
     * Creates the behavior with the defaults: {@link #DEFAULT_TTL}, {@link #DEFAULT_MAXIMUM_SIZE},
     * the system ticker, no transaction runner (evictions happen when the command returns) and no
     * channel.
     *
     * @return the behavior
     */
    public static CachingBehavior ofDefaults() {
        return builder().build();
    }

    /**
     * Starts a builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean appliesTo(Class<?> requestType) {
        return policies.get(requestType).kind() != CachePolicy.Kind.NONE;
    }

    @Override
    public Object handle(Request<?> request, Next<Request<?>, Object> next) {
        CachePolicy policy = policies.get(request.getClass());
        if (policy.kind() == CachePolicy.Kind.EVICT) {
            return evictAfterCommit(request, next, policy);
        }
        return cached(request, next);
    }

    @Override
    public int order() {
        return BehaviorOrder.CACHING;
    }

    /**
     * Returns the counters since this behavior was created.
     *
     * @return a snapshot of the counters
     */
    public Stats stats() {
        return new Stats(hits.sum(), misses.sum(), evictions.sum());
    }

    /**
     * Evicts the cached results an invalidation covers, as a successful {@link Evicts} command does:
     * after the current transaction of the configured runner commits (never if it rolls back), at once
     * when none is active or no runner is configured; then publishes it to the other instances. For
     * writes made outside a command, such as an event handler's, which no {@code @Evicts} declares.
     *
     * @param invalidation the query types and tags whose cached results are stale
     */
    public void evictAfterCommit(CacheInvalidation invalidation) {
        Objects.requireNonNull(invalidation, "invalidation");
        Runnable eviction = () -> evict(invalidation, true);
        if (transactions == null) {
            eviction.run();
        } else {
            transactions.afterCommit(eviction);
        }
    }

    private Object evictAfterCommit(Request<?> command, Next<Request<?>, Object> next, CachePolicy policy) {
        Object result = next.invoke(command);
        if (isSuccess(result)) {
            if (transactions == null) {
                policy.eviction().run();
            } else {
                transactions.afterCommit(policy.eviction());
            }
        }
        return result;
    }

    private Object cached(Request<?> query, Next<Request<?>, Object> next) {
        CompletableFuture<Object> found = cache.getIfPresent(query);
        if (found != null) {
            hits.increment();
            return join(found);
        }
        if (transactions != null && transactions.isActive()) {
            misses.increment();
            return next.invoke(query);
        }
        // Publish the pending load before calling the handler: identical misses wait for it, and an
        // eviction that runs meanwhile removes it, so a value read before a commit is never kept.
        CompletableFuture<Object> loading = new CompletableFuture<>();
        found = entries.putIfAbsent(query, loading);
        if (found != null) {
            hits.increment();
            return join(found);
        }
        misses.increment();
        Object result;
        try {
            result = next.invoke(query);
        } catch (RuntimeException | Error failure) {
            entries.remove(query, loading);
            // Completed normally with a marker, not exceptionally: Caffeine would log the failure again.
            loading.complete(new LoadFailure(failure));
            throw failure;
        }
        if (!isSuccess(result)) {
            entries.remove(query, loading);
        }
        loading.complete(result);
        return result;
    }

    private void evict(CacheInvalidation invalidation, boolean publish) {
        long removed = 0;
        for (Object key : entries.keySet()) {
            CachePolicy policy = policies.get(key.getClass());
            if (invalidation.covers(key.getClass(), policy.tags()) && entries.remove(key) != null) {
                removed++;
            }
        }
        evictions.add(removed);
        if (publish) {
            try {
                channel.publish(invalidation);
            } catch (RuntimeException failure) {
                LOG.warn("Could not publish a cache eviction to the other instances: {}", invalidation, failure);
            }
        }
    }

    private static boolean isSuccess(Object result) {
        return result instanceof OperationResult<?> operation ? operation.isSuccess() : result != null;
    }

    private static Object join(CompletableFuture<Object> future) {
        Object result = future.join();
        if (result instanceof LoadFailure failed) {
            if (failed.failure() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) failed.failure();
        }
        return result;
    }

    /** The outcome of a load that threw, shared with the identical sends that waited for it. */
    private record LoadFailure(Throwable failure) {
    }

    @Override
    public String toString() {
        return "CachingBehavior" + stats();
    }

    /**
     * Counters of a {@link CachingBehavior} since it was created.
     *
     * @param hits sends answered without calling the handler, including those that waited for an
     *     identical send's load
     * @param misses sends that called the handler
     * @param evictions entries removed by evictions, local or received from other instances
     *     (entries dropped for size or expired are not counted)
     * @since 0.1
     */
    public record Stats(long hits, long misses, long evictions) {
    }

    /** Each entry's time to live is its query type's, resolved once per type. */
    private static final class PerTypeExpiry implements Expiry<Object, Object> {
        private final ClassValue<CachePolicy> policies;

        PerTypeExpiry(ClassValue<CachePolicy> policies) {
            this.policies = policies;
        }

        @Override
        public long expireAfterCreate(Object key, Object value, long currentTime) {
            return policies.get(key.getClass()).ttlNanos();
        }

        @Override
        public long expireAfterUpdate(Object key, Object value, long currentTime, long currentDuration) {
            return policies.get(key.getClass()).ttlNanos();
        }

        @Override
        public long expireAfterRead(Object key, Object value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /**
     * Configures a {@link CachingBehavior}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Map<Class<?>, Duration> ttls = new HashMap<>();
        private Duration defaultTtl = DEFAULT_TTL;
        private long maximumSize = DEFAULT_MAXIMUM_SIZE;
        private Ticker ticker = Ticker.systemTicker();
        private TransactionRunner transactions;
        private CacheInvalidationChannel channel = LOCAL_ONLY;

        private Builder() {
        }

        /**
         * Caches a query type for the given time to live, whether or not it is annotated; this
         * wins over its {@link Cached#ttl()}.
         *
         * @param queryType the query type
         * @param ttl the time to live, positive
         * @return this builder
         */
        public Builder ttl(Class<? extends Query<?>> queryType, Duration ttl) {
            ttls.put(Objects.requireNonNull(queryType, "queryType"), positive(ttl, "ttl of " + queryType.getName()));
            return this;
        }

        /**
         * Sets the time to live of cached query types that state none.
         *
         * @param ttl the time to live, positive; {@link #DEFAULT_TTL} by default
         * @return this builder
         */
        public Builder defaultTtl(Duration ttl) {
            this.defaultTtl = positive(ttl, "defaultTtl");
            return this;
        }

        /**
         * Sets the most entries kept, across all query types.
         *
         * @param size the bound, positive; {@link #DEFAULT_MAXIMUM_SIZE} by default
         * @return this builder
         */
        public Builder maximumSize(long size) {
            if (size <= 0) {
                throw new IllegalArgumentException("maximumSize must be positive, was " + size);
            }
            this.maximumSize = size;
            return this;
        }

        /**
         * Sets the time source of expiry, for tests; nanoseconds, monotonic.
         *
         * @param source the ticker; the system ticker by default
         * @return this builder
         */
        public Builder ticker(Ticker source) {
            this.ticker = Objects.requireNonNull(source, "ticker");
            return this;
        }

        /**
         * Defers evictions to after the commit of the transactions this runner opens. Pass the
         * runner given to {@code TransactionBehavior}; without one, evictions happen as soon as
         * the evicting command returns, which is before its commit when it runs in a transaction.
         *
         * @param runner the runner
         * @return this builder
         */
        public Builder transactions(TransactionRunner runner) {
            this.transactions = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /**
         * Sets where local evictions are published and remote ones come from.
         *
         * @param invalidationChannel the channel; local-only by default
         * @return this builder
         */
        public Builder invalidationChannel(CacheInvalidationChannel invalidationChannel) {
            this.channel = Objects.requireNonNull(invalidationChannel, "invalidationChannel");
            return this;
        }

        /**
         * Builds the behavior.
         *
         * @return the behavior
         */
        public CachingBehavior build() {
            return new CachingBehavior(this);
        }

        private static Duration positive(Duration ttl, String what) {
            Objects.requireNonNull(ttl, what);
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + ttl);
            }
            return ttl;
        }
    }
}
