package dev.myelin.examples.pizzeria.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.myelin.core.RequestContext;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * What storing and sending a notification costs PostgreSQL (WAL records, by pg_walinspect), and the
 * dispatcher's guarantees when senders race or die: each row is sent once by senders that race, and a
 * sender that dies mid-send loses no text. On a context (and database) of its own, whose dispatcher does
 * not sweep during a test: only this test's senders send.
 */
@TestPropertySource(properties = "pizzeria.test.context=notification-dispatch")
class NotificationDispatchHttpTest extends PizzeriaHttpTest {

    /**
     * WAL records touching the notifications' tables and indexes per stored-and-sent notification, measured
     * by this test on the code before {@code notifications_pending} (claimed_at and sent_at updates, four
     * indexes): 17.07 (50 orders: 100 notifications, 1707 records).
     */
    private static final double RECORDS_BEFORE = 17.07;

    /**
     * The same through the hand-over, measured by this test on the code before: 12.78 (40 orders: 80
     * notifications, 1022 records; fewer than swept, as most claims there were HOT updates).
     */
    private static final double HANDED_OVER_BEFORE = 12.78;

    @Autowired
    NotificationLog log;

    @Autowired
    NotificationDispatcher dispatcher;

    @Autowired
    TransactionRunner transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LoggingSmsSender loggingSms;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void noSweepButThisTests() {
        dispatcher.stop();
    }

    @AfterEach
    void sweepAgain() {
        dispatcher.start();
    }

    /**
     * The notifications of a round of 50 placed orders (a kitchen notice and a customer text each, stored
     * in one transaction, then swept) write at most half the WAL records they wrote when each row was
     * inserted into four indexes, claimed by an update and marked sent by another.
     */
    @Test
    void storingAndSendingANotificationWritesHalfTheWalRecordsItDid() {
        int orders = 50;
        String prefix = "wal-" + UUID.randomUUID() + "-";
        String start = walStart();
        transactions.inTransaction(() -> {
            for (int i = 0; i < orders; i++) {
                storeOrder(prefix, i);
            }
            return true;
        }, commit -> commit);
        int sent = 0;
        for (int round = dispatcher.sweep(); round > 0; round = dispatcher.sweep()) {
            sent += round;
        }
        double perNotification = walRecordsPerNotification("swept, one round", start, 2 * orders);

        assertThat(perNotification).as("WAL records per notification").isLessThanOrEqualTo(RECORDS_BEFORE / 2);
        assertThat(sent).as("the texts: kitchen notices are not queued").isEqualTo(orders);
        assertThat(loggingSms.sent().stream().filter(text -> text.phone().startsWith(prefix))).hasSize(orders);
    }

    /**
     * The same through the hand-over, as the notifiers send: each order's notifications stored in a
     * transaction of their own and handed to the dispatcher's thread after its commit.
     */
    @Test
    void throughTheHandOverANotificationWritesHalfTheWalRecordsItDid() {
        int orders = 40;
        String prefix = "hand-over-" + UUID.randomUUID() + "-";
        String start = walStart();
        for (int i = 0; i < orders; i++) {
            int order = i;
            transactions.inTransaction(() -> {
                storeOrder(prefix, order).forEach(dispatcher::sendAfterCommit);
                return true;
            }, commit -> commit);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                select count(*) from notifications n where order_id like :prefix and exists (
                    select from notifications_pending p where p.event_id = n.event_id and p.channel = n.channel)""")
                .param("prefix", prefix + "%").query(Long.class).single() == 0);
        double perNotification = walRecordsPerNotification("handed over, a transaction per order", start, 2 * orders);

        assertThat(loggingSms.sent().stream().filter(text -> text.phone().startsWith(prefix))).hasSize(orders);
        assertThat(perNotification).as("WAL records per notification").isLessThanOrEqualTo(HANDED_OVER_BEFORE / 2);
    }

    /** Stores an order's kitchen notice and customer text, as the notifiers do; returns their keys. */
    private List<NotificationLog.Key> storeOrder(String prefix, int order) {
        Instant at = clock.instant();
        return List.of(
                log.store(KitchenNotifier.CHANNEL, KitchenNotifier.CHANNEL, null, prefix + order, "New order " + order, at),
                log.rememberAndStore(CustomerSmsNotifier.CHANNEL, prefix + order,
                        new NotificationLog.Contact(prefix + "c" + order, "Ada", prefix + "phone-" + order),
                        "Order " + order + " confirmed!", at));
    }

    private String walStart() {
        jdbc.sql("create extension if not exists pg_walinspect").update();
        return lsn();
    }

    /**
     * Counts the WAL records from the start to now that touch a table or index of the notifications (in
     * this database; each record once, whatever blocks it touches), prints them by relation and all the
     * window's records by type, and returns the count per notification.
     */
    private double walRecordsPerNotification(String what, String start, int notifications) {
        String end = lsn();
        // The sends commit asynchronously: pg_walinspect reads what the WAL writer flushed (within 200 ms).
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select pg_current_wal_flush_lsn() >= cast(:end as pg_lsn)").param("end", end).query(Boolean.class).single());
        String touching = """
                from pg_get_wal_block_info(cast(:start as pg_lsn), cast(:end as pg_lsn), false) b
                join pg_class c on c.relfilenode = b.relfilenode
                where b.reldatabase = (select oid from pg_database where datname = current_database())
                  and c.relname like 'notifications%'
                """;
        Map<String, Long> byRelation = jdbc.sql("select c.relname, count(distinct b.start_lsn) " + touching
                        + " group by c.relname")
                .param("start", start).param("end", end)
                .query((row, n) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
        long records = jdbc.sql("select count(distinct b.start_lsn) " + touching).param("start", start).param("end", end)
                .query(Long.class).single();
        List<String> byType = jdbc.sql("""
                select "resource_manager/record_type" || ' ' || count
                from pg_get_wal_stats(cast(:start as pg_lsn), cast(:end as pg_lsn), true)
                where count > 0 order by count desc""").param("start", start).param("end", end)
                .query(String.class).list();
        double perNotification = records / (double) notifications;
        System.out.printf("%d notifications stored and sent (%s): %d WAL records touching the notifications' relations"
                + " (%.2f per notification) %s; all WAL records of the window, by type (any database): %s%n",
                notifications, what, records, perNotification, byRelation, byType);
        return perNotification;
    }

    /**
     * Two senders sweeping the same rows (two instances; or the hand-over and the sweep): the second skips
     * the rows the first is sending, and finds them sent after; racing freely, each row is sent once.
     */
    @Test
    void twoSendersNeverSendOneRow() throws Exception {
        String prefix = "race-" + UUID.randomUUID() + "-";
        storeTexts(prefix, 30);
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Queue<String> first = new ConcurrentLinkedQueue<>();
        Queue<String> second = new ConcurrentLinkedQueue<>();
        NotificationDispatcher one = dispatcher((phone, message) -> {
            sending.countDown();
            await(release);
            first.add(phone);
        });
        NotificationDispatcher other = dispatcher((phone, message) -> second.add(phone));

        CompletableFuture<Integer> held = CompletableFuture.supplyAsync(one::sweep);
        assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(other.sweep()).as("every row is held by the first sender").isZero();
        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo(30);
        assertThat(other.sweep()).as("sent by the first sender").isZero();
        assertThat(first).hasSize(30).doesNotHaveDuplicates();
        assertThat(second).isEmpty();

        String racing = "race-free-" + UUID.randomUUID() + "-";
        storeTexts(racing, 300);
        Queue<String> sent = new ConcurrentLinkedQueue<>();
        NotificationDispatcher left = dispatcher((phone, message) -> sent.add(phone));
        NotificationDispatcher right = dispatcher((phone, message) -> sent.add(phone));
        CompletableFuture<Integer> leftSent = CompletableFuture.supplyAsync(() -> sweepAll(left));
        int rightSent = sweepAll(right);
        assertThat(leftSent.get(30, TimeUnit.SECONDS) + rightSent).isEqualTo(300);
        assertThat(sent).hasSize(300).doesNotHaveDuplicates().allMatch(phone -> phone.startsWith(racing));
    }

    /**
     * A sender whose connection dies in the middle of a send (the process crashed) loses no text: its
     * transaction is rolled back, its rows are free at once, and the next sweep sends them (the one in
     * flight a second time: the crash window).
     */
    @Test
    void aSenderThatDiesMidSendLosesNoText() {
        String prefix = "crash-" + UUID.randomUUID() + "-";
        storeTexts(prefix, 5);
        Queue<String> dying = new ConcurrentLinkedQueue<>();
        NotificationDispatcher crashing = dispatcher((phone, message) -> {
            dying.add(phone);
            if (dying.size() == 1) {
                terminate(jdbc.sql("select pg_backend_pid()").query(Integer.class).single());
            }
        });
        assertThatThrownBy(crashing::sweep).as("its sent mark never commits").isInstanceOf(RuntimeException.class);

        Queue<String> sent = new ConcurrentLinkedQueue<>();
        assertThat(dispatcher((phone, message) -> sent.add(phone)).sweep()).isEqualTo(5);
        assertThat(sent).hasSize(5).doesNotHaveDuplicates().containsAll(dying);
        assertThat(dispatcher((phone, message) -> sent.add(phone)).sweep()).isZero();
    }

    /**
     * A kitchen notice, not queued, is logged once its transaction committed: never for a rolled-back
     * handler, not again for a redelivered event; and stored once, for the kitchen's screen.
     */
    @Test
    void aKitchenNoticeIsToldOnceAfterItsTransactionCommits() {
        String order = "told-" + UUID.randomUUID();
        String marker = "told-marker-" + UUID.randomUUID();
        Logger logger = (Logger) LoggerFactory.getLogger(NotificationDispatcher.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            notice("rolled-back-" + order, order, false);
            notice("event-" + order, order, true);
            notice("event-" + order, order, true);
            notice("event-" + marker, marker, true);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logged(lines).contains("Kitchen: Notice " + marker));
            assertThat(logged(lines)).as("told once: not rolled back, not redelivered")
                    .containsOnlyOnce("Kitchen: Notice " + order);
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(jdbc.sql("select count(*) from notifications where order_id = :id").param("id", order)
                .query(Long.class).single()).isEqualTo(1);
    }

    /** Stores a kitchen notice about the order, as the notifier does, in a transaction that commits or not. */
    private void notice(String eventId, String order, boolean commit) {
        try (RequestContext.Scope scope = RequestContext.builder().causationId(eventId).build().bind()) {
            transactions.inTransaction(() -> {
                dispatcher.sendAfterCommit(log.store(KitchenNotifier.CHANNEL, KitchenNotifier.CHANNEL, null, order,
                        "Notice " + order, clock.instant()));
                return commit;
            }, done -> done);
        }
    }

    private static List<String> logged(ListAppender<ILoggingEvent> lines) {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private NotificationDispatcher dispatcher(SmsSender sms) {
        return new NotificationDispatcher(jdbc, sms, transactions);
    }

    private static int sweepAll(NotificationDispatcher sender) {
        int sent = 0;
        for (int round = sender.sweep(); round > 0; round = sender.sweep()) {
            sent += round;
        }
        return sent;
    }

    /** Stores texts to phones {@code prefix0}, {@code prefix1}..., committed, not handed to any sender. */
    private void storeTexts(String prefix, int texts) {
        List<Runnable> stores = new ArrayList<>();
        for (int i = 0; i < texts; i++) {
            String phone = prefix + i;
            stores.add(() -> log.store(CustomerSmsNotifier.CHANNEL, "customer-" + phone, phone, "order-" + phone, "Hello",
                    clock.instant()));
        }
        transactions.inTransaction(() -> {
            stores.forEach(Runnable::run);
            return true;
        }, commit -> commit);
    }

    private String lsn() {
        return jdbc.sql("select cast(pg_current_wal_insert_lsn() as text)").query(String.class).single();
    }

    /** Ends a backend from a connection of its own, as its client's death would. */
    private void terminate(int pid) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_terminate_backend(" + pid + ", 5000)");
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
