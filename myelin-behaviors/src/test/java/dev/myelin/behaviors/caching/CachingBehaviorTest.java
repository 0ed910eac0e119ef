package dev.myelin.behaviors.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.myelin.data.transaction.InMemoryTransactionRunner;
import dev.myelin.behaviors.transaction.TransactionBehavior;
import dev.myelin.core.Command;
import dev.myelin.core.Mediator;
import dev.myelin.core.MediatorBuilder;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachingBehaviorTest {

    @Cached(ttl = "PT30M", tags = "menu")
    record GetMenu(String category) implements Query<OperationResult<List<String>>> {
    }

    @Cached(ttl = "PT1M")
    record GetOrderStatus(String orderId) implements Query<OperationResult<String>> {
    }

    record GetKitchenQueue() implements Query<OperationResult<List<String>>> {
    }

    @Cached(tags = "menu")
    record GetPopularPizzas(int limit) implements Query<List<String>> {
    }

    record GetOrders() implements Query<String> {
    }

    @Evicts(queries = GetMenu.class)
    record UpdateMenu(String pizza, boolean fail) implements Command<OperationResult<Void>> {
    }

    @Evicts(tags = "menu")
    record RemovePizza(String pizza) implements Command<OperationResult<Void>> {
    }

    record AddPizzaThenLook(String pizza, boolean failAfterwards) implements Command<OperationResult<List<String>>> {
    }

    record PlaceOrder(String customer) implements Command<String> {
    }

    private final List<String> menu = new CopyOnWriteArrayList<>(List.of("margherita"));
    private final Map<Class<?>, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, OperationResult<String>> statuses = new ConcurrentHashMap<>();
    private final List<String> trace = new CopyOnWriteArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();
    private Consumer<Object> loadHook = query -> { };
    private Mediator mediator;

    @AfterEach
    void closeMediator() {
        if (mediator != null) {
            mediator.close();
        }
    }

    private int calls(Class<?> type) {
        return calls.computeIfAbsent(type, t -> new AtomicInteger()).get();
    }

    private void called(Class<?> type) {
        calls.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
    }

    private Mediator mediator(CachingBehavior caching, boolean inTransactions) {
        MediatorBuilder builder = Mediator.builder()
                .handler(GetMenu.class, query -> {
                    called(GetMenu.class);
                    loadHook.accept(query);
                    return OperationResult.ok(List.copyOf(menu));
                })
                .handler(GetOrderStatus.class, query -> {
                    called(GetOrderStatus.class);
                    loadHook.accept(query);
                    OperationResult<String> status = statuses.get(query.orderId());
                    if (status == null) {
                        throw new IllegalStateException("Order store unavailable");
                    }
                    return status;
                })
                .handler(GetKitchenQueue.class, query -> {
                    called(GetKitchenQueue.class);
                    return OperationResult.ok(List.of("o-1"));
                })
                .handler(GetPopularPizzas.class, query -> {
                    called(GetPopularPizzas.class);
                    return menu.size() > query.limit() ? null : List.copyOf(menu);
                })
                .handler(GetOrders.class, query -> {
                    called(GetOrders.class);
                    return "orders";
                })
                .handler(UpdateMenu.class, command -> {
                    called(UpdateMenu.class);
                    if (command.fail()) {
                        return OperationResult.conflict("Menu changed meanwhile");
                    }
                    menu.add(command.pizza());
                    return OperationResult.noContent();
                })
                .handler(RemovePizza.class, command -> {
                    menu.remove(command.pizza());
                    return OperationResult.noContent();
                })
                .handler(AddPizzaThenLook.class, command -> {
                    OperationResult<Void> updated = mediator.send(new UpdateMenu(command.pizza(), false));
                    OperationResult<List<String>> seen = mediator.send(new GetMenu("all"));
                    trace.add("updated " + updated.status() + ", saw " + seen.data() + " in transaction "
                            + transactions.isActive());
                    return command.failAfterwards() ? OperationResult.unprocessable("Changed my mind") : seen;
                })
                .handler(PlaceOrder.class, command -> "placed")
                .behavior(caching);
        if (inTransactions) {
            builder.behavior(TransactionBehavior.of(transactions));
        }
        mediator = builder.build();
        return mediator;
    }

    private CachingBehavior.Builder caching() {
        return CachingBehavior.builder().ticker(nanos::get);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void hitReturnsCachedResultWithoutCallingHandler() {
        CachingBehavior caching = caching().build();
        Mediator mediator = mediator(caching, false);

        OperationResult<List<String>> first = mediator.send(new GetMenu("all"));
        OperationResult<List<String>> second = mediator.send(new GetMenu("all"));
        OperationResult<List<String>> other = mediator.send(new GetMenu("vegan"));

        assertThat(second).isSameAs(first);
        assertThat(other).isNotSameAs(first);
        assertThat(calls(GetMenu.class)).isEqualTo(2);
        assertThat(caching.stats()).isEqualTo(new CachingBehavior.Stats(1, 2, 0));
    }

    @Test
    void entriesExpireAfterTheirTypesTtlWithoutSleeping() {
        CachingBehavior caching = caching().ttl(GetKitchenQueue.class, Duration.ofMinutes(2)).build();
        Mediator mediator = mediator(caching, false);
        statuses.put("o-1", OperationResult.ok("pending"));
        Runnable sendAll = () -> {
            mediator.send(new GetOrderStatus("o-1"));
            mediator.send(new GetKitchenQueue());
            mediator.send(new GetPopularPizzas(5));
            mediator.send(new GetMenu("all"));
        };

        sendAll.run();
        advance(Duration.ofSeconds(59));
        sendAll.run();
        assertThat(List.of(calls(GetOrderStatus.class), calls(GetKitchenQueue.class), calls(GetPopularPizzas.class),
                calls(GetMenu.class))).containsExactly(1, 1, 1, 1);

        advance(Duration.ofSeconds(2)); // 1:01 - order status (1 min) expired
        sendAll.run();
        advance(Duration.ofMinutes(1)); // 2:01 - kitchen queue (2 min, configured) expired
        sendAll.run();
        advance(Duration.ofMinutes(3)); // 5:01 - popular pizzas (default 5 min) expired, order status again
        sendAll.run();
        advance(Duration.ofMinutes(25)); // 30:01 - menu (30 min) expired
        sendAll.run();

        assertThat(List.of(calls(GetOrderStatus.class), calls(GetKitchenQueue.class), calls(GetPopularPizzas.class),
                calls(GetMenu.class))).containsExactly(5, 4, 3, 2);
    }

    @Test
    void configuredTtlWinsOverAnnotationAndDefaultTtlIsConfigurable() {
        CachingBehavior caching = caching().ttl(GetOrderStatus.class, Duration.ofMinutes(10))
                .defaultTtl(Duration.ofSeconds(30)).build();
        Mediator mediator = mediator(caching, false);
        statuses.put("o-1", OperationResult.ok("pending"));

        mediator.send(new GetOrderStatus("o-1"));
        mediator.send(new GetPopularPizzas(5));
        advance(Duration.ofMinutes(9));
        mediator.send(new GetOrderStatus("o-1"));
        mediator.send(new GetPopularPizzas(5));

        assertThat(calls(GetOrderStatus.class)).isEqualTo(1);
        assertThat(calls(GetPopularPizzas.class)).isEqualTo(2);
    }

    @Test
    void failuresExceptionsAndNullsAreNotCached() {
        CachingBehavior caching = caching().build();
        Mediator mediator = mediator(caching, false);
        statuses.put("o-404", OperationResult.notFound("Order", "o-404"));

        assertThat(mediator.send(new GetOrderStatus("o-404")).status()).isEqualTo(404);
        assertThat(mediator.send(new GetOrderStatus("o-404")).status()).isEqualTo(404);
        assertThat(mediator.send(new GetOrderStatus("o-500")).status()).isEqualTo(500);
        assertThat(mediator.send(new GetOrderStatus("o-500")).status()).isEqualTo(500);
        assertThat(mediator.send(new GetPopularPizzas(0))).isNull();
        assertThat(mediator.send(new GetPopularPizzas(0))).isNull();

        assertThat(calls(GetOrderStatus.class)).isEqualTo(4);
        assertThat(calls(GetPopularPizzas.class)).isEqualTo(2);
        assertThat(caching.stats()).isEqualTo(new CachingBehavior.Stats(0, 6, 0));
    }

    @Test
    void concurrentIdenticalMissesLoadOnce() throws Exception {
        int threads = 8;
        CachingBehavior caching = caching().build();
        Mediator mediator = mediator(caching, false);
        // The one load holds until every other sender has found it in flight and is waiting for it.
        loadHook = query -> await().atMost(5, TimeUnit.SECONDS).until(() -> caching.stats().hits() == threads - 1);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<OperationResult<List<String>>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return mediator.send(new GetMenu("all"));
                }));
            }
            start.countDown();
            OperationResult<List<String>> first = results.get(0).get(5, TimeUnit.SECONDS);
            for (Future<OperationResult<List<String>>> result : results) {
                assertThat(result.get(5, TimeUnit.SECONDS)).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(calls(GetMenu.class)).isEqualTo(1);
        assertThat(caching.stats()).isEqualTo(new CachingBehavior.Stats(threads - 1, 1, 0));
    }

    @Test
    void concurrentIdenticalMissSharesTheExceptionOfItsLoadAndKeepsNothing() throws Exception {
        CachingBehavior caching = caching().build();
        Mediator mediator = mediator(caching, false);
        loadHook = query -> await().atMost(5, TimeUnit.SECONDS).until(() -> caching.stats().hits() == 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<OperationResult<String>> first = pool.submit(() -> mediator.send(new GetOrderStatus("o-500")));
            Future<OperationResult<String>> second = pool.submit(() -> mediator.send(new GetOrderStatus("o-500")));
            assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(500);
            assertThat(second.get(5, TimeUnit.SECONDS).status()).isEqualTo(500);
        } finally {
            pool.shutdownNow();
        }
        loadHook = query -> { };
        statuses.put("o-500", OperationResult.ok("pending"));

        assertThat(mediator.send(new GetOrderStatus("o-500")).data()).isEqualTo("pending");
        assertThat(calls(GetOrderStatus.class)).isEqualTo(2);
        assertThat(caching.stats()).isEqualTo(new CachingBehavior.Stats(1, 2, 0));
    }

    @Test
    void cacheEvictedAfterCommitNotBeforeCommitAndNotAfterRollback() {
        CachingBehavior caching = caching().transactions(transactions).build();
        Mediator mediator = mediator(caching, true);
        mediator.send(new GetMenu("all"));

        // Inside the transaction, after the evicting command succeeded: the cached menu is still served.
        OperationResult<List<String>> seenInside = mediator.send(new AddPizzaThenLook("funghi", false));
        assertThat(seenInside.data()).containsExactly("margherita");
        assertThat(trace).containsExactly("updated 204, saw [margherita] in transaction true");
        assertThat(calls(GetMenu.class)).isEqualTo(1);
        assertThat(caching.stats().evictions()).isEqualTo(1);
        // After the commit: gone.
        assertThat(mediator.send(new GetMenu("all")).data()).containsExactly("margherita", "funghi");
        assertThat(calls(GetMenu.class)).isEqualTo(2);

        // The outer command fails after the inner evicting command succeeded: rolled back, nothing evicted.
        assertThat(mediator.send(new AddPizzaThenLook("diavola", true)).status()).isEqualTo(422);
        // The evicting command itself fails: nothing evicted.
        assertThat(mediator.send(new UpdateMenu("hawaii", true)).status()).isEqualTo(409);
        assertThat(mediator.send(new GetMenu("all")).data()).containsExactly("margherita", "funghi");

        assertThat(calls(GetMenu.class)).isEqualTo(2);
        assertThat(calls(UpdateMenu.class)).isEqualTo(3);
        assertThat(caching.stats()).isEqualTo(new CachingBehavior.Stats(3, 2, 1));
    }

    @Test
    void evictionWithoutTransactionsHappensWhenCommandSucceeds() {
        CachingBehavior caching = caching().build();
        Mediator mediator = mediator(caching, false);
        mediator.send(new GetMenu("all"));

        mediator.send(new UpdateMenu("hawaii", true));
        mediator.send(new GetMenu("all"));
        mediator.send(new UpdateMenu("funghi", false));
        mediator.send(new GetMenu("all"));

        assertThat(calls(GetMenu.class)).isEqualTo(2);
        assertThat(caching.stats()).isEqualTo(new CachingBehavior.Stats(1, 2, 1));
    }

    @Test
    void evictionByTagRemovesEveryEntryOfTaggedTypes() {
        CachingBehavior caching = caching().transactions(transactions).build();
        Mediator mediator = mediator(caching, true);
        statuses.put("o-1", OperationResult.ok("pending"));
        Runnable warm = () -> {
            mediator.send(new GetMenu("all"));
            mediator.send(new GetMenu("vegan"));
            mediator.send(new GetPopularPizzas(5));
            mediator.send(new GetOrderStatus("o-1"));
        };
        warm.run();

        mediator.send(new RemovePizza("margherita"));
        warm.run();

        assertThat(calls(GetMenu.class)).isEqualTo(4);
        assertThat(calls(GetPopularPizzas.class)).isEqualTo(2);
        assertThat(calls(GetOrderStatus.class)).isEqualTo(1);
        assertThat(caching.stats()).isEqualTo(new CachingBehavior.Stats(1, 7, 3));
    }

    @Test
    void missInsideTransactionIsNeitherStoredNorShared() {
        CachingBehavior caching = caching().transactions(transactions).build();
        Mediator mediator = mediator(caching, true);

        mediator.send(new AddPizzaThenLook("funghi", true)); // rolled back: what it read must not be cached
        assertThat(trace).containsExactly("updated 204, saw [margherita, funghi] in transaction true");
        mediator.send(new GetMenu("all"));
        mediator.send(new GetMenu("all"));

        assertThat(calls(GetMenu.class)).isEqualTo(2);
        assertThat(caching.stats()).isEqualTo(new CachingBehavior.Stats(1, 2, 0));
    }

    @Test
    void loadInFlightDuringEvictionIsNotKept() throws Exception {
        CachingBehavior caching = caching().build();
        Mediator mediator = mediator(caching, false);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loadHook = query -> {
            loading.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<OperationResult<List<String>>> stale = pool.submit(() -> mediator.send(new GetMenu("all")));
            assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
            mediator.send(new UpdateMenu("funghi", false));
            release.countDown();
            assertThat(stale.get(5, TimeUnit.SECONDS).data()).containsExactly("margherita", "funghi");
        } finally {
            pool.shutdownNow();
        }
        loadHook = query -> { };

        mediator.send(new GetMenu("all"));

        assertThat(calls(GetMenu.class)).isEqualTo(2);
        assertThat(caching.stats()).isEqualTo(new CachingBehavior.Stats(0, 2, 1));
    }

    @Test
    void requestTypesThatDoNotOptInAreNotWrapped() {
        CachingBehavior caching = caching().build();
        Mediator mediator = mediator(caching, false);

        mediator.send(new GetOrders());
        mediator.send(new GetOrders());
        mediator.send(new PlaceOrder("Mario"));

        assertThat(calls(GetOrders.class)).isEqualTo(2);
        assertThat(caching.appliesTo(GetOrders.class)).isFalse();
        assertThat(caching.appliesTo(PlaceOrder.class)).isFalse();
        assertThat(caching.appliesTo(AddPizzaThenLook.class)).isFalse();
        assertThat(caching.appliesTo(GetMenu.class)).isTrue();
        assertThat(caching.appliesTo(GetKitchenQueue.class)).isFalse();
        assertThat(caching().ttl(GetKitchenQueue.class, Duration.ofMinutes(2)).build().appliesTo(GetKitchenQueue.class))
                .isTrue();
        assertThat(caching.appliesTo(UpdateMenu.class)).isTrue();
        assertThat(caching.stats()).isEqualTo(new CachingBehavior.Stats(0, 0, 0));
    }

    @Test
    void localEvictionsArePublishedAndRemoteOnesAppliedWithoutRepublishing() {
        List<CacheInvalidation> published = new CopyOnWriteArrayList<>();
        List<Consumer<CacheInvalidation>> remote = new ArrayList<>();
        CacheInvalidationChannel channel = new CacheInvalidationChannel() {
            @Override
            public void publish(CacheInvalidation invalidation) {
                published.add(invalidation);
            }

            @Override
            public void subscribe(Consumer<CacheInvalidation> apply) {
                remote.add(apply);
            }
        };
        CachingBehavior caching = caching().invalidationChannel(channel).build();
        Mediator mediator = mediator(caching, false);
        statuses.put("o-1", OperationResult.ok("pending"));
        mediator.send(new GetMenu("all"));
        mediator.send(new GetOrderStatus("o-1"));

        mediator.send(new UpdateMenu("funghi", false));
        assertThat(published).containsExactly(new CacheInvalidation(Set.of(GetMenu.class), Set.of()));

        remote.get(0).accept(new CacheInvalidation(Set.of(GetOrderStatus.class), Set.of()));
        mediator.send(new GetOrderStatus("o-1"));

        assertThat(remote).hasSize(1);
        assertThat(published).hasSize(1);
        assertThat(calls(GetOrderStatus.class)).isEqualTo(2);
        assertThat(caching.stats()).isEqualTo(new CachingBehavior.Stats(0, 3, 2));
    }

    @Cached(ttl = "30m")
    record GetWithBadTtl() implements Query<String> {
    }

    @Cached(ttl = "-PT1M")
    record GetWithNegativeTtl() implements Query<String> {
    }

    @Cached
    record CachedCommand() implements Command<String> {
    }

    @Evicts(tags = "menu")
    record EvictingQuery() implements Query<String> {
    }

    @Evicts
    record EvictsNothing() implements Command<String> {
    }

    @Cached
    static final class GetByIdentity implements Query<String> {
    }

    @Test
    void invalidDeclarationsFailTheBuildNamingTheType() {
        assertThat(buildFailure(GetWithBadTtl.class)).contains(
                "@Cached(ttl = \"30m\") on " + GetWithBadTtl.class.getName() + " is not an ISO-8601 duration such as \"PT30M\"");
        assertThat(buildFailure(GetWithNegativeTtl.class)).contains(
                "@Cached(ttl = \"-PT1M\") on " + GetWithNegativeTtl.class.getName() + " must be positive");
        assertThat(buildFailure(CachedCommand.class)).contains(
                "@Cached on " + CachedCommand.class.getName() + ": only queries are cached, and it is not a Query");
        assertThat(buildFailure(EvictingQuery.class)).contains(
                "@Evicts on " + EvictingQuery.class.getName() + ": only commands evict, and it is not a Command");
        assertThat(buildFailure(EvictsNothing.class)).contains(
                "@Evicts on " + EvictsNothing.class.getName() + " names neither queries nor tags");
        assertThat(buildFailure(GetByIdentity.class)).contains(
                GetByIdentity.class.getName() + " is cached by its value, so it must be a record or override equals");
        assertThatThrownBy(() -> CachingBehavior.builder().ttl(GetMenu.class, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl of " + GetMenu.class.getName() + " must be positive, was PT0S");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String buildFailure(Class<?> requestType) {
        MediatorBuilder builder = Mediator.builder()
                .handler((Class) requestType, request -> "result")
                .behavior(CachingBehavior.ofDefaults());
        return org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.myelin.core.MediatorConfigurationException.class, builder::build).getMessage();
    }
}
