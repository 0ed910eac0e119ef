package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.data.transaction.TransactionRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends stored notifications only once the transaction that stored them has committed: an SMS through
 * the {@link SmsSender}, a kitchen notice to the log. {@link #sendAfterCommit} hands the send to this
 * dispatcher's own thread from an after-commit callback of the current transaction (a rolled-back
 * handler stored nothing, so sends nothing; the send runs on its own connection, never in the finished
 * transaction).
 *
 * <p>Texts (every channel but the kitchen's, see {@link #queued}) are queued: a text to send is named in
 * {@code notifications_pending} (by {@link NotificationLog}, in the storing transaction). One transaction
 * claims pending rows by locking them ({@code for update skip locked}), sends them and deletes their
 * pending rows, so two senders (two instances, or a hand-over racing the sweep) never send one text: the
 * second skips a row the first holds, and finds it gone once the first committed. The lock is held during
 * the send, so a send must be bounded ({@link SmsSender}); a transaction left idle longer than
 * {@link #SEND_TIMEOUT} is ended by PostgreSQL, as is one whose process died, which releases its rows. A
 * text left pending (the process died after the commit or during the send, or the send failed) is sent
 * by a sweep every {@value #SWEEP_SECONDS} seconds, which reads only the pending rows (their key's index),
 * never the rows sent: a text is lost never, repeated only when the process dies (or the timeout strikes)
 * between its send and the commit.
 *
 * <p>A kitchen notice is not queued: the kitchen's screen lists the stored notice, and the log line is
 * told once the storing transaction committed, at most once per notice while this dispatcher runs (the
 * last {@value #TOLD} told are remembered, so a redelivered event is not told again); a crash after the
 * commit loses the log line (never the notice on the screen); an event handled again after a restart,
 * or after {@value #TOLD} others (a replay of old events), has its notice told again (stored once still).
 * Queueing it would double what storing a notice writes, for a log line.
 *
 * <p>Keys are handed over by event and channel (who stores a row before the commit does not know its
 * id); those handed over within {@value #BATCH_WINDOW_MILLIS} ms of each other are sent together: their
 * texts claimed, sent and released in one transaction of three statements (at most {@value #BATCH} rows),
 * their notices read by one statement. Thread-safe.
 */
@Component
class NotificationDispatcher implements SmartLifecycle, DisposableBean {

    static final long SWEEP_SECONDS = 30;

    /** How long a sending transaction may wait on a send before PostgreSQL ends it (and releases its rows). */
    static final Duration SEND_TIMEOUT = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    /** Rows claimed, sent and marked together, at most. */
    private static final int BATCH = 100;

    /**
     * Claims pending rows no one holds (those chosen by {@code %s}, locked before the join) and reads their
     * notifications by key: one index lookup each (the lateral subquery, kept apart by its limit, is never
     * joined by a scan of all the notifications, whatever the statistics say).
     */
    private static final String SQL_PENDING = """
            select n.event_id, n.channel, n.phone, n.message
            from (select event_id, channel from notifications_pending %s for update skip locked) p,
                 lateral (select event_id, channel, phone, message from notifications
                          where event_id = p.event_id and channel = p.channel limit 1) n
            """;

    /** Parameters: keys (event id, channel). Claims the pending rows among those of the keys that no one holds. */
    private static final String SQL_CLAIM = SQL_PENDING.formatted("where (event_id, channel) in (:keys)");

    /** Claims pending rows that no one holds, at most {@value #BATCH}. */
    private static final String SQL_CLAIM_ANY = SQL_PENDING.formatted("limit " + BATCH);

    /** Parameters: keys (event id, channel). */
    private static final String SQL_NOTICES = """
            select event_id, channel, message from notifications where (event_id, channel) in (:keys)
            """;

    /** How many kitchen notices told are remembered, so that a redelivered one is not told again. */
    static final int TOLD = 10_000;

    /** Parameters: keys (event id, channel). */
    private static final String SQL_SENT = """
            delete from notifications_pending where (event_id, channel) in (:keys)
            """;


    /**
     * How long the first id handed over waits for others: under load, one claim and one mark serve the
     * notifications of many orders.
     */
    static final long BATCH_WINDOW_MILLIS = 20;

    /**
     * A sending transaction is not worth a WAL flush: a crash that loses its commit makes the sweep send
     * those texts again, the at-least-once the crash window already allows. So it commits without waiting
     * for the flush (PostgreSQL's asynchronous commit, for this transaction only): other senders still see
     * it at once. And it may not sit idle, holding its rows, longer than {@link #SEND_TIMEOUT}.
     * Parameters: timeout (ms).
     */
    private static final String SQL_SENDING = """
            select set_config('synchronous_commit', 'off', true),
                   set_config('idle_in_transaction_session_timeout', :timeout, true)
            """;

    private final JdbcClient jdbc;
    private final SmsSender sms;
    private final TransactionRunner transactions;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pizzeria-notifications");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> sweeps;
    private final Queue<NotificationLog.Key> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** The kitchen notices told lately, oldest first; used by the dispatcher's thread only. */
    private final Set<NotificationLog.Key> told = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NotificationLog.Key, Boolean> eldest) {
            return size() > TOLD;
        }
    });

    NotificationDispatcher(JdbcClient jdbc, SmsSender sms, TransactionRunner transactions) {
        this.jdbc = jdbc;
        this.sms = sms;
        this.transactions = transactions;
    }

    /**
     * Sends a stored notification after the current transaction commits, or now when there is none;
     * nothing when no unsent row has the key (a redelivery stored nothing).
     */
    void sendAfterCommit(NotificationLog.Key key) {
        transactions.afterCommit(() -> handOver(key));
    }

    private void handOver(NotificationLog.Key key) {
        handedOver.add(key);
        if (drainScheduled.compareAndSet(false, true)) {
            worker.schedule(this::drainSafely, BATCH_WINDOW_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends every key handed over so far, a batch at a time. */
    private void drainSafely() {
        drainScheduled.set(false);
        List<NotificationLog.Key> keys = new ArrayList<>();
        for (NotificationLog.Key key = handedOver.poll(); key != null; key = handedOver.poll()) {
            keys.add(key);
            if (keys.size() == BATCH || handedOver.isEmpty()) {
                try {
                    send(keys);
                } catch (RuntimeException failure) {
                    LOG.warn("Sending notifications {} failed; the sweep sends them later", keys, failure);
                }
                keys = new ArrayList<>();
            }
        }
    }

    /** Sends the rows left unsent that no one else is sending; returns how many were sent. */
    int sweep() {
        return sendPending(null);
    }

    /** Sends the rows of the keys: queued ones if pending and free, kitchen notices unless told already. */
    private int send(List<NotificationLog.Key> keys) {
        List<NotificationLog.Key> notices = keys.stream().filter(key -> !queued(key.channel())).toList();
        List<NotificationLog.Key> queued = keys.stream().filter(key -> queued(key.channel())).toList();
        return (notices.isEmpty() ? 0 : tell(notices)) + (queued.isEmpty() ? 0 : sendPending(queued));
    }

    /**
     * Whether a notification on the channel is queued ({@code notifications_pending}) until sent: all but the
     * kitchen's notices, which the kitchen reads on its screen (the log line is told once, after the commit).
     */
    static boolean queued(String channel) {
        return !KitchenNotifier.CHANNEL.equals(channel);
    }

    /** Logs the kitchen notices of the keys not logged since this dispatcher started; returns how many. */
    private int tell(List<NotificationLog.Key> keys) {
        List<Claimed> notices = jdbc.sql(SQL_NOTICES).param("keys", pairs(keys))
                .query((row, n) -> new Claimed(new NotificationLog.Key(row.getString(1), row.getString(2)), null,
                        row.getString(3)))
                .list();
        int told = 0;
        for (Claimed notice : notices) {
            if (this.told.add(notice.key())) {
                LOG.info("Kitchen: {}", notice.message());
                told++;
            }
        }
        return told;
    }

    /**
     * Claims the pending rows among those of the keys (all pending rows, at most {@value #BATCH}, when
     * null), skipping those another sender holds, sends them and deletes their pending rows, in one
     * transaction; returns how many were sent. A row whose send throws stays pending, for the sweep.
     */
    private int sendPending(List<NotificationLog.Key> keys) {
        return transactions.inTransaction(() -> {
            jdbc.sql(SQL_SENDING).param("timeout", Long.toString(SEND_TIMEOUT.toMillis())).query().listOfRows();
            JdbcClient.StatementSpec claim = keys == null ? jdbc.sql(SQL_CLAIM_ANY)
                    : jdbc.sql(SQL_CLAIM).param("keys", pairs(keys));
            List<Claimed> claimed = claim
                    .query((row, n) -> new Claimed(new NotificationLog.Key(row.getString(1), row.getString(2)),
                            row.getString(3), row.getString(4)))
                    .list();
            List<NotificationLog.Key> sent = new ArrayList<>(claimed.size());
            for (Claimed row : claimed) {
                try {
                    if (CustomerSmsNotifier.CHANNEL.equals(row.key().channel())) {
                        sms.send(row.phone(), row.message());
                    } else {
                        LOG.info("Kitchen: {}", row.message());
                    }
                    sent.add(row.key());
                } catch (RuntimeException failure) {
                    LOG.warn("Sending notification {} failed; the sweep sends it later", row.key(), failure);
                }
            }
            if (!sent.isEmpty()) {
                jdbc.sql(SQL_SENT).param("keys", pairs(sent)).update();
            }
            return sent.size();
        }, result -> true);
    }

    private static List<Object[]> pairs(List<NotificationLog.Key> keys) {
        return keys.stream().map(key -> new Object[] {key.eventId(), key.channel()}).toList();
    }

    @Override
    public synchronized void start() {
        sweeps = worker.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException failure) {
                LOG.warn("Sweeping unsent notifications failed; trying again in {} s", SWEEP_SECONDS, failure);
            }
        }, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
            sweeps = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return sweeps != null;
    }

    /** Lets the sends already handed over finish, then ends the dispatcher's thread. */
    @Override
    public void destroy() {
        worker.shutdown();
    }

    private record Claimed(NotificationLog.Key key, String phone, String message) {
    }
}
