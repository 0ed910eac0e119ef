package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.core.RequestContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores notifications, once per (event, channel): the outbox delivers an event to its handler at
 * least once, and the handler runs under a request context whose causation id is the event's id, so
 * a redelivery finds its row and stores nothing. Writes in the delivery's transaction; the
 * {@link NotificationDispatcher} sends a row once that transaction committed. Thread-safe.
 */
@Component
class NotificationLog {

    /** Parameters: event id, channel, recipient, phone, order id, message, time. */
    private static final String SQL_INSERT = """
            insert into notifications (event_id, channel, recipient, phone, order_id, message, created_at)
            values (:eventId, :channel, :recipient, :phone, :orderId, :message, :at)
            on conflict (event_id, channel) do nothing
            returning id
            """;

    /** Parameters: order id, customer id, name, phone. */
    private static final String SQL_CONTACT = """
            insert into notification_contacts (order_id, customer_id, customer_name, phone)
            values (:orderId, :customerId, :name, :phone)
            on conflict (order_id) do nothing
            """;

    /** Parameters: order id. */
    private static final String SQL_FIND_CONTACT = """
            select customer_id, customer_name, phone from notification_contacts where order_id = :orderId
            """;

    private final JdbcClient jdbc;

    NotificationLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a notification, unsent, in the current transaction.
     *
     * @return its id, or empty when this event's notification on this channel was stored before
     */
    Optional<Long> store(String channel, String recipient, String phone, String orderId, String message, Instant at) {
        String eventId = RequestContext.current().causationId().orElseGet(() -> UUID.randomUUID().toString());
        return jdbc.sql(SQL_INSERT).param("eventId", eventId).param("channel", channel).param("recipient", recipient)
                .param("phone", phone).param("orderId", orderId).param("message", message).param("at", Timestamp.from(at))
                .query(Long.class).optional();
    }

    void rememberContact(String orderId, Contact contact) {
        jdbc.sql(SQL_CONTACT).param("orderId", orderId).param("customerId", contact.customerId())
                .param("name", contact.name()).param("phone", contact.phone()).update();
    }

    Optional<Contact> contact(String orderId) {
        return jdbc.sql(SQL_FIND_CONTACT).param("orderId", orderId)
                .query((row, n) -> new Contact(row.getString(1), row.getString(2), row.getString(3))).optional();
    }

    /**
     * Who to text about an order.
     *
     * @param customerId the customer
     * @param name their name
     * @param phone their phone
     */
    record Contact(String customerId, String name, String phone) {
    }
}
