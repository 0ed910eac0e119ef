package dev.myelin.examples.pizzeria;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts Mario's Pizzeria: {@code ./mvnw -pl examples/mario-pizzeria -am spring-boot:run}, or
 * {@code java -jar examples/mario-pizzeria/target/mario-pizzeria-*.jar}. Without
 * {@code spring.datasource.url} the starter runs an embedded PostgreSQL keeping its data under
 * {@code ./data/postgres}.
 *
 * @since 0.1
 */
@SpringBootApplication
public class PizzeriaApplication {

    /**
     * Runs the application.
     *
     * @param args command-line arguments, such as {@code --pizzeria.opening-hours=always}
     */
    public static void main(String[] args) {
        SpringApplication.run(PizzeriaApplication.class, args);
    }
}
