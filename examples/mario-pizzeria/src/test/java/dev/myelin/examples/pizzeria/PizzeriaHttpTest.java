package dev.myelin.examples.pizzeria;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the HTTP tests: ONE Spring context for all of them (same configuration, so Spring's
 * test context cache shares it), the real server on a random port, a fresh database on the JVM's
 * embedded PostgreSQL, the pizzeria open (a {@link MutableClock} at noon in Rome, reset after each
 * test) and fast outbox and projection polling.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "myelin.outbox.poll-interval=100ms",
        "myelin.projections.poll-interval=100ms",
        "pizzeria.security.dev-users=on"})
@Import(PizzeriaHttpTest.Clocks.class)
abstract class PizzeriaHttpTest {

    static final String SEED_ORDER = """
            {
              "customer_name": "John Doe",
              "customer_phone": "555-0123",
              "customer_address": "123 Pizza St",
              "pizza_items": [
                {
                  "pizza_id": "margherita",
                  "size": "large",
                  "toppings": ["extra_cheese"],
                  "special_instructions": "Extra crispy"
                }
              ],
              "payment_method": "cash"
            }
            """;

    private static String databaseUrl;

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PizzeriaHttpTest::databaseUrl);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    private static synchronized String databaseUrl() {
        if (databaseUrl == null) {
            databaseUrl = TestDatabase.freshDatabaseUrl();
        }
        return databaseUrl;
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Places an order as the manager (staff may order for any customer id). */
    Api.Response place(String body) {
        return api.post("/api/orders", body, "manager");
    }

    /** An order body for a customer with a valid phone. */
    static String order(String customerId, String name, String pizzaId, String size, String paymentMethod) {
        return """
                {"customer_id": "%s", "customer_name": "%s", "customer_phone": "+39 06 1234 5678",
                 "customer_address": "Via Roma 1", "payment_method": "%s",
                 "pizza_items": [{"pizza_id": "%s", "size": "%s", "toppings": [], "special_instructions": null}]}
                """.formatted(customerId, name, paymentMethod, pizzaId, size);
    }

    /** The test clock, in place of the application's. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }
}
