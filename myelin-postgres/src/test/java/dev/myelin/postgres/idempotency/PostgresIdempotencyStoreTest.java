package dev.myelin.postgres.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.behaviors.idempotency.IdempotencyKey;
import dev.myelin.behaviors.idempotency.IdempotencyStore.Claim;
import dev.myelin.core.OperationResult;
import dev.myelin.data.contract.MutableClock;
import dev.myelin.postgres.SharedPostgres;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The idempotency store on PostgreSQL: claim, complete, repeat, expiry, concurrent claims. */
class PostgresIdempotencyStoreTest {

    record OrderPlaced(String orderId, BigDecimal total, Instant estimatedReadyTime) {
    }

    /** Jackson writes it but cannot read it back: no creator. */
    static final class NoCreator {
        public final int value;

        NoCreator(int value) {
            this.value = value;
        }
    }

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final PostgresIdempotencyStore store = PostgresIdempotencyStore.builder(dataSource)
            .inFlightLease(Duration.ofMinutes(1))
            .build();
    private final IdempotencyKey key = new IdempotencyKey("PlaceOrder", "mario", "key-1");

    @Test
    void firstClaimStartsRepeatsSeeInFlightThenTheStoredResult() {
        OrderPlaced placed = new OrderPlaced("42", new BigDecimal("21.50"), Instant.parse("2026-01-01T12:30:00Z"));

        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(Claim.STARTED);
        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(Claim.IN_FLIGHT);
        store.complete(key, placed, clock.instant().plus(Duration.ofHours(24)));

        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(new Claim.Completed(placed));
        assertThat(store.tryBegin(new IdempotencyKey("PlaceOrder", "luigi", "key-1"), clock.instant()))
                .as("another principal's key").isEqualTo(Claim.STARTED);
    }

    @Test
    void operationResultComesBackEqualWithItsDataType() {
        OperationResult<OrderPlaced> created = OperationResult.created(
                new OrderPlaced("42", new BigDecimal("21.50"), Instant.parse("2026-01-01T12:30:00Z")));
        store.tryBegin(key, clock.instant());
        store.complete(key, created, clock.instant().plus(Duration.ofHours(1)));

        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(new Claim.Completed(created));
    }

    @Test
    void nullResultIsStoredAsNull() {
        store.tryBegin(key, clock.instant());
        store.complete(key, null, clock.instant().plus(Duration.ofHours(1)));

        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(new Claim.Completed(null));
    }

    @Test
    void completedKeyIsFreeAgainOnceItExpires() {
        store.tryBegin(key, clock.instant());
        store.complete(key, "done", clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(59));
        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(new Claim.Completed("done"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(Claim.STARTED);
        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(Claim.IN_FLIGHT);
    }

    @Test
    void inFlightKeyOfACrashedOwnerIsFreeAfterTheLease() {
        store.tryBegin(key, clock.instant());

        clock.advance(Duration.ofSeconds(59));
        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(Claim.IN_FLIGHT);
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(Claim.STARTED);
    }

    @Test
    void abandonedKeyIsFreeAndAbandonNeverRemovesACompletedOne() {
        store.tryBegin(key, clock.instant());
        store.abandon(key);
        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(Claim.STARTED);

        store.complete(key, "done", clock.instant().plus(Duration.ofHours(1)));
        store.abandon(key);
        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(new Claim.Completed("done"));
    }

    @Test
    void resultThatDoesNotRoundTripThroughJacksonIsRefusedWithTheKeyLeftInFlight() {
        store.tryBegin(key, clock.instant());

        assertThatThrownBy(() -> store.complete(key, new NoCreator(7), clock.instant().plus(Duration.ofHours(1))))
                .isInstanceOf(IdempotencyStoreException.class)
                .hasMessageContaining(NoCreator.class.getName());
        assertThat(store.tryBegin(key, clock.instant())).isEqualTo(Claim.IN_FLIGHT);
    }

    @Test
    void concurrentClaimsOfAFreeKeyStartExactlyOne() throws Exception {
        int callers = 16;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                claims.add(threads.submit(() -> {
                    start.await();
                    return store.tryBegin(key, clock.instant());
                }));
            }
            start.countDown();
            List<Claim> results = new ArrayList<>();
            for (Future<Claim> claim : claims) {
                results.add(claim.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn(claim -> claim == Claim.STARTED).hasSize(1);
            assertThat(results).filteredOn(claim -> claim == Claim.IN_FLIGHT).hasSize(callers - 1);
        } finally {
            threads.shutdownNow();
        }
    }
}
