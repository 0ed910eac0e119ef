package dev.myelin.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.postgres.EventTypeRegistry;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.PostgresEventStore;
import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import dev.myelin.spring.boot.transaction.SpringCurrentConnection;
import dev.myelin.spring.boot.transaction.SpringTransactionRunner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.json.JacksonSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Appends per second INSIDE A TRANSACTION, the path applications use: a command's transaction that
 * appends one event of about 500 bytes ({@link PizzaBaked}) with an expected version and commits,
 * next to the raw {@code BEGIN; INSERT; COMMIT} of the same row (the floor) and Axon 4.13's
 * {@link JdbcEventStorageEngine} in a Spring transaction (the peer). Same server, pool, rows and
 * streams as {@link EventStoreBenchmark} (one embedded durable PostgreSQL 17 per fork, pool of
 * {@code 2 × threads + 1}, streams of {@link EventStoreBenchmark#EVENTS_PER_STREAM} events: the first
 * append expects no stream, the next ones the exact version the writer wrote last).
 *
 * <ul>
 *   <li>{@link #myelinAppendInSpringTransaction}: what the pizzeria's commands run (the starter's
 *       {@link SpringTransactionRunner} over Spring's {@link JdbcTransactionManager}, the store joining
 *       through {@link SpringCurrentConnection}), {@code runner.inTransaction(() -> store.append(stream,
 *       noStream() / exactly(v), [event], EventMetadata.empty()))}; no inline projection, no outbox.
 *   <li>{@link #myelinAppendInJdbcTransaction}: the same with {@link JdbcTransactionRunner}, the runner of
 *       applications without Spring.
 *   <li>{@link #rawInsertInTransaction}: the floor: the same row inserted by a reused
 *       {@link PreparedStatement} on a connection held in manual-commit mode, then {@code commit()}: what
 *       PostgreSQL sees is {@code BEGIN; INSERT; COMMIT}. No expected-version check.
 *   <li>{@link #axonAppendInTransaction}: Axon's transaction manager on Spring's (copies of
 *       {@code axon-spring}'s, see {@link SpringAxonTransactions}) runs
 *       {@code JdbcEventStorageEngine.appendEvents} of one event with the next sequence number, as in
 *       {@link EventStoreBenchmark#axonAppend}.
 *   <li>{@link #rawInsertInSpringTransaction}: diagnostic, not a contender: the raw insert inside
 *       {@link SpringTransactionRunner}'s transaction on Spring's bound connection (a statement prepared
 *       per call, as {@code JdbcClient} does): the floor plus Spring's transaction plumbing, so that the
 *       gap from it to {@link #myelinAppendInSpringTransaction} is Myelin's own.
 *   <li>{@link #checkedStatementInTransaction}: diagnostic, not a contender: Myelin's checked append
 *       statement run like the floor (reused statement, {@code BEGIN; ...; COMMIT}): the statement's own cost.
 * </ul>
 *
 * <p>Load and append, what a command that loads its aggregate and saves it does in its transaction (the
 * append expects the version just read, which the transaction vouches for, so Myelin sends no guard):
 * <ul>
 *   <li>{@link #myelinLoadAndAppendInSpringTransaction} and {@link #myelinLoadAndAppendInJdbcTransaction}:
 *       {@code readStreamBackwards(stream, MAX, 1)}, then {@code append(stream, exactly(its version) / noStream(),
 *       [event])}, in one transaction of each runner;
 *   <li>{@link #rawSelectAndInsertInTransaction}: their floor, {@code BEGIN; SELECT; INSERT; COMMIT} with
 *       reused statements, the select reading the same columns of the last event;
 *   <li>{@link #axonLoadAndAppendInTransaction}: their peer, {@code lastSequenceNumberFor} then
 *       {@code appendEvents}, in one transaction.
 * </ul>
 *
 * <p>Run with {@code -t 1} and {@code -t 16}; with one writer prefer {@link AppendRounds} {@code tx} and
 * {@code tx-load}, which alternate the contenders in short rounds. Over 500 lines: ten benchmarks on one
 * server, kept together so that they share the setup, the rows and the writers' streams.
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Daxoniq.update-checker.disabled=true"})
public class TransactionalAppendBenchmark {

    private static final String SQL_RAW_INSERT = """
            insert into raw.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
            values (?, ?, ?, ?, ?, ?::json, ?::json)
            """;

    /**
     * A copy of {@code PostgresEventStore}'s checked append of one event for an exact expected version (the
     * statement it runs inside a transaction), on the diagnostic table {@code diag.events}: parameters stream
     * id, expected version, event id, type, schema version, payload, metadata, stream id, expected version.
     */
    private static final String SQL_DIAG_APPEND_EXACTLY = """
            insert into diag.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
            select ?, ?::bigint + 1, ?, ?, ?, ?::json, ?::json
            where exists (select 1 from diag.events where stream_id = ? and stream_version = ?)
            on conflict (stream_id, stream_version) do nothing
            returning global_position, stream_version, recorded_at
            """;

    /** The same for no stream: parameters stream id, event id, type, schema version, payload, metadata. */
    private static final String SQL_DIAG_APPEND_NO_STREAM = """
            insert into diag.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
            select ?, 1, ?, ?, ?, ?::json, ?::json
            on conflict (stream_id, stream_version) do nothing
            returning global_position, stream_version, recorded_at
            """;

    /**
     * The floor's read of the stream's last event, the columns and order of {@code PostgresEventStore.readStreamBackwards}
     * on the raw table: parameters stream id, highest version.
     */
    private static final String SQL_RAW_LAST_EVENT = """
            select global_position, stream_id, stream_version, event_id, type, schema_version, payload::text,
                   metadata::text, recorded_at
            from raw.events
            where stream_id = ? and stream_version <= ?
            order by stream_version desc
            limit 1
            """;

    private static final String SQL_COUNT_ROWS = """
            select (select count(*) from myelin.events), (select count(*) from raw.events),
                   (select count(*) from domainevententry), (select count(*) from diag.events)
            """;

    private final AtomicLong writers = new AtomicLong();
    private EmbeddedPostgresServer server;
    private HikariDataSource dataSource;
    private SpringTransactionRunner springRunner;
    private PostgresEventStore springStore;
    private JdbcTransactionRunner jdbcRunner;
    private PostgresEventStore jdbcStore;
    private TransactionManager axonTransactions;
    private JdbcEventStorageEngine axon;
    private String payloadJson;
    private String metadataJson;
    private List<PizzaBaked> events;

    /**
     * Starts the durable server, migrates Myelin's schema, creates the raw table and Axon's tables.
     *
     * @param params the run's parameters: the pool holds two connections per thread, plus one
     */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        setUp(params.getThreads());
    }

    void setUp(int threads) {
        server = EmbeddedPostgresServer.builder().durable(true).start();
        server.createDatabase("bench");
        dataSource = EventStoreBenchmark.pool(server, "bench", 2 * threads + 1);
        MyelinSchema.DEFAULT.migrate(dataSource);
        JacksonEventSerializer serializer = JacksonEventSerializer.of(EventTypeRegistry.builder()
                .register(PizzaBaked.class).build());
        JdbcTransactionManager transactionManager = new JdbcTransactionManager(dataSource);
        springRunner = new SpringTransactionRunner(transactionManager);
        springStore = PostgresEventStore.builder(dataSource, springRunner, new SpringCurrentConnection(dataSource),
                serializer).build();
        jdbcRunner = new JdbcTransactionRunner(dataSource);
        jdbcStore = PostgresEventStore.builder(dataSource, jdbcRunner, jdbcRunner, serializer).build();
        events = List.of(PizzaBaked.sample());
        payloadJson = serializer.serialize(PizzaBaked.sample()).payload();
        metadataJson = serializer.serializeMetadata(EventMetadata.empty());
        EventStoreBenchmark.execute(dataSource, "create schema raw",
                "create table raw.events (like myelin.events including all)", "create schema diag",
                "create table diag.events (like myelin.events including all)");
        JacksonSerializer axonSerializer = JacksonSerializer.defaultSerializer();
        axonTransactions = SpringAxonTransactions.transactionManager(transactionManager);
        axon = JdbcEventStorageEngine.builder()
                .connectionProvider(SpringAxonTransactions.connectionProvider(dataSource))
                .transactionManager(axonTransactions)
                .eventSerializer(axonSerializer)
                .snapshotSerializer(axonSerializer)
                .build();
        axonTransactions.executeInTransaction(() -> axon.createSchema(PostgresEventTableFactory.INSTANCE));
    }

    /** Stops the stores' notifiers, the pool and the server (its temporary directory is deleted). */
    @TearDown(Level.Trial)
    public void tearDown() {
        springStore.close();
        jdbcStore.close();
        dataSource.close();
        server.close();
    }

    /** One thread's streams, and its connection in manual-commit mode with the raw insert prepared. */
    @State(Scope.Thread)
    public static class Writer {
        long id;
        long stream;
        long version;
        long sequence;
        String streamId;
        Connection connection;
        PreparedStatement rawInsert;
        PreparedStatement appendExactly;
        PreparedStatement appendNoStream;
        PreparedStatement rawLastEvent;

        /**
         * Takes a writer id and, for the raw insert, a connection and its statement.
         *
         * @param benchmark the shared state
         * @throws SQLException when the statement cannot be prepared
         */
        @Setup(Level.Trial)
        public void setUp(TransactionalAppendBenchmark benchmark) throws SQLException {
            id = benchmark.writers.incrementAndGet();
            streamId = streamId();
            connection = benchmark.dataSource.getConnection();
            connection.setAutoCommit(false);
            rawInsert = connection.prepareStatement(SQL_RAW_INSERT);
            appendExactly = connection.prepareStatement(SQL_DIAG_APPEND_EXACTLY);
            appendNoStream = connection.prepareStatement(SQL_DIAG_APPEND_NO_STREAM);
            rawLastEvent = connection.prepareStatement(SQL_RAW_LAST_EVENT);
        }

        /**
         * Releases the raw insert's connection.
         *
         * @throws SQLException when closing fails
         */
        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            rawInsert.close();
            appendExactly.close();
            appendNoStream.close();
            rawLastEvent.close();
            connection.setAutoCommit(true);
            connection.close();
        }

        ExpectedVersion expected() {
            return version == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(version);
        }

        /** Moves to the next version, and to a new stream after {@link EventStoreBenchmark#EVENTS_PER_STREAM} events. */
        void advance() {
            version++;
            sequence++;
            if (version == EventStoreBenchmark.EVENTS_PER_STREAM) {
                version = 0;
                stream++;
                streamId = streamId();
            }
        }

        private String streamId() {
            return "Kitchen-" + id + "-" + stream;
        }

        /** A UUID that grows with time, as Myelin's own event ids (version 7 layout). */
        UUID nextEventId() {
            long msb = (System.currentTimeMillis() << 16) | 0x7000L | (sequence & 0x0fffL);
            long lsb = 0x8000_0000_0000_0000L | (id << 40) | (sequence & 0xff_ffff_ffffL);
            return new UUID(msb, lsb);
        }
    }

    /**
     * Myelin as the pizzeria runs it: the append in a transaction of Spring's runner.
     *
     * @param writer the thread's streams
     * @return the stream's new version
     */
    @Benchmark
    public long myelinAppendInSpringTransaction(Writer writer) {
        long version = springRunner.inTransaction(() -> springStore.append(writer.streamId, writer.expected(), events,
                EventMetadata.empty()).streamVersion(), result -> true);
        writer.advance();
        return version;
    }

    /**
     * Myelin without Spring: the append in a transaction of {@link JdbcTransactionRunner}.
     *
     * @param writer the thread's streams
     * @return the stream's new version
     */
    @Benchmark
    public long myelinAppendInJdbcTransaction(Writer writer) {
        long version = jdbcRunner.inTransaction(() -> jdbcStore.append(writer.streamId, writer.expected(), events,
                EventMetadata.empty()).streamVersion(), result -> true);
        writer.advance();
        return version;
    }

    /**
     * Myelin as a command that loads and saves runs it, in Spring's runner: the stream's last event read
     * ({@code readStreamBackwards(stream, MAX, 1)}), then the append expecting its version, in one transaction.
     *
     * @param writer the thread's streams
     * @return the stream's new version
     */
    @Benchmark
    public long myelinLoadAndAppendInSpringTransaction(Writer writer) {
        long version = springRunner.inTransaction(() -> loadAndAppend(springStore, writer), result -> true);
        writer.advance();
        return version;
    }

    /**
     * The same in a transaction of {@link JdbcTransactionRunner}.
     *
     * @param writer the thread's streams
     * @return the stream's new version
     */
    @Benchmark
    public long myelinLoadAndAppendInJdbcTransaction(Writer writer) {
        long version = jdbcRunner.inTransaction(() -> loadAndAppend(jdbcStore, writer), result -> true);
        writer.advance();
        return version;
    }

    private long loadAndAppend(PostgresEventStore store, Writer writer) {
        List<StoredEvent> last = store.readStreamBackwards(writer.streamId, Long.MAX_VALUE, 1);
        ExpectedVersion expected = last.isEmpty() ? ExpectedVersion.noStream()
                : ExpectedVersion.exactly(last.get(0).streamVersion());
        return store.append(writer.streamId, expected, events, EventMetadata.empty()).streamVersion();
    }

    /**
     * The floor of the load and append: {@code BEGIN; SELECT; INSERT; COMMIT} with plain JDBC, the select
     * reading the stream's last event (every column, as the store does) and the insert writing the next version.
     *
     * @param writer the thread's streams and statements
     * @return rows inserted
     * @throws SQLException when a statement or the commit fails
     */
    @Benchmark
    public int rawSelectAndInsertInTransaction(Writer writer) throws SQLException {
        PreparedStatement select = writer.rawLastEvent;
        select.setString(1, writer.streamId);
        select.setLong(2, Long.MAX_VALUE);
        long last = 0;
        try (ResultSet row = select.executeQuery()) {
            if (row.next()) {
                last = row.getLong(3);
                row.getLong(1);
                row.getString(2);
                row.getObject(4, UUID.class);
                row.getString(5);
                row.getInt(6);
                row.getString(7);
                row.getString(8);
                row.getObject(9, OffsetDateTime.class);
            }
        }
        if (last != writer.version) {
            throw new IllegalStateException("Stream " + writer.streamId + " is at " + last + ", expected " + writer.version);
        }
        int rows = insertRaw(writer.rawInsert, writer);
        writer.connection.commit();
        writer.advance();
        return rows;
    }

    /**
     * The peer of the load and append: in one transaction of Axon's transaction manager on Spring's, the
     * aggregate's last sequence number ({@code lastSequenceNumberFor}, a {@code max} that reads no event: less
     * than the others read), then {@code appendEvents} of the next one.
     *
     * @param writer the thread's streams
     * @return the sequence number appended
     */
    @Benchmark
    public long axonLoadAndAppendInTransaction(Writer writer) {
        long[] appended = new long[1];
        axonTransactions.executeInTransaction(() -> {
            long sequence = axon.lastSequenceNumberFor(writer.streamId).map(last -> last + 1).orElse(0L);
            axon.appendEvents(new GenericDomainEventMessage<>("Kitchen", writer.streamId, sequence, PizzaBaked.sample()));
            appended[0] = sequence;
        });
        writer.advance();
        return appended[0];
    }

    /**
     * The floor: {@code BEGIN; INSERT; COMMIT} of the same row with plain JDBC.
     *
     * @param writer the thread's streams and statement
     * @return rows inserted
     * @throws SQLException when the insert or the commit fails
     */
    @Benchmark
    public int rawInsertInTransaction(Writer writer) throws SQLException {
        int rows = insertRaw(writer.rawInsert, writer);
        writer.connection.commit();
        writer.advance();
        return rows;
    }

    /**
     * Diagnostic: the raw insert inside Spring's transaction, on its bound connection.
     *
     * @param writer the thread's streams
     * @return rows inserted
     */
    @Benchmark
    public int rawInsertInSpringTransaction(Writer writer) {
        int rows = springRunner.inTransaction(() -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try (PreparedStatement insert = connection.prepareStatement(SQL_RAW_INSERT)) {
                return insertRaw(insert, writer);
            } catch (SQLException failure) {
                throw new IllegalStateException("Raw insert failed", failure);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }, result -> true);
        writer.advance();
        return rows;
    }

    /**
     * Diagnostic: Myelin's checked append statement (copied) in {@code BEGIN; ...; COMMIT} on the writer's
     * connection, a reused statement, JSON serialized once: the gap from it to {@link #rawInsertInTransaction}
     * is what the expected-version check costs in PostgreSQL.
     *
     * @param writer the thread's streams and statements
     * @return the stream's new version
     * @throws SQLException when the append or the commit fails
     */
    @Benchmark
    public long checkedStatementInTransaction(Writer writer) throws SQLException {
        boolean exactly = writer.version > 0;
        PreparedStatement statement = exactly ? writer.appendExactly : writer.appendNoStream;
        int index = 1;
        statement.setString(index++, writer.streamId);
        if (exactly) {
            statement.setLong(index++, writer.version);
        }
        statement.setObject(index++, writer.nextEventId());
        statement.setString(index++, "PizzaBaked");
        statement.setInt(index++, 1);
        statement.setString(index++, payloadJson);
        statement.setString(index++, metadataJson);
        if (exactly) {
            statement.setString(index++, writer.streamId);
            statement.setLong(index, writer.version);
        }
        long version;
        try (ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                throw new IllegalStateException("Expected version failed on " + writer.streamId);
            }
            version = result.getLong(2);
        }
        writer.connection.commit();
        writer.advance();
        return version;
    }

    private int insertRaw(PreparedStatement insert, Writer writer) throws SQLException {
        insert.setString(1, writer.streamId);
        insert.setLong(2, writer.version + 1);
        insert.setObject(3, writer.nextEventId());
        insert.setString(4, "PizzaBaked");
        insert.setInt(5, 1);
        insert.setString(6, payloadJson);
        insert.setString(7, metadataJson);
        return insert.executeUpdate();
    }

    /**
     * The peer: Axon's JDBC storage engine appends one domain event in a transaction of its transaction
     * manager on Spring's.
     *
     * @param writer the thread's streams
     * @return the sequence number appended
     */
    @Benchmark
    public long axonAppendInTransaction(Writer writer) {
        long sequence = writer.version;
        axonTransactions.executeInTransaction(() -> axon.appendEvents(
                new GenericDomainEventMessage<>("Kitchen", writer.streamId, sequence, PizzaBaked.sample())));
        writer.advance();
        return sequence;
    }

    /**
     * Counts the rows each benchmark wrote, for the smoke test.
     *
     * @return rows of Myelin's events, the raw table, Axon's domain events and the diagnostic table
     */
    long[] rowCounts() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SQL_COUNT_ROWS)) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)};
        } catch (SQLException failure) {
            throw new IllegalStateException("Cannot count the benchmarks' rows", failure);
        }
    }
}
