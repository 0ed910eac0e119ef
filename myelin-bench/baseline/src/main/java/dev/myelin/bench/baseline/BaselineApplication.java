package dev.myelin.bench.baseline;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Starts the baseline: {@code java -jar myelin-bench-baseline.jar --server.port=8081
 * --baseline.postgres.data-directory=/tmp/baseline-pg --pizzeria.opening-hours=always}. It reads the
 * pizzeria's own settings ({@code pizzeria.*}: opening hours, minimum phone length, tax, delivery fee,
 * kitchen capacity) so that one command line configures both alike.
 */
@SpringBootApplication
@EnableConfigurationProperties({PizzeriaSettings.class, BaselinePostgresProperties.class})
public class BaselineApplication {

    /**
     * Runs the application.
     *
     * @param args Spring Boot arguments, such as {@code --server.port=8081}
     */
    public static void main(String[] args) {
        SpringApplication.run(BaselineApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
