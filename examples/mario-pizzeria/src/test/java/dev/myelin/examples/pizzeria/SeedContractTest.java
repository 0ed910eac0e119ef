package dev.myelin.examples.pizzeria;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import dev.myelin.examples.pizzeria.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The seed page's integration test, reproduced as written ({@code test_complete_order_workflow}):
 * its JSON, over real HTTP, on PostgreSQL.
 *
 * <p>The seed contradicts itself: its rule "phone at least 10 characters" would refuse its own test's
 * phone {@code "555-0123"} (8 characters). This context therefore runs with the {@code demo} profile
 * that the README's start command uses ({@code application-demo.yml}: {@code pizzeria.min-phone-length=8},
 * {@code pizzeria.opening-hours=always}), which also proves that a newcomer's order with the seed's JSON
 * goes through; the shipped default stays 10, and {@code OrderRulesHttpTest} proves that the default
 * refuses this phone. Its own context (and database) for that reason; the clock is the application's real one.
 */
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pizzeria.security.dev-users=on")
class SeedContractTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.useFreshDatabase(registry);
    }

    @Test
    void completeOrderWorkflowOfTheSeedPasses() {
        Http client = new Http(port);

        // Act & Assert - Place order
        Http.Response response = client.post("/api/orders", PizzeriaHttpTest.SEED_ORDER);
        assertThat(response.status()).as(response.text()).isEqualTo(201);

        String orderId = response.text("order_id");
        assertThat(response.json().has("total_amount")).isTrue();
        assertThat(response.json().has("estimated_ready_time")).isTrue();

        // Act & Assert - Check order status
        Http.Response status = client.get("/api/orders/" + orderId + "/status");
        assertThat(status.status()).isEqualTo(200);

        assertThat(status.text("status")).isEqualTo("pending");
        assertThat(status.text("customer_name")).isEqualTo("John Doe");
    }
}
