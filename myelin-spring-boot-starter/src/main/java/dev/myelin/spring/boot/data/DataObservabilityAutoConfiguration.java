package dev.myelin.spring.boot.data;

import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.outbox.OutboxStore;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.postgres.PostgresEventStore;
import dev.myelin.postgres.outbox.PostgresOutboxStore;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Health indicators ({@code myelinOutbox}, {@code myelinDeadLetters}, {@code myelinProjections}) when
 * {@code spring-boot-health} is on the class path (Actuator brings it), and Micrometer gauges
 * ({@link DataMetrics}) when {@code micrometer-core} is, over the beans of {@link DataAutoConfiguration};
 * both read one {@link DataHealthSampler}, whose thread starts on the first health check or scrape.
 * The same sample answers for the database as {@code db} ({@link SampledDatabaseHealthIndicator}), in
 * place of Spring Boot's check that borrows a pool connection, unless {@code myelin.health.sampled-db}
 * is {@code false}.
 * Each backs off when the application defines a bean of its type.
 *
 * @since 0.1
 */
@AutoConfiguration(after = DataAutoConfiguration.class,
        beforeName = "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration")
@ConditionalOnBean({OutboxStore.class, ProjectionDaemon.class})
@EnableConfigurationProperties({OutboxProperties.class, ProjectionsProperties.class, DataHealthProperties.class})
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

    /** The one sampler that the health indicators and the gauges read. */
    static DataHealthSampler sampler(OutboxStore store, ProjectionDaemon daemon, DataHealthProperties properties,
            ObjectProvider<OutboxDispatcher> dispatcher) {
        return new DataHealthSampler(store, daemon, daemon.names(), handlerNames(dispatcher), Clock.systemUTC(),
                properties.getSampleInterval());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class HealthIndicators {

        @Bean
        @ConditionalOnMissingBean(DataHealthSampler.class)
        DataHealthSampler myelinDataHealthSampler(OutboxStore store, ProjectionDaemon daemon, DataHealthProperties properties,
                ObjectProvider<OutboxDispatcher> dispatcher) {
            return sampler(store, daemon, properties, dispatcher);
        }

        @Bean
        @ConditionalOnMissingBean(OutboxHealthIndicator.class)
        OutboxHealthIndicator myelinOutboxHealthIndicator(DataHealthSampler sampler, OutboxProperties properties,
                DataHealthProperties health, ObjectProvider<OutboxDispatcher> dispatcher) {
            return new OutboxHealthIndicator(sampler, properties.getMaxBacklogAge(), health.getMaxSampleAge(),
                    OutboxHealthIndicator.failureOf(dispatcher.getIfUnique()));
        }

        @Bean
        @ConditionalOnMissingBean(DeadLettersHealthIndicator.class)
        DeadLettersHealthIndicator myelinDeadLettersHealthIndicator(DataHealthSampler sampler, OutboxProperties properties,
                DataHealthProperties health) {
            return new DeadLettersHealthIndicator(sampler, properties.getDeadLetterThreshold(), health.getMaxSampleAge());
        }

        @Bean
        @ConditionalOnMissingBean(ProjectionsHealthIndicator.class)
        ProjectionsHealthIndicator myelinProjectionsHealthIndicator(ProjectionDaemon daemon, DataHealthSampler sampler,
                ProjectionsProperties properties, DataHealthProperties health) {
            return new ProjectionsHealthIndicator(daemon, sampler, properties.getMaxLag(), health.getMaxSampleAge());
        }

        /**
         * Named so that Spring Boot's own {@code db} indicator backs off (its condition is on this name).
         * Only over the PostgreSQL outbox store, whose reads are the database's answer.
         */
        @Bean
        @ConditionalOnSingleCandidate(DataSource.class)
        @ConditionalOnBean(PostgresOutboxStore.class)
        @ConditionalOnProperty(prefix = "myelin.health", name = "sampled-db", havingValue = "true", matchIfMissing = true)
        @ConditionalOnMissingBean(name = {"dbHealthIndicator", "dbHealthContributor"})
        SampledDatabaseHealthIndicator dbHealthContributor(DataHealthSampler sampler, DataHealthProperties health) {
            return new SampledDatabaseHealthIndicator(sampler, health.getMaxSampleAge());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean(DataHealthSampler.class)
        DataHealthSampler myelinDataHealthSampler(OutboxStore store, ProjectionDaemon daemon, DataHealthProperties properties,
                ObjectProvider<OutboxDispatcher> dispatcher) {
            return sampler(store, daemon, properties, dispatcher);
        }

        @Bean
        @ConditionalOnMissingBean(DataMetrics.class)
        DataMetrics myelinDataMetrics(DataHealthSampler sampler, ProjectionDaemon daemon,
                @Qualifier(DataAutoConfiguration.POSTGRES_EVENT_STORE) ObjectProvider<PostgresEventStore> eventStore) {
            // The daemon's names: its projections and its tracked event handlers, whose lag is their only alarm.
            return new DataMetrics(sampler, daemon, eventStore.getIfAvailable());
        }
    }
}
