package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.contract.MutableClock;
import dev.myelin.data.projection.ProjectionLease.Lease;
import dev.myelin.postgres.projection.PostgresProjectionLease;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PostgresProjectionLeaseTest {

    private static final Duration TTL = Duration.ofSeconds(10);

    private final DataSource dataSource = SharedPostgres.freshDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final PostgresProjectionLease instanceA = new PostgresProjectionLease(dataSource, MyelinSchema.DEFAULT, clock);
    private final PostgresProjectionLease instanceB = new PostgresProjectionLease(dataSource, MyelinSchema.DEFAULT, clock);

    @Test
    void tokensGrowWithEveryNewGrantAndNeverWithARenewalOrAReacquisitionByTheHolder() {
        Lease first = instanceA.tryAcquire("Orders", "a", TTL).orElseThrow();
        assertThat(first.fencingToken()).isEqualTo(1);
        assertThat(first.expiresAt()).isEqualTo(clock.millis() + TTL.toMillis());
        assertThat(instanceA.tryAcquire("Orders", "a", TTL).orElseThrow().fencingToken()).as("held already").isEqualTo(1);
        assertThat(instanceB.tryAcquire("Orders", "b", TTL)).as("unexpired").isEmpty();
        assertThat(instanceB.tryAcquire("Kitchen", "b", TTL).orElseThrow().fencingToken()).as("tokens are per projection")
                .isEqualTo(1);

        clock.advance(TTL);
        Lease takenOver = instanceB.tryAcquire("Orders", "b", TTL).orElseThrow();
        assertThat(takenOver.fencingToken()).isEqualTo(2);
        assertThat(instanceA.renew(first, TTL)).as("the old holder's renewal fails").isEmpty();
        instanceA.release(first);
        assertThat(instanceA.tryAcquire("Orders", "a", TTL)).as("a stale release frees nothing").isEmpty();

        Lease renewed = instanceB.renew(takenOver, TTL).orElseThrow();
        assertThat(renewed.fencingToken()).isEqualTo(2);
        instanceB.release(renewed);
        assertThat(instanceA.tryAcquire("Orders", "a", TTL).orElseThrow().fencingToken()).as("after a release").isEqualTo(3);
    }
}
