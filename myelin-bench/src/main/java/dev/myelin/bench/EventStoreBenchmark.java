package dev.myelin.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.postgres.EventTypeRegistry;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.PostgresEventStore;
import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
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

/**
 * Appends per second to an event store on a durable PostgreSQL 17, one event of about 500 bytes
 * ({@link PizzaBaked}) per transaction, each with an expected-version check, next to the raw JDBC
 * insert of the same rows (the floor) and Axon 4.13's {@link JdbcEventStorageEngine} (the peer).
 *
 * <p><b>Server.</b> Each fork starts ONE embedded PostgreSQL 17 ({@link EmbeddedPostgresServer},
 * {@code durable(true)}: {@code fsync=on}, {@code synchronous_commit=on}, {@code full_page_writes=on},
 * cluster in a temporary directory on the machine's disk, deleted at the end). PostgreSQL runs as a
 * child process of the benchmark's JVM, so both share the machine's cores. Connections come from
 * one HikariCP pool of {@code 2 × threads + 1}: each thread holds one connection for the whole
 * trial (the prepared statements of {@link #rawInsert} and {@link #statementOnlyAppend}), which
 * leaves one per thread for the stores plus one for Myelin's after-commit notifier.
 *
 * <p><b>Streams.</b> Each thread writes its own streams of {@link #EVENTS_PER_STREAM} events: the
 * first append of a stream expects no stream, each later one expects the exact version the thread
 * wrote last. So one append in ten creates a stream and nine extend one.
 *
 * <ul>
 *   <li>{@link #myelinAppend}: {@link PostgresEventStore#append} outside a transaction (auto-commit,
 *       one statement that inserts the event, the unique key on stream and version being the check), with
 *       {@link ExpectedVersion#noStream()} or {@link ExpectedVersion#exactly(long)}, the store as built by
 *       default: appends that arrive while others are being written are group-committed (one statement
 *       and one commit for up to 64 appends of different streams, each with its own check and result; at
 *       most 2 such commits in flight). Each call still returns only after its own event is committed.
 *       With one writer nothing is ever grouped. The store knows the version each {@code exactly} append
 *       expects (it wrote it), so these appends, and the {@code noStream} ones, are a plain insert whose
 *       unique key is the whole check.
 *   <li>{@link #rawInsert}: a plain {@code INSERT} of the same columns into a table of the same shape
 *       as Myelin's {@code events} ({@code create table ... (like myelin.events including all)}: same
 *       identity, defaults, unique constraints and index), auto-commit, one
 *       {@link PreparedStatement} per thread reused, payload and metadata JSON serialized once. No
 *       expected-version check: the floor.
 *   <li>{@link #axonAppend}: {@code JdbcEventStorageEngine.appendEvents} of one
 *       {@link GenericDomainEventMessage} with the next sequence number (Axon's concurrency check is
 *       the unique key on aggregate id and sequence number), schema from
 *       {@code createSchema(PostgresEventTableFactory.INSTANCE)}, Axon's {@link JacksonSerializer}
 *       (Jackson 2; cheaper than XStream), {@link NoTransactionManager} with auto-commit connections
 *       from the same kind of pool.
 *   <li>{@link #statementOnlyAppend} and {@link #myelinAppendUngrouped}: diagnostics, not
 *       contenders: Myelin's checked append statement (the one for a version the store does not know)
 *       run with plain JDBC, without the store around it, and the store with group commit turned off
 *       (see the methods).
 * </ul>
 *
 * <p>At the end of each trial a line {@code [event store] ... transaction ids assigned: x per
 * operation} is printed: how many writing transactions each operation cost (warm-up included),
 * from {@code pg_snapshot_xmax} before and after. Each writing transaction is one WAL flush
 * ({@code fsync}) unless group commit merges it with others.
 *
 * <p>Run with {@code -t 1} and {@code -t 16} (the pool follows the thread count). Short iterations:
 * fsync-bound runs are slow and stable.
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Daxoniq.update-checker.disabled=true"})
public class EventStoreBenchmark {

    /** Events per stream before a writer starts a new one. */
    static final int EVENTS_PER_STREAM = 10;

    private static final String SQL_RAW_SCHEMA = """
            create schema raw
            """;

    private static final String SQL_RAW_TABLE = """
            create table raw.events (like myelin.events including all)
            """;

    private static final String SQL_RAW_INSERT = """
            insert into raw.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
            values (?, ?, ?, ?, ?, ?::json, ?::json)
            """;

    /**
     * A copy of {@code PostgresEventStore}'s checked append statement (used when the store does not know
     * the expected version to be committed) for one event and an exact expected version, on the
     * diagnostic table {@code diag.events}: parameters stream id, expected version, event id, type, schema
     * version, payload, metadata, stream id, expected version.
     */
    private static final String SQL_DIAG_APPEND_EXACTLY = """
            insert into diag.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
            select ?, ?::bigint + 1, ?, ?, ?, ?::json, ?::json
            where exists (select 1 from diag.events where stream_id = ? and stream_version = ?)
            on conflict (stream_id, stream_version) do nothing
            returning stream_version
            """;

    /** The same for no stream: parameters stream id, event id, type, schema version, payload, metadata. */
    private static final String SQL_DIAG_APPEND_NO_STREAM = """
            insert into diag.events (stream_id, stream_version, event_id, type, schema_version, payload, metadata)
            select ?, 1, ?, ?, ?, ?::json, ?::json
            on conflict (stream_id, stream_version) do nothing
            returning stream_version
            """;

    private static final String SQL_DIAG_SCHEMA = """
            create schema diag
            """;

    private static final String SQL_DIAG_EVENTS = """
            create table diag.events (like myelin.events including all)
            """;

    /** The next transaction id to be assigned; reading it assigns none. */
    private static final String SQL_NEXT_XID = """
            select pg_snapshot_xmax(pg_current_snapshot())::text::bigint
            """;

    private static final String SQL_COUNT_ROWS = """
            select (select count(*) from myelin.events), (select count(*) from raw.events),
                   (select count(*) from domainevententry), (select count(*) from diag.events)
            """;

    private final AtomicLong writers = new AtomicLong();
    private final Queue<Writer> threads = new ConcurrentLinkedQueue<>();
    private long firstXid;
    private EmbeddedPostgresServer server;
    private HikariDataSource dataSource;
    private PostgresEventStore store;
    private PostgresEventStore ungroupedStore;
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
        dataSource = pool(server, "bench", 2 * threads + 1);
        MyelinSchema.DEFAULT.migrate(dataSource);
        JacksonEventSerializer serializer = JacksonEventSerializer.of(EventTypeRegistry.builder()
                .register(PizzaBaked.class).build());
        JdbcTransactionRunner runner1 = new JdbcTransactionRunner(dataSource);
        store = PostgresEventStore.builder(dataSource, runner1, runner1, serializer).build();
        JdbcTransactionRunner runner2 = new JdbcTransactionRunner(dataSource);
        ungroupedStore = PostgresEventStore.builder(dataSource, runner2, runner2, serializer)
                .groupCommit(1, 1).build();
        events = List.of(PizzaBaked.sample());
        payloadJson = serializer.serialize(PizzaBaked.sample()).payload();
        metadataJson = serializer.serializeMetadata(EventMetadata.empty());
        execute(dataSource, SQL_RAW_SCHEMA, SQL_RAW_TABLE, SQL_DIAG_SCHEMA, SQL_DIAG_EVENTS);
        JacksonSerializer axonSerializer = JacksonSerializer.defaultSerializer();
        axon = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(axonSerializer)
                .snapshotSerializer(axonSerializer)
                .build();
        axon.createSchema(PostgresEventTableFactory.INSTANCE);
        firstXid = nextXid();
    }

    /** Stops the store's notifier, the pool and the server (its temporary directory is deleted). */
    @TearDown(Level.Trial)
    public void tearDown() {
        long operations = threads.stream().mapToLong(writer -> writer.sequence).sum();
        long xids = nextXid() - firstXid;
        // A diagnostic line in the run's output: transactions that wrote, per operation, warm-up included.
        System.out.printf(Locale.ROOT, "%n[event store] %d operations, %d transaction ids assigned: %.3f per operation%n",
                operations, xids, operations == 0 ? Double.NaN : (double) xids / operations);
        store.close();
        ungroupedStore.close();
        dataSource.close();
        server.close();
    }

    private long nextXid() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SQL_NEXT_XID)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException failure) {
            throw new IllegalStateException("Cannot read the next transaction id", failure);
        }
    }

    static HikariDataSource pool(EmbeddedPostgresServer server, String database, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(database));
        config.setUsername(EmbeddedPostgresServer.USER);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    static void execute(DataSource dataSource, String... statements) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("Cannot run " + List.of(statements), failure);
        }
    }

    /**
     * One thread's streams: its id, the current stream and the version written last, and its
     * prepared statement for the raw insert.
     */
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

        /**
         * Takes a writer id and, for the raw insert, a connection and its statement.
         *
         * @param benchmark the shared state
         * @throws SQLException when the statement cannot be prepared
         */
        @Setup(Level.Trial)
        public void setUp(EventStoreBenchmark benchmark) throws SQLException {
            id = benchmark.writers.incrementAndGet();
            benchmark.threads.add(this);
            streamId = streamId();
            connection = benchmark.dataSource.getConnection();
            rawInsert = connection.prepareStatement(SQL_RAW_INSERT);
            appendExactly = connection.prepareStatement(SQL_DIAG_APPEND_EXACTLY);
            appendNoStream = connection.prepareStatement(SQL_DIAG_APPEND_NO_STREAM);
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
            connection.close();
        }

        /** Moves to the next version, and to a new stream after {@link #EVENTS_PER_STREAM} events. */
        void advance() {
            version++;
            sequence++;
            if (version == EVENTS_PER_STREAM) {
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
     * Myelin: one event appended to the writer's stream, expecting no stream or its exact version.
     *
     * @param writer the thread's streams
     * @return the stream's new version
     */
    @Benchmark
    public long myelinAppend(Writer writer) {
        ExpectedVersion expected = writer.version == 0 ? ExpectedVersion.noStream()
                : ExpectedVersion.exactly(writer.version);
        AppendResult result = store.append(writer.streamId, expected, events, EventMetadata.empty());
        writer.advance();
        return result.streamVersion();
    }

    /**
     * The floor: the same row inserted with plain JDBC into a table of the same shape.
     *
     * @param writer the thread's streams and statement
     * @return rows inserted
     * @throws SQLException when the insert fails
     */
    @Benchmark
    public int rawInsert(Writer writer) throws SQLException {
        PreparedStatement insert = writer.rawInsert;
        insert.setString(1, writer.streamId);
        insert.setLong(2, writer.version + 1);
        insert.setObject(3, writer.nextEventId());
        insert.setString(4, "PizzaBaked");
        insert.setInt(5, 1);
        insert.setString(6, payloadJson);
        insert.setString(7, metadataJson);
        int rows = insert.executeUpdate();
        writer.advance();
        return rows;
    }

    /**
     * Diagnostic, not a contender: {@link #myelinAppend} on a store with group commit turned off
     * ({@code groupCommit(1, 1)}): every append its own statement and its own commit, as before group
     * commit. With one writer both are the same path; with 16 the gap is what grouping brings.
     *
     * @param writer the thread's streams
     * @return the stream's new version
     */
    @Benchmark
    public long myelinAppendUngrouped(Writer writer) {
        ExpectedVersion expected = writer.version == 0 ? ExpectedVersion.noStream()
                : ExpectedVersion.exactly(writer.version);
        AppendResult result = ungroupedStore.append(writer.streamId, expected, events, EventMetadata.empty());
        writer.advance();
        return result.streamVersion();
    }

    /**
     * Diagnostic, not a contender: Myelin's checked append statement (a copy of {@code PostgresEventStore}'s
     * for a version it does not know, one event, on a table {@code diag.events} of the same shape) run
     * with plain JDBC: same auto-commit, one prepared statement per thread, no serialization per call and
     * no after-commit notification. The gap between this and {@link #rawInsert} is what the
     * expected-version check costs in SQL when the store cannot leave it to the unique key. {@link #myelinAppend}
     * runs the store as configured by default: the checked statement too since known versions are off by
     * default (issue 10); the runs of 2026-11-26 measured it with them on, running the plain insert.
     *
     * @param writer the thread's streams and statements
     * @return the stream's new version
     * @throws SQLException when the append fails
     */
    @Benchmark
    public long statementOnlyAppend(Writer writer) throws SQLException {
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
            version = result.getLong(1);
        }
        writer.advance();
        return version;
    }

    /**
     * The peer: Axon's JDBC storage engine appends one domain event with the next sequence number.
     *
     * @param writer the thread's streams
     * @return the sequence number appended
     */
    @Benchmark
    public long axonAppend(Writer writer) {
        long sequence = writer.version;
        axon.appendEvents(new GenericDomainEventMessage<>("Kitchen", writer.streamId, sequence, PizzaBaked.sample()));
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
