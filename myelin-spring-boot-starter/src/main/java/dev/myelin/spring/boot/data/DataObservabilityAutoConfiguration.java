package dev.myelin.spring.boot.data;

import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.outbox.OutboxStore;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.postgres.PostgresEventStore;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Health indicators ({@code myelinOutbox}, {@code myelinDeadLetters}, {@code myelinProjections}) when
 * {@code spring-boot-health} is on the class path (Actuator brings it), and Micrometer gauges
 * ({@link DataMetrics}) when {@code micrometer-core} is, over the beans of {@link DataAutoConfiguration}.
 * Each backs off when the application defines a bean of its type.
 *
 * @since 0.1
 */
@AutoConfiguration(after = DataAutoConfiguration.class)
@ConditionalOnBean({OutboxStore.class, ProjectionDaemon.class})
@EnableConfigurationProperties({OutboxProperties.class, ProjectionsProperties.class})
@Import({DataObservabilityAutoConfiguration.HealthIndicators.class, DataObservabilityAutoConfiguration.Metrics.class})
public final class DataObservabilityAutoConfiguration {

    /** The asynchronous projections' names. */
    static List<String> projectionNames(ConfigurableListableBeanFactory beanFactory) {
        return ProjectionBeans.asynchronous(beanFactory).stream().map(Projection::name).toList();
    }

    /** The handler names of this instance's dispatcher: the deliveries it does not wait for. */
    static Set<String> handlerNames(ObjectProvider<OutboxDispatcher> dispatcher) {
        OutboxDispatcher available = dispatcher.getIfAvailable();
        return available == null ? Set.of() : available.handlerNames();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class HealthIndicators {

        @Bean
        @ConditionalOnMissingBean(OutboxHealthIndicator.class)
        OutboxHealthIndicator myelinOutboxHealthIndicator(OutboxStore store, OutboxProperties properties,
                ObjectProvider<OutboxDispatcher> dispatcher) {
            return new OutboxHealthIndicator(store, properties.getMaxBacklogAge(), Clock.systemUTC(),
                    handlerNames(dispatcher), OutboxHealthIndicator.failureOf(dispatcher.getIfUnique()));
        }

        @Bean
        @ConditionalOnMissingBean(DeadLettersHealthIndicator.class)
        DeadLettersHealthIndicator myelinDeadLettersHealthIndicator(OutboxStore store, OutboxProperties properties) {
            return new DeadLettersHealthIndicator(store, properties.getDeadLetterThreshold(), Clock.systemUTC());
        }

        @Bean
        @ConditionalOnMissingBean(ProjectionsHealthIndicator.class)
        ProjectionsHealthIndicator myelinProjectionsHealthIndicator(ProjectionDaemon daemon, ProjectionsProperties properties,
                ConfigurableListableBeanFactory beanFactory) {
            return new ProjectionsHealthIndicator(daemon, projectionNames(beanFactory), properties.getMaxLag());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean(DataMetrics.class)
        DataMetrics myelinDataMetrics(OutboxStore store, ProjectionDaemon daemon,
                @Qualifier(DataAutoConfiguration.POSTGRES_EVENT_STORE) ObjectProvider<PostgresEventStore> eventStore,
                ObjectProvider<OutboxDispatcher> dispatcher, ConfigurableListableBeanFactory beanFactory) {
            return new DataMetrics(store, daemon, projectionNames(beanFactory), eventStore.getIfAvailable(), Clock.systemUTC(),
                    handlerNames(dispatcher));
        }
    }
}
