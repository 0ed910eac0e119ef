package dev.myelin.examples.pizzeria.testsupport;

import dev.myelin.examples.pizzeria.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the security, bad-input and web tests: the whole application with its real security,
 * the real server on a random port and a fresh database. The database is external to the starter
 * (so no embedded server of its own), hence {@code pizzeria.security.dev-users=on}. Always open.
 * Subclasses share one Spring context (same configuration).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pizzeria.security.dev-users=on",
        "pizzeria.opening-hours=always",
        "myelin.outbox.poll-interval=100ms",
        "myelin.projections.poll-interval=100ms"})
public abstract class SecuredPizzeriaTest {

    /**
     * The seed's order with a phone of 10 characters: the seed's own {@code 555-0123} is shorter than
     * its rule allows (the seed contract test runs with a shorter minimum).
     */
    public static final String GUEST_ORDER = """
            {
              "customer_name": "John Doe",
              "customer_phone": "555-0123-45",
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
    private int port;

    /** The client, connected before each test. */
    protected Http http;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", SecuredPizzeriaTest::databaseUrl);
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
        http = new Http(port);
    }
}
