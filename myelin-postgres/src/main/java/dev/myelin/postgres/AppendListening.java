package dev.myelin.postgres;

import dev.myelin.data.events.EventStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener of {@link PostgresEventStore#onAppended}: called at once on the committing thread after this
 * process's appends commit (by the store), and by one daemon thread here on every notification of
 * {@link PostgresEventStore#CHANNEL} (other processes' commits). It reads no event. While committed events
 * are held back by an older transaction still in flight, which sends no notification when it ends, the
 * thread calls the listener again with a short back-off (5 ms doubling to 250 ms) until a check made just
 * before a call finds none held back (so the listener is always called after their release is seen).
 * A lost connection is opened again after a pause. Thread-safe.
 */
final class AppendListening extends ListeningThread implements EventStore.Listening {

    private static final Logger LOG = LoggerFactory.getLogger(AppendListening.class);
    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final int FIRST_HELD_BACK_WAIT_MILLIS = 5;
    private static final int LONGEST_HELD_BACK_WAIT_MILLIS = 250;

    private final Runnable listener;

    private AppendListening(PostgresEventStore store, DataSource dataSource, Runnable listener) {
        super(store, dataSource, "myelin-append-listener-" + NUMBER.incrementAndGet());
        this.listener = listener;
    }

    static AppendListening start(PostgresEventStore store, DataSource dataSource, Runnable listener) {
        AppendListening listening = new AppendListening(store, dataSource, listener);
        listening.thread.start();
        return listening;
    }

    /** Calls the listener unless closed; a listener that throws is logged, never stops the listening. */
    void call() {
        if (closed()) {
            return;
        }
        try {
            listener.run();
        } catch (RuntimeException failure) {
            LOG.warn("An append listener failed; it is called again at the next commit", failure);
        }
    }

    /** Listening began before this: a commit from now on is announced, one before is looked for by the reader. */
    @Override
    void listen(Connection connection, PGConnection notifications) throws SQLException {
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, store.notificationTimeout().toMillis());
        int heldBackWait = FIRST_HELD_BACK_WAIT_MILLIS;
        while (!closed()) {
            // Checked BEFORE the call: a call that began while events were held back may have missed their
            // release (no notification announces it), so the thread calls again shortly, until a check
            // before a call finds nothing held back. Anything committed after that check notifies.
            boolean heldBack = store.heldBack(connection);
            call();
            if (heldBack) {
                notifications.getNotifications(heldBackWait);
                heldBackWait = Math.min(LONGEST_HELD_BACK_WAIT_MILLIS, heldBackWait * 2);
            } else {
                heldBackWait = FIRST_HELD_BACK_WAIT_MILLIS;
                notifications.getNotifications(timeoutMillis);
            }
        }
    }

    @Override
    boolean endsOn(RuntimeException failure) {
        return false;
    }

    @Override
    void lost(Exception failure) {
        LOG.warn("Append listener {} lost its connection; reconnecting", thread.getName(), failure);
    }

    @Override
    void closing() {
        store.stopCalling(this);
    }
}
