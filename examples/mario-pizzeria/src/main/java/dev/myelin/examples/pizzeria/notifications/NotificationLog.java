package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.core.RequestContext;
import dev.myelin.examples.pizzeria.shared.StatementBatch;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores notifications, once per (event, channel): a handler may see an event again (a retried
 * round of the projection daemon, a replay), and it runs under a request context whose causation id is
 * the event's id, so a second run finds its row and stores nothing. The statement that stores a queued notification (all but
 * kitchen notices: {@link NotificationDispatcher#queued}) also names it in {@code notifications_pending};
 * the {@link NotificationDispatcher} sends a row once the transaction that stored it committed.
 *
 * <p>In a Spring transaction the writes are queued and sent just before it commits, one JDBC batch per
 * statement text (a round of the projection daemon stores the notifications of all its events in one round
 * trip per statement text), in the order they were made where they touch a common order; a write that
 * fails there rolls the transaction back. Nothing reads the queued rows before the commit. Outside a
 * transaction a write is sent at once. Thread-safe.
 */
@Component
class NotificationLog {

    /**
     * Parameters: event id, channel, recipient, phone, order id, message, time. Stores the notification and,
     * when it was not stored before, names it pending (to send).
     */
    private static final String SQL_INSERT = """
            with stored as (
                insert into notifications (event_id, channel, recipient, phone, order_id, message, created_at)
                values (:eventId, :channel, :recipient, :phone, :orderId, :message, :at)
                on conflict (event_id, channel) do nothing
                returning event_id, channel
            )
            insert into notifications_pending (event_id, channel) select event_id, channel from stored
            """;

    /**
     * Parameters: event id, channel, recipient, phone, order id, message, time. Stores a notification that
     * is not queued (a kitchen notice, see {@link NotificationDispatcher#queued}).
     */
    private static final String SQL_NOTICE = """
            insert into notifications (event_id, channel, recipient, phone, order_id, message, created_at)
            values (:eventId, :channel, :recipient, :phone, :orderId, :message, :at)
            on conflict (event_id, channel) do nothing
            """;

    /** Parameters: order id, customer id, name, phone. */
    private static final String SQL_CONTACT = """
            insert into notification_contacts (order_id, customer_id, customer_name, phone)
            values (:orderId, :customerId, :name, :phone)
            on conflict (order_id) do nothing
            """;

    /**
     * Parameters: order id, customer id, name, phone (all three null: no contact to remember), event id,
     * channel, message, time. Remembers the contact (when given, unless one is remembered) and texts the
     * remembered one: the inserted row, or the one found (a statement does not see its own inserts, so at
     * most one of the two is there), and names the text pending when it was not stored before; nothing when
     * no contact is remembered.
     */
    private static final String SQL_TEXT = """
            with remembered as (
                insert into notification_contacts (order_id, customer_id, customer_name, phone)
                select :orderId, :customerId, :name, :phone where cast(:customerId as text) is not null
                on conflict (order_id) do nothing
                returning customer_id, phone
            ), stored as (
                insert into notifications (event_id, channel, recipient, phone, order_id, message, created_at)
                select :eventId, :channel, c.customer_id, c.phone, :orderId, :message, cast(:at as timestamptz)
                from (select customer_id, phone from remembered
                      union all
                      select customer_id, phone from notification_contacts where order_id = :orderId) c
                on conflict (event_id, channel) do nothing
                returning event_id, channel
            )
            insert into notifications_pending (event_id, channel) select event_id, channel from stored
            """;

    private final NamedParameterJdbcOperations jdbc;

    NotificationLog(NamedParameterJdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a notification, unsent (queued, unless a kitchen notice), in the current transaction.
     *
     * @return its key, also when this event's notification on this channel was stored before
     */
    Key store(String channel, String recipient, String phone, String orderId, String message, Instant at) {
        Key key = new Key(eventId(), channel);
        String sql = NotificationDispatcher.queued(channel) ? SQL_INSERT : SQL_NOTICE;
        write(sql, new MapSqlParameterSource().addValue("eventId", key.eventId()).addValue("channel", channel)
                .addValue("recipient", recipient).addValue("phone", phone, Types.VARCHAR).addValue("orderId", orderId)
                .addValue("message", message).addValue("at", Timestamp.from(at)));
        return key;
    }

    /** Remembers the order's contact, unless one is, in the current transaction. */
    void rememberContact(String orderId, Contact contact) {
        write(SQL_CONTACT, new MapSqlParameterSource().addValue("orderId", orderId)
                .addValue("customerId", contact.customerId()).addValue("name", contact.name())
                .addValue("phone", contact.phone()), "order:" + orderId);
    }

    /**
     * Stores a text to the order's remembered contact, unsent, in the current transaction, in one
     * statement; nothing when no contact is remembered.
     *
     * @return its key, also when nothing was stored
     */
    Key storeToContact(String channel, String orderId, String message, Instant at) {
        return storeText(channel, orderId, null, message, at);
    }

    /**
     * Remembers the order's contact (unless one is) and stores a text to the remembered contact, unsent, in
     * the current transaction, in one statement: what {@link #rememberContact} then {@link #storeToContact} do.
     *
     * @return its key, also when this event's text on this channel was stored before
     */
    Key rememberAndStore(String channel, String orderId, Contact contact, String message, Instant at) {
        return storeText(channel, orderId, contact, message, at);
    }

    private Key storeText(String channel, String orderId, Contact contact, String message, Instant at) {
        Key key = new Key(eventId(), channel);
        write(SQL_TEXT, new MapSqlParameterSource().addValue("orderId", orderId)
                .addValue("customerId", contact == null ? null : contact.customerId(), Types.VARCHAR)
                .addValue("name", contact == null ? null : contact.name(), Types.VARCHAR)
                .addValue("phone", contact == null ? null : contact.phone(), Types.VARCHAR)
                .addValue("eventId", key.eventId()).addValue("channel", channel).addValue("message", message)
                .addValue("at", Timestamp.from(at)), "order:" + orderId);
        return key;
    }

    /** Queues the write in the current Spring transaction's batch, or sends it now when there is none. */
    private void write(String sql, MapSqlParameterSource parameters, String... keys) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.update(sql, parameters);
            return;
        }
        Queued queued = (Queued) TransactionSynchronizationManager.getResource(this);
        if (queued == null) {
            queued = new Queued(this, new StatementBatch(jdbc, SQL_INSERT, SQL_NOTICE, SQL_CONTACT, SQL_TEXT));
            TransactionSynchronizationManager.bindResource(this, queued);
            TransactionSynchronizationManager.registerSynchronization(queued);
        }
        queued.batch().add(sql, parameters, keys);
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

    /**
     * A notification, unique by the event that caused it and its channel.
     *
     * @param eventId the event
     * @param channel the channel
     */
    record Key(String eventId, String channel) {
    }

    /** The writes queued in one transaction: sent before it commits, dropped when it ends. */
    private record Queued(NotificationLog log, StatementBatch batch) implements TransactionSynchronization {

        @Override
        public void beforeCommit(boolean readOnly) {
            batch.flush();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(log);
        }
    }
}
