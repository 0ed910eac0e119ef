package dev.myelin.spring.boot.startup;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes "ready" mean ready: runs the {@link StartupTask} beans before Spring Boot turns readiness to
 * {@code ACCEPTING_TRAFFIC}, and in a servlet web application answers requests with 503 problem
 * responses and {@code Retry-After} until then ({@code myelin.startup.refuse-requests-until-ready},
 * on by default; Actuator's base path, {@code management.endpoints.web.base-path}, is let through).
 * Readiness is Spring Boot's own {@link ApplicationAvailability}; liveness is untouched.
 *
 * @since 0.1
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration")
@EnableConfigurationProperties(StartupProperties.class)
@Import(StartupAutoConfiguration.RefuseUntilReady.class)
public final class StartupAutoConfiguration {

    @Bean
    StartupTaskRunner myelinStartupTaskRunner(ObjectProvider<StartupTask> tasks) {
        return new StartupTaskRunner(tasks);
    }

    /** The 503 filter, in servlet web applications. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(OncePerRequestFilter.class)
    @ConditionalOnBean(ApplicationAvailability.class)
    @ConditionalOnProperty(name = "myelin.startup.refuse-requests-until-ready", havingValue = "true", matchIfMissing = true)
    static class RefuseUntilReady {

        @Bean
        NotReadyFilter myelinNotReadyFilter(ApplicationAvailability availability, StartupProperties properties,
                Environment environment) {
            long seconds = Math.max(1, (properties.getRetryAfter().toMillis() + 999) / 1000);
            // Only when Actuator shares the application's port does its base path matter here.
            String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
            return new NotReadyFilter(availability, basePath, seconds);
        }
    }
}
