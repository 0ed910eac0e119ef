package dev.myelin.examples.pizzeria.testsupport;

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
 * test context cache shares it): the whole application with its real security and development users
 * ({@code pizzeria.security.dev-users=on}: the database is external to the starter, so the default
 * {@code auto} would make none), the real server on a random port, a fresh database on the JVM's
 * embedded PostgreSQL, a 2 s cool-down after failed sign-ins, the shipped opening hours with the pizzeria open (a {@link MutableClock} at noon
 * in Rome, reset after each test) and fast outbox and projection polling. Tests share the database,
 * so each uses its own customer ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "myelin.outbox.poll-interval=100ms",
        "myelin.projections.poll-interval=100ms",
        "pizzeria.security.dev-users=on",
        // A short cool-down for LoginThrottleHttpTest, and an address limit that the suite's wrong
        // passwords, all from 127.0.0.1, never reach (LoginThrottleTest covers the address limit).
        "pizzeria.security.login.cool-down=2s",
        "pizzeria.security.login.max-failures-per-address=1000000",
        // Tests sweep open card authorizations themselves, on the shared clock: no timer racing them.
        "pizzeria.payments.sweep-interval=1h",
        // Tests share the database and leave orders in the kitchen: no capacity refusal but in
        // KitchenCapacityHttpTest, which runs on a context (and a fresh database) of its own.
        "pizzeria.kitchen.capacity=100000"})
@Import(PizzeriaHttpTest.Clocks.class)
public abstract class PizzeriaHttpTest {

    /** The seed page's order, as written (its phone {@code 555-0123} is shorter than the shipped rule allows). */
    public static final String SEED_ORDER = """
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

    /**
     * The seed's order with a phone of 10 characters: the seed's own {@code 555-0123} is shorter than
     * its rule allows (the seed contract test runs with a shorter minimum).
     */
    public static final String GUEST_ORDER = SEED_ORDER.replace("\"555-0123\"", "\"555-0123-45\"");

    /** The test clock, the application's {@link java.time.Clock}; reset to noon in Rome after each test. */
    @Autowired
    protected MutableClock clock;

    /** The client, connected before each test. */
    protected Http http;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.useFreshDatabase(registry);
    }

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /**
     * Places an order as the manager (staff may order for any customer id).
     *
     * @param body the order
     * @return the response
     */
    protected Http.Response place(String body) {
        return http.post("/api/orders", body, "manager");
    }

    /**
     * Returns an order body for a customer with a valid phone.
     *
     * @param customerId the customer's id
     * @param name the customer's name
     * @param pizzaId one pizza
     * @param size its size
     * @param paymentMethod the payment method
     * @return the JSON
     */
    protected static String order(String customerId, String name, String pizzaId, String size, String paymentMethod) {
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
