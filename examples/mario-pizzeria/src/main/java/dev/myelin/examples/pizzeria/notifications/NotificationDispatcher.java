package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.data.transaction.TransactionRunner;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * crash during the send) is taken again, so a text is lost never, repeated only after such a crash.
 * Thread-safe.
 */
@Component
class NotificationDispatcher implements SmartLifecycle, DisposableBean {

    static final long SWEEP_SECONDS = 30;
    static final Duration STALE_CLAIM = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    /** Parameters: id, now, stale. Claims an unsent row. */
    private static final String SQL_CLAIM = """
            update notifications set claimed_at = :now
            where id = :id and sent_at is null and (claimed_at is null or claimed_at < :stale)
            returning channel, phone, message
            """;

    /** Parameters: id, now. */
    private static final String SQL_SENT = """
            update notifications set sent_at = :now where id = :id
            """;

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
            select id from notifications where sent_at is null and (claimed_at is null or claimed_at < :stale)
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

    NotificationDispatcher(JdbcClient jdbc, SmsSender sms, TransactionRunner transactions, Clock clock) {
        this.jdbc = jdbc;
        this.sms = sms;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Sends a stored notification after the current transaction commits, or now when there is none. */
    void sendAfterCommit(long id) {
        transactions.afterCommit(() -> worker.execute(() -> sendSafely(id)));
    }

    /** Sends the rows left unsent; returns how many were sent. */
    int sweep() {
        List<Long> unsent = jdbc.sql(SQL_UNSENT).param("stale", Timestamp.from(clock.instant().minus(STALE_CLAIM)))
                .query(Long.class).list();
        int sent = 0;
        for (long id : unsent) {
            sent += send(id) ? 1 : 0;
        }
        return sent;
    }

    private void sendSafely(long id) {
        try {
            send(id);
        } catch (RuntimeException failure) {
            LOG.warn("Sending notification {} failed; the sweep sends it later", id, failure);
        }
    }

    /** Claims, sends and marks one row; false when another sender has it or it was sent. */
    private boolean send(long id) {
        Instant now = clock.instant();
        Optional<Claimed> claimed = notDurably(() -> jdbc.sql(SQL_CLAIM).param("id", id)
                .param("now", Timestamp.from(now)).param("stale", Timestamp.from(now.minus(STALE_CLAIM)))
                .query((row, n) -> new Claimed(row.getString(1), row.getString(2), row.getString(3))).optional());
        if (claimed.isEmpty()) {
            return false;
        }
        if (CustomerSmsNotifier.CHANNEL.equals(claimed.get().channel())) {
            sms.send(claimed.get().phone(), claimed.get().message());
        } else {
            LOG.info("Kitchen: {}", claimed.get().message());
        }
        notDurably(() -> jdbc.sql(SQL_SENT).param("id", id).param("now", Timestamp.from(clock.instant())).update());
        return true;
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

    private record Claimed(String channel, String phone, String message) {
    }
}
