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

    /** Parameters: event id, channel, order id, message, time. Texts the order's remembered contact. */
    private static final String SQL_INSERT_TO_CONTACT = """
            insert into notifications (event_id, channel, recipient, phone, order_id, message, created_at)
            select :eventId, :channel, c.customer_id, c.phone, c.order_id, :message, cast(:at as timestamptz)
            from notification_contacts c where c.order_id = :orderId
            on conflict (event_id, channel) do nothing
            returning id
            """;

    /**
     * Parameters: order id, customer id, name, phone, event id, channel, message, time. Remembers the contact
     * (unless one is remembered) and texts the remembered one: the inserted row, or the one found (a
     * statement does not see its own inserts, so exactly one of the two is there).
     */
    private static final String SQL_REMEMBER_AND_INSERT = """
            with remembered as (
                insert into notification_contacts (order_id, customer_id, customer_name, phone)
                values (:orderId, :customerId, :name, :phone)
                on conflict (order_id) do nothing
                returning customer_id, phone
            )
            insert into notifications (event_id, channel, recipient, phone, order_id, message, created_at)
            select :eventId, :channel, c.customer_id, c.phone, :orderId, :message, cast(:at as timestamptz)
            from (select customer_id, phone from remembered
                  union all
                  select customer_id, phone from notification_contacts where order_id = :orderId) c
            on conflict (event_id, channel) do nothing
            returning id
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
        return jdbc.sql(SQL_INSERT).param("eventId", eventId()).param("channel", channel).param("recipient", recipient)
                .param("phone", phone).param("orderId", orderId).param("message", message).param("at", Timestamp.from(at))
                .query(Long.class).optional();
    }

    void rememberContact(String orderId, Contact contact) {
        jdbc.sql(SQL_CONTACT).param("orderId", orderId).param("customerId", contact.customerId())
                .param("name", contact.name()).param("phone", contact.phone()).update();
    }

    /**
     * Stores a text to the order's remembered contact, unsent, in the current transaction, in one
     * statement; nothing when no contact is remembered.
     *
     * @return its id, or empty when there is no contact or this event's text on this channel was stored before
     */
    Optional<Long> storeToContact(String channel, String orderId, String message, Instant at) {
        return jdbc.sql(SQL_INSERT_TO_CONTACT).param("eventId", eventId()).param("channel", channel)
                .param("orderId", orderId).param("message", message).param("at", Timestamp.from(at))
                .query(Long.class).optional();
    }

    /**
     * Remembers the order's contact (unless one is) and stores a text to the remembered contact, unsent, in
     * the current transaction, in one statement: what {@link #rememberContact} then {@link #storeToContact} do.
     *
     * @return its id, or empty when this event's text on this channel was stored before
     */
    Optional<Long> rememberAndStore(String channel, String orderId, Contact contact, String message, Instant at) {
        return jdbc.sql(SQL_REMEMBER_AND_INSERT).param("orderId", orderId).param("customerId", contact.customerId())
                .param("name", contact.name()).param("phone", contact.phone()).param("eventId", eventId())
                .param("channel", channel).param("message", message).param("at", Timestamp.from(at))
                .query(Long.class).optional();
    }

    /** The event being handled (the causation id), which makes a redelivery store nothing. */
    private static String eventId() {
        return RequestContext.current().causationId().orElseGet(() -> UUID.randomUUID().toString());
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
