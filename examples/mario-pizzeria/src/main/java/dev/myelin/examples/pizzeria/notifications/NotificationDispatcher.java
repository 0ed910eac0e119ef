package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.data.transaction.TransactionRunner;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
 * handler sends nothing; the send runs on its own connection, never in the finished transaction); a
 * row left unsent (the process died after the commit) is sent by a sweep every {@value #SWEEP_SECONDS}
 * seconds.
 *
 * <p>Each row is claimed before it is sent ({@code claimed_at}, committed at once) and marked
 * {@code sent_at} after, so two senders never send one row; a claim older than {@link #STALE_CLAIM} (a
 * crash during the send) is taken again, so a text is lost never, repeated only after such a crash. Rows
 * handed over (by event and channel: who stores a row before the commit does not know its id)
 * within {@value #BATCH_WINDOW_MILLIS} ms of each other are claimed in one statement and
 * marked in one (one transaction each, at most {@value #BATCH} rows). Thread-safe.
 */
@Component
class NotificationDispatcher implements SmartLifecycle, DisposableBean {

    static final long SWEEP_SECONDS = 30;
    static final Duration STALE_CLAIM = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    /** Parameters: keys (event id, channel), now, stale. Claims the unsent rows among those of the keys. */
    private static final String SQL_CLAIM = """
            update notifications set claimed_at = :now
            where (event_id, channel) in (:keys) and sent_at is null and (claimed_at is null or claimed_at < :stale)
            returning id, channel, phone, message
            """;

    /** Parameters: ids, now. */
    private static final String SQL_SENT = """
            update notifications set sent_at = :now where id in (:ids)
            """;

    /** Rows claimed, sent and marked together, at most. */
    private static final int BATCH = 100;

    /**
     * How long the first id handed over waits for others: under load, one claim and one mark serve the
     * notifications of many orders.
     */
    static final long BATCH_WINDOW_MILLIS = 20;

    /**
     * Claims and "sent" marks are not worth a WAL flush each: a crash that loses one makes the sweep send
     * that text again, the at-least-once the crash window already allows. So they commit without waiting
     * for the flush (PostgreSQL's asynchronous commit, for this transaction only): other senders still see
     * them at once.
     */
    private static final String SQL_NOT_DURABLE = """
            set local synchronous_commit to off
            """;

    /** Parameters: stale. */
    private static final String SQL_UNSENT = """
            select event_id, channel from notifications where sent_at is null and (claimed_at is null or claimed_at < :stale)
            order by id limit 100
            """;

    private final JdbcClient jdbc;
    private final SmsSender sms;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pizzeria-notifications");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> sweeps;
    private final Queue<NotificationLog.Key> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    NotificationDispatcher(JdbcClient jdbc, SmsSender sms, TransactionRunner transactions, Clock clock) {
        this.jdbc = jdbc;
        this.sms = sms;
        this.transactions = transactions;
        this.clock = clock;
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

    /** Sends the rows left unsent; returns how many were sent. */
    int sweep() {
        List<NotificationLog.Key> unsent = jdbc.sql(SQL_UNSENT)
                .param("stale", Timestamp.from(clock.instant().minus(STALE_CLAIM)))
                .query((row, n) -> new NotificationLog.Key(row.getString(1), row.getString(2))).list();
        return unsent.isEmpty() ? 0 : send(unsent);
    }

    /**
     * Claims the unsent rows among those of the keys (those another sender has, or that were sent, are
     * skipped), sends them and marks them sent; returns how many were sent. A send that throws leaves its
     * row claimed, for the sweep once the claim is stale.
     */
    private int send(List<NotificationLog.Key> keys) {
        Instant now = clock.instant();
        List<Object[]> pairs = keys.stream().map(key -> new Object[] {key.eventId(), key.channel()}).toList();
        List<Claimed> claimed = notDurably(() -> jdbc.sql(SQL_CLAIM).param("keys", pairs)
                .param("now", Timestamp.from(now)).param("stale", Timestamp.from(now.minus(STALE_CLAIM)))
                .query((row, n) -> new Claimed(row.getLong(1), row.getString(2), row.getString(3), row.getString(4)))
                .list());
        List<Long> sent = new ArrayList<>(claimed.size());
        for (Claimed row : claimed) {
            try {
                if (CustomerSmsNotifier.CHANNEL.equals(row.channel())) {
                    sms.send(row.phone(), row.message());
                } else {
                    LOG.info("Kitchen: {}", row.message());
                }
                sent.add(row.id());
            } catch (RuntimeException failure) {
                LOG.warn("Sending notification {} failed; the sweep sends it later", row.id(), failure);
            }
        }
        if (!sent.isEmpty()) {
            notDurably(() -> jdbc.sql(SQL_SENT).param("ids", sent).param("now", Timestamp.from(clock.instant())).update());
        }
        return sent.size();
    }

    /** Runs one statement in a transaction of its own that commits without waiting for the WAL flush. */
    private <T> T notDurably(Supplier<T> statement) {
        return transactions.inTransaction(() -> {
            jdbc.sql(SQL_NOT_DURABLE).update();
            return statement.get();
        }, result -> true);
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

    private record Claimed(long id, String channel, String phone, String message) {
    }
}
