package dev.myelin.examples.pizzeria.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.core.RequestContext;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.examples.pizzeria.orders.events.OrderReady;
import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Customer texts and kitchen notices leave only after the handler's own transaction commits, once per
 * event and channel, and never announce what did not happen (no refund text without a refund).
 */
class NotificationsAfterCommitHttpTest extends PizzeriaHttpTest {

    @Autowired
    CustomerSmsNotifier notifier;

    @Autowired
    NotificationLog log;

    @Autowired
    LoggingSmsSender sms;

    @Autowired
    TransactionRunner transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTextIsSentOnlyAfterTheHandlersTransactionCommitsAndOncePerEvent() {
        String orderId = "after-commit-" + UUID.randomUUID();
        String phone = "+39 06 " + Math.abs(orderId.hashCode());
        log.rememberContact(orderId, new NotificationLog.Contact("after-commit", "Ada", phone));
        OrderReady ready = new OrderReady(orderId, clock.instant());
        try (RequestContext.Scope scope = RequestContext.builder().causationId("rolled-back-" + orderId).build().bind()) {
            transactions.inTransaction(() -> {
                notifier.handle(ready);
                return false;
            }, commit -> commit);
        }
        try (RequestContext.Scope scope = RequestContext.builder().causationId("event-" + orderId).build().bind()) {
            transactions.inTransaction(() -> {
                notifier.handle(ready);
                assertThat(textsTo(phone)).as("nothing leaves before the commit").isEmpty();
                return true;
            }, commit -> commit);
            await().atMost(Duration.ofSeconds(10)).until(() -> textsTo(phone).size() == 1);
            // The outbox redelivers the same event: stored once, so sent once.
            transactions.inTransaction(() -> {
                notifier.handle(ready);
                return true;
            }, commit -> commit);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from notifications n where order_id = :id and not exists (select from notifications_pending p"
                + " where p.event_id = n.event_id and p.channel = n.channel)").param("id", orderId)
                .query(Long.class).single() == 1);
        assertThat(textsTo(phone)).as("the rolled-back handler sent nothing, the redelivery nothing more").hasSize(1);
        assertThat(jdbc.sql("select count(*) from notifications where order_id = :id").param("id", orderId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aCancelledCashOrderIsNeverAnnouncedAsRefundedAndEachTextLeavesOnce() {
        Http.Response placed = http.post("/api/orders", GUEST_ORDER.replace("\"555-0123-45\"", "\"+39 333 555 0199\""));
        String id = placed.text("order_id");
        assertThat(http.post("/api/orders/" + id + "/cancel", "{}", "manager").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> textsTo("+39 333 555 0199").size() == 2);
        List<String> texts = textsTo("+39 333 555 0199");
        assertThat(texts.get(1)).endsWith("was cancelled.").doesNotContain("refund");
        JsonNode stored = http.get("/api/notifications?customer_id=" + placed.text("customer_id"), "manager").json();
        assertThat(stored.path("items").findValuesAsString("message")).containsExactlyInAnyOrderElementsOf(texts);
    }

    private List<String> textsTo(String phone) {
        return sms.sent().stream().filter(sent -> sent.phone().equals(phone)).map(LoggingSmsSender.Sent::message).toList();
    }
}
