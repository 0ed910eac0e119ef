package dev.myelin.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells subscribers, in this process and others, that events were committed: after each commit an
 * append calls {@link #signal()}, and one daemon thread sends {@code pg_notify} in a transaction of its
 * own, once for all the signals that arrived while it was busy.
 *
 * <p>Why not notify inside the append's transaction: PostgreSQL serialises the commits of all
 * transactions that sent a notification (a global lock held from pre-commit to the end of the commit,
 * including the WAL flush), which defeats group commit under concurrent writers. Here only this one
 * thread notifies, at most once every 20 ms, and its transaction commits without waiting for the WAL
 * flush ({@code synchronous_commit} off for that transaction only), so a notification costs no fsync. The
 * price: if the process dies between a commit and its notification, subscribers find the events at their
 * next read (at the latest after their notification timeout).
 *
 * <p>Thread-safe. {@link #signal()} never blocks on the database.
 */
final class AppendNotifier implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AppendNotifier.class);
    /**
     * The notification, in a transaction of its own whose commit does not wait for the WAL flush
     * ({@code synchronous_commit} off for this transaction only): a notification is never durable anyway, and
     * with a flush each notification would cost one more fsync next to the appends it announces.
     */
    private static final String SQL_NOTIFY = """
            select set_config('synchronous_commit', 'off', true), pg_notify('myelin_events', '')
            """;
    private static final long RETRY_PAUSE_MILLIS = 200;
    /**
     * At most one notification per 20 ms: the first commit after a quiet spell is announced at once, and
     * under load one notification covers all the commits of the interval. Each notification is a
     * transaction of its own (and a thread wake-up and, per listening process, a held-back check on the
     * other side): at 1 ms, a single writer lost ~6 % of its appends to them (docs/benchmarks.md, "json event
     * log"); at 5 ms, 300 orders/s of the pizzeria cost ~0.7 notification transactions per order. The
     * projection daemon of this process no longer waits for them ({@link PostgresEventStore#onAppended} calls
     * it on the committing thread), so only subscriptions and other processes see up to 20 ms more.
     */
    private static final long MIN_INTERVAL_NANOS = 20_000_000;

    private final DataSource dataSource;
    private final Object lock = new Object();
    /**
     * A notification is asked for and not yet begun. Volatile so that {@link #signal()} can skip the lock when
     * it is already set: the notifier clears it before it sends, so the notification it leads to comes after
     * the caller's commit.
     */
    private volatile boolean pending;
    private boolean closed;
    private Thread thread;

    AppendNotifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Asks for a notification; returns at once. */
    void signal() {
        if (pending) {
            // Already asked for and not yet begun (cleared before sending): that notification covers this commit too.
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (thread == null) {
                thread = new Thread(this, "myelin-append-notifier");
                thread.setDaemon(true);
                thread.start();
            }
            if (!pending) {
                pending = true;
                lock.notifyAll();
            }
        }
    }

    @Override
    public void run() {
        while (true) {
            synchronized (lock) {
                while (!pending && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                pending = false;
            }
            notifySubscribers();
            LockSupport.parkNanos(MIN_INTERVAL_NANOS);
        }
    }

    private void notifySubscribers() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(SQL_NOTIFY)) {
                statement.execute();
            }
        } catch (SQLException failure) {
            LOG.warn("Could not notify subscribers of committed events (SQLSTATE {}); retrying", failure.getSQLState(), failure);
            synchronized (lock) {
                pending = true;
                try {
                    lock.wait(RETRY_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Stops the thread after the notification in progress, if any. */
    void close() {
        Thread running;
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
            running = thread;
        }
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(5_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
