package dev.myelin.spring.boot.data;

import dev.myelin.data.projection.ProjectionDaemon;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Holds the application's readiness until its asynchronous projections have caught up with the log
 * as it was at startup: a {@link dev.myelin.spring.boot.startup.StartupTask} that runs after the
 * application's own (see {@link ProjectionsCaughtUp}), waiting at most
 * {@code myelin.projections.startup-wait} (0 turns the wait off). Flyway's migrations and the
 * framework schema's are done before, while the context refreshes.
 *
 * @since 0.1
 */
@AutoConfiguration(after = DataAutoConfiguration.class)
@ConditionalOnBean(ProjectionDaemon.class)
@EnableConfigurationProperties(ProjectionsProperties.class)
public final class DataStartupAutoConfiguration {

    @Bean
    ProjectionsCaughtUp myelinProjectionsCaughtUp(ProjectionDaemon daemon, ProjectionsProperties properties,
            ConfigurableListableBeanFactory beanFactory) {
        return new ProjectionsCaughtUp(daemon, DataObservabilityAutoConfiguration.projectionNames(beanFactory),
                properties.getStartupWait());
    }
}
