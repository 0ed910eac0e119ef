package dev.myelin.behaviors.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final IdempotencyKey KEY = new IdempotencyKey("PlaceOrder", "", "ada", "key-1");

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();

    @Test
    void keyIsStartedThenInFlightThenCompletedUntilItExpires() {
        String owner = owner(store.tryBegin(KEY, "f", NOW));
        assertThat(store.tryBegin(KEY, "f", NOW)).isEqualTo(new IdempotencyStore.Claim.InFlight("f"));

        assertThat(store.complete(KEY, owner, "order-1", NOW.plusSeconds(60))).isTrue();

        assertThat(store.tryBegin(KEY, "f", NOW.plusSeconds(59))).isEqualTo(new IdempotencyStore.Claim.Completed("f", "order-1"));
        assertThat(store.tryBegin(KEY, "f", NOW.plusSeconds(60))).isInstanceOf(IdempotencyStore.Claim.Started.class);
    }

    @Test
    void abandonedKeyIsFreeAgain() {
        String owner = owner(store.tryBegin(KEY, "f", NOW));

        store.abandon(KEY, owner);

        assertThat(store.tryBegin(KEY, "f", NOW)).isInstanceOf(IdempotencyStore.Claim.Started.class);
    }

    private static String owner(IdempotencyStore.Claim claim) {
        return ((IdempotencyStore.Claim.Started) claim).owner();
    }

    @Test
    void expiredRecordsAreSweptLazilyOncePerInterval() {
        IdempotencyKey other = new IdempotencyKey("PlaceOrder", "", "ada", "key-2");
        store.complete(KEY, owner(store.tryBegin(KEY, "f", NOW)), "order-1", NOW.plusSeconds(10));
        assertThat(store.size()).isEqualTo(1);

        store.tryBegin(other, "f", NOW.plusSeconds(20));
        assertThat(store.size()).as("no sweep within the interval").isEqualTo(2);

        store.tryBegin(other, "f", NOW.plus(InMemoryIdempotencyStore.SWEEP_INTERVAL));
        assertThat(store.size()).as("expired record swept, in-flight record kept").isEqualTo(1);
    }

    @Test
    void waiterWakesWhenTheKeyCompletes() throws Exception {
        String owner = owner(store.tryBegin(KEY, "f", NOW));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiter = thread.submit(() -> {
                store.awaitChange(KEY, Duration.ofSeconds(30));
                return null;
            });

            store.complete(KEY, owner, "order-1", NOW.plusSeconds(60));

            waiter.get(5, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void exactlyOneOfConcurrentCallersStarts() throws Exception {
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<IdempotencyStore.Claim>> claims = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                claims.add(pool.submit(() -> {
                    go.await();
                    return store.tryBegin(KEY, "f", NOW);
                }));
            }
            go.countDown();
            int startedCount = 0;
            for (Future<IdempotencyStore.Claim> claim : claims) {
                if (claim.get(5, TimeUnit.SECONDS) instanceof IdempotencyStore.Claim.Started) {
                    startedCount++;
                }
            }
            assertThat(startedCount).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
