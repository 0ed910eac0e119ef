package dev.myelin.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread with one connection of its own that listens to {@link PostgresEventStore#CHANNEL}: opens
 * the connection, runs {@code LISTEN}, then the subclass's {@link #listen} loop until closed; a lost
 * connection is opened again after a pause. {@link #close} wakes the thread with a notification and waits
 * for it. The shared part of {@link PostgresSubscription} and {@link AppendListening}. Thread-safe.
 */
abstract class ListeningThread implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ListeningThread.class);
    private static final String SQL_LISTEN = "listen " + PostgresEventStore.CHANNEL;
    private static final long RECONNECT_PAUSE_MILLIS = 1_000;

    final PostgresEventStore store;
    final Thread thread;
    private final DataSource dataSource;
    private volatile boolean closed;

    ListeningThread(PostgresEventStore store, DataSource dataSource, String name) {
        this.store = store;
        this.dataSource = dataSource;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    /** Listens until closed; listening began before this is called. */
    abstract void listen(Connection connection, PGConnection notifications) throws SQLException;

    /**
     * Whether a runtime failure of {@link #listen} ends the thread (the subclass logs why); otherwise it is
     * taken as a lost connection.
     */
    abstract boolean endsOn(RuntimeException failure);

    /** Logs a lost connection before the pause and the next one. */
    abstract void lost(Exception failure);

    /** Runs when closed from another thread, before the wake-up. */
    void closing() {
    }

    final boolean closed() {
        return closed;
    }

    @Override
    public final void run() {
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute(SQL_LISTEN);
                }
                listen(connection, connection.unwrap(PGConnection.class));
            } catch (RuntimeException failure) {
                if (endsOn(failure)) {
                    closed = true;
                } else if (!closed) {
                    lost(failure);
                    pause();
                }
            } catch (SQLException failure) {
                if (!closed) {
                    lost(failure);
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops the thread: at once from its own thread, else after waking it and waiting for it. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            store.wakeSubscriptions();
        } catch (SQLException | RuntimeException failure) {
            LOG.debug("Could not wake {}; it stops at its next notification timeout", thread.getName(), failure);
        }
        try {
            thread.join(store.notificationTimeout().toMillis() + RECONNECT_PAUSE_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
