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
    private final IdempotencyKey key = new IdempotencyKey("PlaceOrder", "", "mario", "key-1");

    private String begin() {
        return ((Claim.Started) store.tryBegin(key, "f", clock.instant())).owner();
    }

    @Test
    void firstClaimStartsRepeatsSeeInFlightThenTheStoredResult() {
        OrderPlaced placed = new OrderPlaced("42", new BigDecimal("21.50"), Instant.parse("2026-01-01T12:30:00Z"));

        String owner = begin();
        assertThat(store.tryBegin(key, "f", clock.instant())).isEqualTo(new Claim.InFlight("f"));
        assertThat(store.complete(key, owner, placed, clock.instant().plus(Duration.ofHours(24)))).isTrue();

        assertThat(store.tryBegin(key, "f", clock.instant())).isEqualTo(new Claim.Completed("f", placed));
        assertThat(store.tryBegin(new IdempotencyKey("PlaceOrder", "", "luigi", "key-1"), "f", clock.instant()))
                .as("another principal's key").isInstanceOf(Claim.Started.class);
        assertThat(store.tryBegin(new IdempotencyKey("PlaceOrder", "north", "mario", "key-1"), "f", clock.instant()))
                .as("another tenant's key").isInstanceOf(Claim.Started.class);
    }

    @Test
    void operationResultComesBackEqualWithItsDataType() {
        OperationResult<OrderPlaced> created = OperationResult.created(
                new OrderPlaced("42", new BigDecimal("21.50"), Instant.parse("2026-01-01T12:30:00Z")));
        store.complete(key, begin(), created, clock.instant().plus(Duration.ofHours(1)));

        assertThat(store.tryBegin(key, "f", clock.instant())).isEqualTo(new Claim.Completed("f", created));
    }

    @Test
    void nullResultIsStoredAsNull() {
        store.complete(key, begin(), null, clock.instant().plus(Duration.ofHours(1)));

        assertThat(store.tryBegin(key, "f", clock.instant())).isEqualTo(new Claim.Completed("f", null));
    }

    @Test
    void completedKeyIsFreeAgainOnceItExpiresAndPurgeDeletesExpiredRows() {
        store.complete(key, begin(), "done", clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(59));
        assertThat(store.tryBegin(key, "f", clock.instant())).isEqualTo(new Claim.Completed("f", "done"));
        assertThat(store.purgeExpired(clock.instant(), 100)).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.purgeExpired(clock.instant(), 100)).isEqualTo(1);
        assertThat(store.tryBegin(key, "f", clock.instant())).isInstanceOf(Claim.Started.class);
        assertThat(store.tryBegin(key, "f", clock.instant())).isInstanceOf(Claim.InFlight.class);
    }

    @Test
    void inFlightKeyOfACrashedOwnerIsFreeAfterTheLeaseAndTheFormerOwnerCannotComplete() {
        String crashed = begin();

        clock.advance(Duration.ofSeconds(59));
        assertThat(store.tryBegin(key, "f", clock.instant())).isInstanceOf(Claim.InFlight.class);
        clock.advance(Duration.ofSeconds(1));
        String next = begin();

        assertThat(store.complete(key, crashed, "late", clock.instant().plus(Duration.ofHours(1)))).isFalse();
        assertThat(store.complete(key, next, "done", clock.instant().plus(Duration.ofHours(1)))).isTrue();
    }

    @Test
    void abandonedKeyIsFreeAndAbandonNeverRemovesACompletedOne() {
        store.abandon(key, begin());
        String owner = begin();

        store.complete(key, owner, "done", clock.instant().plus(Duration.ofHours(1)));
        store.abandon(key, owner);
        assertThat(store.tryBegin(key, "f", clock.instant())).isEqualTo(new Claim.Completed("f", "done"));
    }

    @Test
    void resultThatDoesNotRoundTripThroughJacksonIsRefusedWithTheKeyLeftInFlight() {
        String owner = begin();

        assertThatThrownBy(() -> store.complete(key, owner, new NoCreator(7), clock.instant().plus(Duration.ofHours(1))))
                .isInstanceOf(IdempotencyStoreException.class)
                .hasMessageContaining(NoCreator.class.getName());
        assertThat(store.tryBegin(key, "f", clock.instant())).isInstanceOf(Claim.InFlight.class);
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
                    return store.tryBegin(key, "f", clock.instant());
                }));
            }
            start.countDown();
            List<Claim> results = new ArrayList<>();
            for (Future<Claim> claim : claims) {
                results.add(claim.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn(claim -> claim instanceof Claim.Started).hasSize(1);
            assertThat(results).filteredOn(claim -> claim instanceof Claim.InFlight).hasSize(callers - 1);
        } finally {
            threads.shutdownNow();
        }
    }
}
