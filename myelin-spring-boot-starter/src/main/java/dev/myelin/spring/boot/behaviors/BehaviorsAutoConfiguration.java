package dev.myelin.spring.boot.behaviors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures Myelin's built-in behaviors as beans, which the mediator auto-configuration then
 * registers: authorization, validation (when a Jakarta {@code Validator} bean exists), logging,
 * metrics (when an {@code ObservationRegistry} bean exists), idempotency, retry, timeout,
 * transaction (over the application's single {@code PlatformTransactionManager}, through a
 * {@link dev.myelin.spring.boot.transaction.SpringTransactionRunner}) and caching (when Caffeine is
 * on the class path).
 *
 * <p>Each is switched by {@code myelin.behaviors.<name>.enabled} (on by default) and backs off when
 * the application defines a bean of its type. A behavior whose scope covers no handler bean (the
 * transaction behavior in an application without commands) is left out of the mediator.
 *
 * @since 0.1
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"})
@EnableConfigurationProperties(BehaviorsProperties.class)
@Import({BehaviorConfigurations.Authorization.class, BehaviorConfigurations.Validation.class,
        BehaviorConfigurations.Logging.class, BehaviorConfigurations.Metrics.class, BehaviorConfigurations.Timers.class,
        BehaviorConfigurations.Idempotency.class, BehaviorConfigurations.Retry.class,
        BehaviorConfigurations.Timeout.class, BehaviorConfigurations.SpringTransactions.class,
        BehaviorConfigurations.Transaction.class, BehaviorConfigurations.Caching.class})
public final class BehaviorsAutoConfiguration {
}
