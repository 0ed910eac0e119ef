package dev.myelin.examples.pizzeria.shared;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pizzeria's {@link Clock} (system UTC; tests replace it with a fixed one) and its properties.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PizzeriaProperties.class)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
