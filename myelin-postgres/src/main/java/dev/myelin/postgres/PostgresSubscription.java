package dev.myelin.postgres;

import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.StoredEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription of {@link PostgresEventStore}: one daemon thread and one connection that listens to
 * {@link PostgresEventStore#CHANNEL} and reads. Delivers events one at a time, in the store's
 * read-all order, on its own thread. A handler that throws, or an event that cannot be deserialized,
 * ends the subscription (logged); a lost connection is opened again after a pause and reading resumes
 * after the last event delivered.
 */
final class PostgresSubscription extends ListeningThread implements EventStore.Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSubscription.class);
    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final int FIRST_HELD_BACK_WAIT_MILLIS = 5;
    private static final int LONGEST_HELD_BACK_WAIT_MILLIS = 250;

    private final Consumer<StoredEvent> handler;
    private volatile long position;

    private PostgresSubscription(PostgresEventStore store, DataSource dataSource, long afterPosition,
            Consumer<StoredEvent> handler) {
        super(store, dataSource, "myelin-subscription-" + NUMBER.incrementAndGet());
        this.handler = handler;
        this.position = afterPosition;
    }

    static PostgresSubscription start(PostgresEventStore store, DataSource dataSource, long afterPosition,
            Consumer<StoredEvent> handler) {
        PostgresSubscription subscription = new PostgresSubscription(store, dataSource, afterPosition, handler);
        subscription.thread.start();
        return subscription;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    boolean endsOn(RuntimeException failure) {
        if (failure instanceof HandlerFailure) {
            LOG.error("Subscription {} stopped: its handler failed on the event after position {}", thread.getName(),
                    position, failure.getCause());
        } else {
            // An event that cannot be read (an unregistered type, a missing upcaster) would fail again: stop.
            LOG.error("Subscription {} stopped: cannot read the event after position {}", thread.getName(), position,
                    failure);
        }
        return true;
    }

    @Override
    void lost(Exception failure) {
        LOG.warn("Subscription {} lost its connection at position {}; reconnecting", thread.getName(), position, failure);
    }

    /** Catches up, then waits for notifications, until closed. Listening began before the first read. */
    @Override
    void listen(Connection connection, PGConnection notifications) throws SQLException {
        int batchSize = store.subscriptionBatchSize();
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, store.notificationTimeout().toMillis());
        int heldBackWait = FIRST_HELD_BACK_WAIT_MILLIS;
        while (!closed()) {
            List<StoredEvent> batch = store.readAll(connection, position, batchSize);
            for (StoredEvent event : batch) {
                if (closed()) {
                    return;
                }
                try {
                    handler.accept(event);
                } catch (RuntimeException | Error failure) {
                    throw new HandlerFailure(failure);
                }
                position = event.position();
            }
            if (batch.size() == batchSize) {
                continue;
            }
            // An older transaction still in flight sends no notification when it ends: poll while it holds events
            // back. Held back and released are decided in one snapshot, so a release between checks is never missed.
            switch (store.nextRead(connection, position)) {
                case NOW -> heldBackWait = FIRST_HELD_BACK_WAIT_MILLIS;
                case POLL -> {
                    notifications.getNotifications(heldBackWait);
                    heldBackWait = Math.min(LONGEST_HELD_BACK_WAIT_MILLIS, heldBackWait * 2);
                }
                case AWAIT_NOTIFICATION -> {
                    heldBackWait = FIRST_HELD_BACK_WAIT_MILLIS;
                    notifications.getNotifications(timeoutMillis);
                }
            }
        }
    }

    /** Carries a handler's failure out of the read loop. */
    private static final class HandlerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerFailure(Throwable cause) {
            super(cause);
        }
    }
}
