package dev.myelin.spring.boot.data;

import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the database, as {@code db}, in place of Spring Boot's {@code DataSourceHealthIndicator},
 * which borrows a connection from the application's pool on every check and so waits behind a busy
 * pool (seconds under write load, up to the pool's connection timeout). This one answers from the
 * latest background read of the {@link DataHealthSampler}, which ran its queries on that same
 * database: UP when the last read succeeded and is at most {@code myelin.health.max-sample-age} old,
 * DOWN with the failure or with {@code stale} otherwise. Registered only for an application with one
 * {@code DataSource} and the PostgreSQL outbox store (so the sample's reads are that database's),
 * when {@code myelin.health.sampled-db} is on (the default) and the application
 * defines no {@code dbHealthIndicator}/{@code dbHealthContributor} of its own. Thread-safe.
 *
 * @since 0.2
 */
public final class SampledDatabaseHealthIndicator extends AbstractHealthIndicator {

    private final DataHealthSampler sampler;
    private final Duration maxSampleAge;

    SampledDatabaseHealthIndicator(DataHealthSampler sampler, Duration maxSampleAge) {
        super("The database did not answer the last background read");
        this.sampler = sampler;
        this.maxSampleAge = maxSampleAge;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("database", "PostgreSQL");
        OutboxHealthIndicator.sampled(builder, sampler, maxSampleAge);
    }
}
