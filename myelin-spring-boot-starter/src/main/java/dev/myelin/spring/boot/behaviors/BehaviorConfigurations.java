package dev.myelin.spring.boot.behaviors;

import dev.myelin.behaviors.authorization.AuthorizationBehavior;
import dev.myelin.behaviors.caching.CacheInvalidationChannel;
import dev.myelin.behaviors.caching.CachingBehavior;
import dev.myelin.behaviors.idempotency.IdempotencyBehavior;
import dev.myelin.behaviors.idempotency.IdempotencyRecorder;
import dev.myelin.behaviors.idempotency.IdempotencyStore;
import dev.myelin.behaviors.idempotency.InMemoryIdempotencyStore;
import dev.myelin.behaviors.logging.LoggingBehavior;
import dev.myelin.behaviors.metrics.ObservationBehavior;
import dev.myelin.behaviors.metrics.TimerBehavior;
import dev.myelin.behaviors.retry.RetryBehavior;
import dev.myelin.behaviors.timeout.TimeoutBehavior;
import dev.myelin.behaviors.transaction.TransactionBehavior;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.behaviors.validation.RequestValidator;
import dev.myelin.behaviors.validation.ValidationBehavior;
import dev.myelin.spring.boot.internal.BeanTypes;
import dev.myelin.spring.boot.transaction.SpringTransactionRunner;
import io.micrometer.core.instrument.MeterRegistry;
import dev.myelin.spring.boot.web.IdempotencyReplayHeader;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * One configuration per built-in behavior. Those that need an optional library are guarded by
 * {@code @ConditionalOnClass} at class level, so their methods are never introspected without it.
 * Imported in order: the transaction runner before the behaviors that use it.
 */
final class BehaviorConfigurations {

    private static final String PREFIX = "myelin.behaviors.";

    private BehaviorConfigurations() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = PREFIX + "authorization.enabled", havingValue = "true", matchIfMissing = true)
    static class Authorization {

        @Bean
        @ConditionalOnMissingBean(AuthorizationBehavior.class)
        AuthorizationBehavior myelinAuthorizationBehavior() {
            return AuthorizationBehavior.ofDefaults();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(jakarta.validation.Validator.class)
    @ConditionalOnSingleCandidate(jakarta.validation.Validator.class)
    @ConditionalOnProperty(name = PREFIX + "validation.enabled", havingValue = "true", matchIfMissing = true)
    static class Validation {

        @Bean
        @ConditionalOnMissingBean(ValidationBehavior.class)
        @SuppressWarnings({"rawtypes", "unchecked"})
        ValidationBehavior myelinValidationBehavior(jakarta.validation.Validator validator,
                ConfigurableListableBeanFactory beanFactory) {
            // RequestValidator lambdas declared by @Bean methods get their type from the method.
            List<RequestValidator<?>> validators = new ArrayList<>();
            for (BeanTypes.Bean<RequestValidator> bean : BeanTypes.beansOfType(beanFactory, RequestValidator.class)) {
                RequestValidator<?> check = bean.instance();
                if (!BeanTypes.classResolves(check, RequestValidator.class)) {
                    Class<?>[] types = BeanTypes.arguments(beanFactory, bean, RequestValidator.class, true);
                    if (types != null) {
                        check = RequestValidator.forType((Class) types[0], check);
                    }
                }
                validators.add(check);
            }
            return new ValidationBehavior(validator, validators);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = PREFIX + "logging.enabled", havingValue = "true", matchIfMissing = true)
    static class Logging {

        @Bean
        @ConditionalOnMissingBean(LoggingBehavior.class)
        LoggingBehavior myelinLoggingBehavior() {
            return LoggingBehavior.ofDefaults();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    @ConditionalOnSingleCandidate(ObservationRegistry.class)
    @ConditionalOnProperty(name = PREFIX + "metrics.enabled", havingValue = "true", matchIfMissing = true)
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean(ObservationBehavior.class)
        @ConditionalOnProperty(name = PREFIX + "metrics.mode", havingValue = "observation", matchIfMissing = true)
        ObservationBehavior myelinObservationBehavior(ObservationRegistry registry) {
            return ObservationBehavior.of(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnSingleCandidate(MeterRegistry.class)
    @ConditionalOnProperty(name = PREFIX + "metrics.enabled", havingValue = "true", matchIfMissing = true)
    static class Timers {

        @Bean
        @ConditionalOnMissingBean(TimerBehavior.class)
        @ConditionalOnProperty(name = PREFIX + "metrics.mode", havingValue = "timer")
        TimerBehavior myelinTimerBehavior(MeterRegistry registry) {
            return TimerBehavior.of(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = PREFIX + "idempotency.enabled", havingValue = "true", matchIfMissing = true)
    static class Idempotency {

        /**
         * The behavior over the application's store (PostgreSQL with the data auto-configuration),
         * else an in-memory store that takes part in the commands' transactions.
         */
        @Bean
        @ConditionalOnMissingBean(IdempotencyBehavior.class)
        IdempotencyBehavior myelinIdempotencyBehavior(BehaviorsProperties properties,
                ObjectProvider<IdempotencyStore> store, ObjectProvider<TransactionRunner> transactions,
                ObjectProvider<IdempotencyReplayHeader> replayHeader) {
            IdempotencyBehavior.Builder builder = IdempotencyBehavior.builder()
                    .retention(properties.getIdempotency().getRetention())
                    .inFlightWait(properties.getIdempotency().getInFlightWait());
            IdempotencyStore unique = store.getIfUnique();
            if (unique != null) {
                builder.store(unique);
            } else {
                transactions.ifUnique(runner -> builder.store(new InMemoryIdempotencyStore(runner)));
            }
            replayHeader.ifUnique(builder::onReplay);
            return builder.build();
        }

        /** The behavior's inner half, which records each result in the command's transaction. */
        @Bean
        @ConditionalOnMissingBean(IdempotencyRecorder.class)
        IdempotencyRecorder myelinIdempotencyRecorder(IdempotencyBehavior behavior) {
            return behavior.recorder();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = PREFIX + "retry.enabled", havingValue = "true", matchIfMissing = true)
    static class Retry {

        @Bean
        @ConditionalOnMissingBean(RetryBehavior.class)
        RetryBehavior myelinRetryBehavior() {
            return RetryBehavior.ofDefaults();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = PREFIX + "timeout.enabled", havingValue = "true", matchIfMissing = true)
    static class Timeout {

        @Bean
        @ConditionalOnMissingBean(TimeoutBehavior.class)
        TimeoutBehavior myelinTimeoutBehavior() {
            return TimeoutBehavior.ofDefaults();
        }
    }

    /** The runner the transaction and caching behaviors share, when Spring manages transactions. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(PlatformTransactionManager.class)
    @ConditionalOnSingleCandidate(PlatformTransactionManager.class)
    static class SpringTransactions {

        @Bean
        @ConditionalOnMissingBean(TransactionRunner.class)
        SpringTransactionRunner myelinTransactionRunner(PlatformTransactionManager transactionManager) {
            return new SpringTransactionRunner(transactionManager);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(TransactionRunner.class)
    @ConditionalOnProperty(name = PREFIX + "transaction.enabled", havingValue = "true", matchIfMissing = true)
    static class Transaction {

        @Bean
        @ConditionalOnMissingBean(TransactionBehavior.class)
        TransactionBehavior myelinTransactionBehavior(TransactionRunner runner) {
            return TransactionBehavior.of(runner);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.github.benmanes.caffeine.cache.Caffeine")
    @ConditionalOnProperty(name = PREFIX + "caching.enabled", havingValue = "true", matchIfMissing = true)
    static class Caching {

        @Bean
        @ConditionalOnMissingBean(CachingBehavior.class)
        CachingBehavior myelinCachingBehavior(BehaviorsProperties properties, ObjectProvider<TransactionRunner> runner,
                ObjectProvider<CacheInvalidationChannel> channel) {
            CachingBehavior.Builder builder = CachingBehavior.builder()
                    .maximumSize(properties.getCaching().getMaximumSize())
                    .defaultTtl(properties.getCaching().getDefaultTtl());
            runner.ifUnique(builder::transactions);
            channel.ifUnique(builder::invalidationChannel);
            return builder.build();
        }
    }
}
