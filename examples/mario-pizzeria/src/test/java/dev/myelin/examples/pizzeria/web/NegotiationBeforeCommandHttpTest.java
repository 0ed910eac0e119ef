package dev.myelin.examples.pizzeria.web;

import static dev.myelin.examples.pizzeria.testsupport.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.examples.pizzeria.notifications.SmsSender;
import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Content negotiation and media types are decided before a command runs: an order sent with
 * {@code Accept: application/xml} is a 406, one with {@code Content-Type: *}{@code /*} a 415, and
 * neither is stored nor texted. Absence is proven without waiting on a clock: a good order placed
 * afterwards is texted, and by then it is the only text (events are delivered in commit order).
 */
@Import(NegotiationBeforeCommandHttpTest.RecordingSmsConfiguration.class)
class NegotiationBeforeCommandHttpTest extends PizzeriaHttpTest {

    @Autowired
    private RecordingSms sms;

    @Test
    void anOrderThatAsksForXmlIsA406AndNeitherStoredNorTexted() {
        long before = orderCount();
        sms.texts.clear();
        Http.Response response = postOrder("application/json", "application/xml");
        assertThat(response.status()).as(response.text()).isEqualTo(406);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertOnlyTheNextOrderIsStoredAndTexted(before);
    }

    @Test
    void anOrderWithAContentTypePatternIsA415AndNeitherStoredNorTexted() {
        long before = orderCount();
        sms.texts.clear();
        Http.Response response = postOrder("*/*", "application/json");
        assertThat(response.isProblem(415)).as(response.status() + " " + response.text()).isTrue();
        assertOnlyTheNextOrderIsStoredAndTexted(before);
    }

    @Test
    void anOrderThatAcceptsJsonAmongOthersIsPlaced() {
        Http.Response response = postOrder("application/json", "application/xml;q=0.9, application/json;q=0.5");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        // Its text is sent after commit, batched: wait for it, so that it never lands in another test's count.
        String orderId = response.json().path("order_id").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sms.texts.stream().anyMatch(text -> text.contains(orderId.substring(0, 8))));
    }

    private Http.Response postOrder(String contentType, String accept) {
        return http.exchange(HttpRequest.newBuilder(URI.create(http.base() + "/api/orders"))
                .header("Content-Type", contentType).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(GUEST_ORDER.replace("555-0123-45", "555-0199-45"))).build());
    }

    private void assertOnlyTheNextOrderIsStoredAndTexted(long before) {
        assertThat(orderCount()).isEqualTo(before);
        Http.Response good = http.post("/api/orders", GUEST_ORDER);
        assertThat(good.status()).as(good.text()).isEqualTo(201);
        String orderId = good.json().path("order_id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> !sms.texts.isEmpty());
        assertThat(orderCount()).isEqualTo(before + 1);
        assertThat(sms.texts).hasSize(1);
        assertThat(sms.texts.get(0)).contains(orderId.substring(0, 8));
    }

    private long orderCount() {
        Http.Response page = http.send("GET", "/api/orders?page_size=1", null, basic("manager"));
        assertThat(page.status()).isEqualTo(200);
        return page.json().path("total_items").asLong();
    }

    /** The SMS port as a recording fake, in place of the application's. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RecordingSmsConfiguration {
        @Bean
        @Primary
        RecordingSms recordingSms() {
            return new RecordingSms();
        }
    }

    /** Records each text. */
    static final class RecordingSms implements SmsSender {
        final List<String> texts = new CopyOnWriteArrayList<>();

        @Override
        public void send(String phone, String message) {
            texts.add(phone + ": " + message);
        }
    }
}
