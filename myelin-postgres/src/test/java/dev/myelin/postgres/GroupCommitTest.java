package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.postgres.TestEvents.Numbered;
import dev.myelin.postgres.TestEvents.PizzaReady;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Group commit of appends outside a transaction ({@link GroupCommit}) on a real PostgreSQL 17: appends
 * that wait while a group is in flight are written together in one transaction, each with its own
 * outcome. Groups are made deterministic by holding the first one back: its append waits for a
 * transaction of the test that inserted the same stream version and has not ended.
 */
class GroupCommitTest {

    private static final String SQL_BLOCKER = """
            insert into myelin.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
            values (?, ?, gen_random_uuid(), 'PizzaReady', 1, '{"orderId":"x","oven":"blocker"}', '{}')
            """;

    private static DataSource dataSource;
    private static PostgresEventStore store;
    private static ExecutorService threads;

    @BeforeAll
    static void createStore() {
        dataSource = SharedPostgres.freshDatabase();
        // One group in flight at a time, so that everything that arrives meanwhile makes the next group.
        JdbcTransactionRunner runner1 = new JdbcTransactionRunner(dataSource);
        store = PostgresEventStore.builder(dataSource, runner1, runner1, TestEvents.serializer())
                .groupCommit(64, 1).build();
        threads = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
        store.close();
    }

    private static AppendResult append(String stream, ExpectedVersion expected, int events) {
        List<PizzaReady> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            batch.add(new PizzaReady(stream, "oven-" + i));
        }
        return store.append(stream, expected, batch, EventMetadata.empty());
    }

    @Test
    void appendsThatWaitForAGroupAreWrittenTogetherInOneTransactionEachWithItsOwnOutcome() throws Exception {
        append("Order-g1-existing", ExpectedVersion.noStream(), 1);
        append("Order-g1-stale", ExpectedVersion.noStream(), 2);
        append("Order-g1-any", ExpectedVersion.noStream(), 1);
        PostgresEventStore.AutoCommitStatistics before = store.autoCommitStatistics();
        try (Connection blocker = openBlocker("Order-g1-blocker", 1)) {
            Future<Object> leader = submit(() -> append("Order-g1-blocker", ExpectedVersion.noStream(), 1));
            awaitAppendWaitingForALock();

            // Queued one after the other, so that the order of the queue is known.
            Map<String, Future<Object>> waiting = new LinkedHashMap<>();
            waiting.put("new", enqueue(() -> append("Order-g1-new", ExpectedVersion.noStream(), 1)));
            waiting.put("three events", enqueue(() -> append("Order-g1-three", ExpectedVersion.noStream(), 3)));
            waiting.put("exactly", enqueue(() -> append("Order-g1-existing", ExpectedVersion.exactly(1), 2)));
            waiting.put("stale", enqueue(() -> append("Order-g1-stale", ExpectedVersion.exactly(1), 1)));
            waiting.put("above", enqueue(() -> append("Order-g1-any", ExpectedVersion.exactly(5), 1)));
            waiting.put("any", enqueue(() -> append("Order-g1-any", ExpectedVersion.any(), 1)));
            waiting.put("new again", enqueue(() -> append("Order-g1-new", ExpectedVersion.noStream(), 1)));
            Future<Object> interrupted = enqueue(() -> {
                Thread.currentThread().interrupt();
                AppendResult result = append("Order-g1-interrupted", ExpectedVersion.noStream(), 1);
                return List.of(TestEvents.appended(result), Thread.currentThread().isInterrupted());
            });
            assertThat(store.groupCommitWaiting()).isEqualTo(8);
            assertThat(leader).isNotDone();

            blocker.commit();

            assertThat(outcome(leader)).isEqualTo("conflict at 1");
            assertThat(outcome(waiting.get("new"))).isEqualTo(TestEvents.appended(1, 1));
            assertThat(outcome(waiting.get("three events"))).isEqualTo(TestEvents.appended(3, 3));
            assertThat(outcome(waiting.get("exactly"))).isEqualTo(TestEvents.appended(3, 2));
            assertThat(outcome(waiting.get("stale"))).isEqualTo("conflict at 2");
            // An expectation above the stream writes nothing (no gap), and "any" after it still appends. The
            // actual version is read when the conflict is thrown: "any" may have appended version 2 by then.
            assertThat(outcome(waiting.get("above"))).isIn("conflict at 1", "conflict at 2");
            assertThat(outcome(waiting.get("any"))).isEqualTo(TestEvents.appended(2, 1));
            // The second append to a stream waits for the next group, which finds the first one written.
            assertThat(outcome(waiting.get("new again"))).isEqualTo("conflict at 1");
            assertThat(outcome(interrupted)).isEqualTo(List.of(TestEvents.appended(1, 1), true));
            // Nine appends in three transactions: the leader's, the first group's, the second group's.
            PostgresEventStore.AutoCommitStatistics after = store.autoCommitStatistics();
            assertThat(after.appends() - before.appends()).isEqualTo(9);
            assertThat(after.transactions() - before.transactions()).isEqualTo(3);
        }
        // One transaction for the first group; "any" and "new again" (second appends to their streams) came after.
        assertThat(List.of(transactionOf("Order-g1-three", 1), transactionOf("Order-g1-three", 3),
                transactionOf("Order-g1-existing", 2), transactionOf("Order-g1-existing", 3),
                transactionOf("Order-g1-interrupted", 1))).containsOnly(transactionOf("Order-g1-new", 1));
        assertThat(transactionOf("Order-g1-any", 2)).isNotEqualTo(transactionOf("Order-g1-new", 1));
        assertThat(store.readStream("Order-g1-three", 1, 10)).extracting(StoredEvent::streamVersion)
                .containsExactly(1L, 2L, 3L);
        assertThat(store.readStream("Order-g1-existing", 1, 10)).extracting(StoredEvent::streamVersion)
                .containsExactly(1L, 2L, 3L);
        assertThat(store.readStream("Order-g1-stale", 1, 10)).hasSize(2);
        assertThat(store.readStream("Order-g1-any", 1, 10)).hasSize(2);
        assertThat(store.readStream("Order-g1-new", 1, 10)).hasSize(1);
        // Events of one append are in stream order in the global log too.
        assertThat(store.readAll(0, 1_000)).filteredOn(event -> event.streamId().equals("Order-g1-three"))
                .extracting(StoredEvent::streamVersion).containsExactly(1L, 2L, 3L);
    }

    @Test
    void anAppendExpectingAnyVersionThatLosesTheRaceInAGroupGoesToTheNextGroup() throws Exception {
        append("Order-g2-any", ExpectedVersion.noStream(), 1);
        try (Connection first = openBlocker("Order-g2-blocker", 1);
                Connection second = openBlocker("Order-g2-any", 2)) {
            Future<Object> leader = submit(() -> append("Order-g2-blocker", ExpectedVersion.noStream(), 1));
            awaitAppendWaitingForALock();
            // The "any" append still reads version 1 and will take 2, which the second blocker holds.
            Future<Object> any = submit(() -> append("Order-g2-any", ExpectedVersion.any(), 1));
            Future<Object> other = submit(() -> append("Order-g2-other", ExpectedVersion.noStream(), 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> store.groupCommitWaiting() == 2);

            first.commit();
            assertThat(outcome(leader)).isEqualTo("conflict at 1");
            // The group of "any" and "other" now waits for the second blocker's version 2.
            awaitAppendWaitingForALock();
            assertThat(any).isNotDone();
            second.commit();

            assertThat(outcome(any)).isEqualTo(TestEvents.appended(3, 1));
            assertThat(outcome(other)).isEqualTo(TestEvents.appended(1, 1));
        }
        // Version 3 of "any" was written by the group after the one that wrote "other".
        assertThat(transactionOf("Order-g2-any", 3)).isNotEqualTo(transactionOf("Order-g2-other", 1));
    }

    @Test
    void aGroupThatFailsIsWrittenAppendByAppendSoThatOnlyTheFailingAppendFails() throws Exception {
        // A writer that does not follow the protocol left version 3 of a stream at version 1: the append of
        // versions 2 and 3 fails with a unique violation, which fails the whole group statement.
        append("Order-g3-gap", ExpectedVersion.noStream(), 1);
        try (Connection gap = dataSource.getConnection(); PreparedStatement insert = gap.prepareStatement(SQL_BLOCKER)) {
            insert.setString(1, "Order-g3-gap");
            insert.setLong(2, 3);
            insert.executeUpdate();
        }
        try (Connection blocker = openBlocker("Order-g3-blocker", 1)) {
            Future<Object> leader = submit(() -> append("Order-g3-blocker", ExpectedVersion.noStream(), 1));
            awaitAppendWaitingForALock();
            Future<Object> failing = submit(() -> append("Order-g3-gap", ExpectedVersion.exactly(1), 2));
            List<Future<Object>> others = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String stream = "Order-g3-other-" + i;
                others.add(submit(() -> append(stream, ExpectedVersion.noStream(), 1)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.groupCommitWaiting() == 4);

            blocker.commit();

            assertThat(outcome(leader)).isEqualTo("conflict at 1");
            assertThat(outcome(failing)).isEqualTo("conflict at 3");
            for (Future<Object> other : others) {
                assertThat(outcome(other)).isEqualTo(TestEvents.appended(1, 1));
            }
        }
        assertThat(store.readStream("Order-g3-gap", 1, 10)).extracting(StoredEvent::streamVersion).containsExactly(1L, 3L);
        // Written one by one after the group failed: one transaction each.
        assertThat(transactionsOf("Order-g3-other-0", "Order-g3-other-1", "Order-g3-other-2")).isEqualTo(3);
    }

    @Test
    void anErrorWhileWritingAGroupFailsEachOfItsAppendsAndWakesTheirCallers() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        DataSource failing = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection") && broken.get()) {
                        throw new OutOfMemoryError("simulated: no connection");
                    }
                    try {
                        return method.invoke(dataSource, arguments);
                    } catch (InvocationTargetException failure) {
                        throw failure.getCause();
                    }
                });
        JdbcTransactionRunner runner2 = new JdbcTransactionRunner(failing);
        PostgresEventStore store = PostgresEventStore.builder(failing, runner2, runner2,
                TestEvents.serializer()).groupCommit(64, 1).build();
        try (Connection blocker = openBlocker("Order-g6-blocker", 1)) {
            Future<Object> leader = submit(() -> store.append("Order-g6-blocker", ExpectedVersion.noStream(),
                    List.of(new PizzaReady("g6", "leader")), EventMetadata.empty()));
            awaitAppendWaitingForALock();
            List<Future<Object>> group = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String stream = "Order-g6-" + i;
                int before = store.groupCommitWaiting();
                group.add(submit(() -> store.append(stream, ExpectedVersion.noStream(),
                        List.of(new PizzaReady("g6", "oven")), EventMetadata.empty())));
                await().atMost(Duration.ofSeconds(10)).until(() -> store.groupCommitWaiting() == before + 1);
            }
            broken.set(true);
            blocker.commit();

            // Both callers of the group that failed are woken with the error (none is left parked).
            for (Future<Object> append : group) {
                assertThatThrownBy(() -> append.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(OutOfMemoryError.class);
            }
            assertThatThrownBy(() -> leader.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
        broken.set(false);
        // Leadership was handed back: the next append is written.
        assertThat(TestEvents.appended(store.append("Order-g6-after", ExpectedVersion.noStream(),
                List.of(new PizzaReady("g6", "after")), EventMetadata.empty()))).isEqualTo(TestEvents.appended(1, 1));
        assertThat(store.groupCommitWaiting()).isZero();
        store.close();
    }

    @Test
    void concurrentWritersEachSeeTheirOwnVersionsAndStreamsStayContiguous() throws Exception {
        // The store as built by default: two groups in flight at once.
        JdbcTransactionRunner runner3 = new JdbcTransactionRunner(dataSource);
        PostgresEventStore store = PostgresEventStore.builder(dataSource, runner3, runner3,
                TestEvents.serializer()).build();
        int writers = 16;
        int appends = 60;
        List<Future<Object>> results = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            String own = "Order-g4-" + writer;
            int number = writer;
            results.add(submit(() -> {
                List<Long> versions = new ArrayList<>();
                for (int i = 0; i < appends; i++) {
                    ExpectedVersion expected = i == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(i);
                    versions.add(store.append(own, expected, List.of(new Numbered(own, i)), EventMetadata.empty())
                            .streamVersion());
                    // A stream shared by all writers, expecting any version.
                    store.append("Order-g4-shared", ExpectedVersion.any(), List.of(new Numbered("w" + number, i)),
                            EventMetadata.empty());
                }
                return versions;
            }));
        }
        List<Long> expected = new ArrayList<>();
        for (long v = 1; v <= appends; v++) {
            expected.add(v);
        }
        for (Future<Object> result : results) {
            assertThat(result.get(120, TimeUnit.SECONDS)).isEqualTo(expected);
        }
        for (int writer = 0; writer < writers; writer++) {
            assertThat(store.readStream("Order-g4-" + writer, 1, 1_000)).extracting(StoredEvent::event)
                    .extracting(event -> ((Numbered) event).number())
                    .containsExactlyElementsOf(expected.stream().map(v -> v - 1).toList());
        }
        List<StoredEvent> shared = store.readStream("Order-g4-shared", 1, 10_000);
        assertThat(shared).extracting(StoredEvent::streamVersion)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, (long) writers * appends).boxed().toList());
        assertThat(store.groupCommitWaiting()).isZero();
        // 16 writers on 2 cores: appends did wait for groups (1,920 appends, far fewer transactions).
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "select count(*), count(distinct tx_id) from myelin.events where stream_id like 'Order-g4-%'");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(2L * writers * appends);
            assertThat(rows.getLong(2)).isLessThan(rows.getLong(1));
        }
        store.close();
    }

    @Test
    void theGroupStatementLooksUpTheIndexPerAppendAndNeverScansTheLog() throws SQLException {
        // The plans PostgreSQL caches for the prepared statement: on a new, never analysed log (where a
        // hashed scan of the whole log looks cheap, and would stay cached while the log grows), and on a log
        // of 50,000 events, analysed.
        DataSource fresh = SharedPostgres.freshDatabase();
        try (Connection connection = explaining(fresh); Statement statement = connection.createStatement()) {
            assertLooksUpTheIndexPerAppend(genericPlan(statement));
            statement.execute("""
                    insert into myelin.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
                    select 'Order-g5-' || (n / 10), n % 10 + 1, gen_random_uuid(), 'PizzaReady', 1, '{}', '{}'
                    from generate_series(0, 49999) as n
                    """);
            statement.execute("analyze myelin.events");
            assertLooksUpTheIndexPerAppend(genericPlan(statement));
        }
    }

    private static void assertLooksUpTheIndexPerAppend(String plan) {
        assertThat(plan).doesNotContain("Seq Scan on events").doesNotContainIgnoringCase("hashed SubPlan")
                .contains("using events_stream_version_key on events e");
    }

    /** A connection with the simple query protocol: EXPLAIN (GENERIC_PLAN) takes $n placeholders without values. */
    private static Connection explaining(DataSource database) throws SQLException {
        String name;
        try (Connection connection = database.getConnection()) {
            name = connection.getCatalog();
        }
        return DriverManager.getConnection(SharedPostgres.server().jdbcUrl(name) + "&preferQueryMode=simple");
    }

    private static String genericPlan(Statement statement) throws SQLException {
        String sql = store.groupCommitStatement();
        StringBuilder numbered = new StringBuilder();
        int parameter = 0;
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++parameter : String.valueOf(c));
        }
        assertThat(parameter).isEqualTo(13);
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("explain (generic_plan) " + numbered)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static Future<Object> submit(Callable<Object> append) {
        return threads.submit(append);
    }

    /** Submits an append and waits until it is queued for a group. */
    private static Future<Object> enqueue(Callable<Object> append) {
        int before = store.groupCommitWaiting();
        Future<Object> future = threads.submit(append);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.groupCommitWaiting() == before + 1);
        return future;
    }

    /** The append's result, or "conflict at n" naming the actual version of its conflict. */
    private static Object outcome(Future<Object> append) throws Exception {
        try {
            Object outcome = append.get(30, TimeUnit.SECONDS);
            return outcome instanceof AppendResult result ? TestEvents.appended(result) : outcome;
        } catch (ExecutionException failure) {
            if (failure.getCause() instanceof AggregateConflictException conflict) {
                return "conflict at " + conflict.actualVersion();
            }
            throw failure;
        }
    }

    /** A transaction left open that inserted one version of a stream: appends of that version wait for it. */
    private static Connection openBlocker(String stream, long version) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(SQL_BLOCKER)) {
            insert.setString(1, stream);
            insert.setLong(2, version);
            insert.executeUpdate();
        }
        return connection;
    }

    private static void awaitAppendWaitingForALock() {
        await().atMost(Duration.ofSeconds(10)).until(() -> query("""
                select count(*) from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and query like '%insert into%events%'
                """) == 1);
    }

    private static String transactionOf(String stream, long version) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select tx_id::text from myelin.events where stream_id = ? and stream_version = ?")) {
            statement.setString(1, stream);
            statement.setLong(2, version);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("%s version %d exists", stream, version).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static long transactionsOf(String... streams) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select count(distinct tx_id) from myelin.events where stream_id = any(?)")) {
            statement.setArray(1, connection.createArrayOf("text", streams));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
