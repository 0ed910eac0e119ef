package dev.myelin.examples.pizzeria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The starter's health indicators and gauges as the pizzeria exposes them. */
class ActuatorHttpTest extends PizzeriaHttpTest {

    @Test
    void healthIsPublicAndListsTheOutboxDeadLettersAndProjectionsWithDetailsOnlyForManagers() {
        Http.Response anonymous = http.get("/actuator/health");
        assertThat(anonymous.status()).as(anonymous.text()).isEqualTo(200);
        assertThat(anonymous.json().path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.json().path("components").has("myelinOutbox")).as(anonymous.text()).isTrue();
        assertThat(anonymous.json().path("components").has("myelinDeadLetters")).isTrue();
        assertThat(anonymous.json().path("components").has("myelinProjections")).isTrue();
        assertThat(anonymous.json().path("components").path("myelinProjections").has("details")).isFalse();

        Http.Response manager = http.get("/actuator/health", "manager");
        assertThat(manager.json().path("components").path("myelinProjections").path("details").isObject())
                .as(manager.text()).isTrue();
    }

    @Test
    void outboxAndProjectionGaugesAreForManagersOnly() {
        assertThat(place(order("metrics-customer", "Mia", "margherita", "small", "card")).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Http.Response pending = http.get("/actuator/metrics/myelin.outbox.pending", "manager");
            assertThat(pending.status()).as(pending.text()).isEqualTo(200);
            assertThat(pending.json().path("measurements").get(0).path("value").asDouble()).isZero();
        });
        Http.Response lag = http.get("/actuator/metrics/myelin.projection.lag.events", "manager");
        assertThat(lag.status()).as(lag.text()).isEqualTo(200);
        assertThat(http.get("/actuator/metrics/myelin.outbox.pending", "customer").status()).isEqualTo(403);
        assertThat(http.get("/actuator/metrics/myelin.outbox.pending").status()).isEqualTo(401);
    }
}
