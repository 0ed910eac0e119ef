package dev.myelin.postgres.idempotency;

import dev.myelin.behaviors.idempotency.IdempotencyKey;
import dev.myelin.behaviors.idempotency.IdempotencyStore;
import dev.myelin.core.OperationResult;
import dev.myelin.core.meta.Experimental;
import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link IdempotencyStore} on PostgreSQL: table {@code idempotency_keys} of the framework schema
 * ({@link MyelinSchema}, migrated beforehand), shared by every instance of the application.
 *
 * <pre>{@code
 * IdempotencyStore store = PostgresIdempotencyStore.builder(dataSource).currentConnection(transactions).build();
 * IdempotencyBehavior idempotency = IdempotencyBehavior.builder().store(store).build();
 * }</pre>
 *
 * <p><b>Reservation.</b> {@link #tryBegin} is one statement on a connection of its own in
 * auto-commit mode, {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expires_at <= now RETURNING}:
 * of concurrent calls for a free key, exactly one inserts (or takes over the expired row) and gets
 * {@code Started} with a fresh owner token; the others find it taken and read it to answer
 * {@code InFlight} or the stored result. The reservation commits at once so that every instance
 * sees it. It expires after the in-flight lease ({@link Builder#inFlightLease}, 5 minutes unless set),
 * so a process that dies before its command commits blocks the key only that long.
 *
 * <p><b>Completion in the command's transaction.</b> {@link #complete} runs on the connection of the
 * transaction active on the calling thread ({@link CurrentConnection}), so the result commits with
 * the command's effects or rolls back with them: no crash can leave committed effects without their
 * record. It updates the row only while the caller's owner token is still on it: once the lease
 * expired and another request took the key over, it returns {@code false} and the command rolls back;
 * so even a command slower than the lease never commits twice. While the completing transaction is
 * open, a duplicate's {@code tryBegin} waits on the row lock and then sees the committed result.
 * Without an active transaction (or without a {@code CurrentConnection}) it writes in auto-commit mode.
 * {@link #abandon} deletes the caller's own reservation in auto-commit mode; it never deletes a
 * completed row.
 *
 * <p><b>Results.</b> {@link #complete} stores the result as {@code jsonb} with its Jackson type
 * (the class name; for an {@link OperationResult}, {@code OperationResult<data class>}), and a
 * repeat gets it back through the same mapper. Limits: a result must be serializable and
 * deserializable by Jackson into an equal value (records and plain value classes are; classes
 * without a creator are not: {@link #complete} reads each result back once and throws
 * {@link IdempotencyStoreException} when it cannot, and the command rolls back); equality is not
 * checked, so a class without {@code equals} comes back as an equal-looking copy; generic
 * type arguments other than an {@code OperationResult}'s data are not kept (a {@code List<OrderDto>}
 * comes back as a list of maps); the result class must be loadable when the repeat arrives (a
 * renamed class fails the repeat until the record expires).
 *
 * <p><b>Retention.</b> Expired rows are taken over by the next {@code tryBegin} of their key;
 * {@link #purgeExpired} deletes the others (the Spring Boot starter calls it periodically).
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@Experimental
public final class PostgresIdempotencyStore implements IdempotencyStore {

    /** Default time an in-flight record holds its key before another caller may take it. */
    public static final Duration DEFAULT_IN_FLIGHT_LEASE = Duration.ofMinutes(5);

    /** Parameters: request type, tenant, principal, key, owner, fingerprint, lease end, now. A returned row means Started. */
    private static final String SQL_TRY_BEGIN = """
            insert into {schema}.idempotency_keys (request_type, tenant, principal, key, state, owner, fingerprint, expires_at)
            values (?, ?, ?, ?, 'in_flight', ?, ?, ?)
            on conflict (request_type, tenant, principal, key) do update
                set state = 'in_flight', owner = excluded.owner, fingerprint = excluded.fingerprint,
                    result_type = null, result = null, expires_at = excluded.expires_at
                where idempotency_keys.expires_at <= ?
            returning state
            """;

    /** Parameters: request type, tenant, principal, key. */
    private static final String SQL_READ = """
            select state, fingerprint, result_type, result::text
            from {schema}.idempotency_keys
            where request_type = ? and tenant = ? and principal = ? and key = ?
            """;

    /** Parameters: result type, result, expires at, request type, tenant, principal, key, owner. */
    private static final String SQL_COMPLETE = """
            update {schema}.idempotency_keys
            set state = 'completed', owner = null, result_type = ?, result = ?::jsonb, expires_at = ?
            where request_type = ? and tenant = ? and principal = ? and key = ? and state = 'in_flight' and owner = ?
            """;

    /** Parameters: request type, tenant, principal, key, owner. */
    private static final String SQL_ABANDON = """
            delete from {schema}.idempotency_keys
            where request_type = ? and tenant = ? and principal = ? and key = ? and state = 'in_flight' and owner = ?
            """;

    /** Parameters: now, limit. */
    private static final String SQL_PURGE = """
            delete from {schema}.idempotency_keys
            where ctid in (select ctid from {schema}.idempotency_keys where expires_at <= ? limit ?)
            """;

    private final DataSource dataSource;
    private final CurrentConnection currentConnection;
    private final String schemaName;
    private final JsonMapper mapper;
    private final Duration inFlightLease;

    private PostgresIdempotencyStore(Builder builder) {
        this.dataSource = builder.dataSource;
        this.currentConnection = builder.currentConnection;
        this.schemaName = builder.schema.name();
        this.mapper = builder.mapper;
        this.inFlightLease = builder.inFlightLease;
    }

    /**
     * Starts a builder.
     *
     * @param dataSource the database, with the framework schema migrated
     * @return a builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    private String sql(String text) {
        return text.replace("{schema}", schemaName);
    }

    @Override
    public Claim tryBegin(IdempotencyKey key, String fingerprint, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            while (true) {
                String owner = UUID.randomUUID().toString();
                try (PreparedStatement statement = connection.prepareStatement(sql(SQL_TRY_BEGIN))) {
                    int next = bindKey(statement, key, 1);
                    statement.setString(next, owner);
                    statement.setString(next + 1, fingerprint);
                    statement.setObject(next + 2, now.plus(inFlightLease).atOffset(ZoneOffset.UTC));
                    statement.setObject(next + 3, now.atOffset(ZoneOffset.UTC));
                    try (ResultSet rows = statement.executeQuery()) {
                        if (rows.next()) {
                            return new Claim.Started(owner);
                        }
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement(sql(SQL_READ))) {
                    bindKey(statement, key, 1);
                    try (ResultSet rows = statement.executeQuery()) {
                        if (rows.next()) {
                            return "in_flight".equals(rows.getString(1))
                                    ? new Claim.InFlight(rows.getString(2))
                                    : new Claim.Completed(rows.getString(2), result(rows.getString(3), rows.getString(4)));
                        }
                    }
                }
                // Abandoned between the two statements: the key is free again, claim it anew.
            }
        } catch (SQLException failure) {
            throw failed("claim " + key, failure);
        }
    }

    @Override
    public boolean complete(IdempotencyKey key, String owner, Object result, Instant expiresAt) {
        String type = null;
        String json = null;
        if (result != null) {
            JavaType javaType = typeOf(result);
            type = javaType.toCanonical();
            try {
                json = mapper.writeValueAsString(result);
                // Read it back now: a result that cannot come back would fail every repeat instead.
                mapper.readValue(json, javaType);
            } catch (JacksonException failure) {
                throw new IdempotencyStoreException("Cannot store the result of " + key + " as JSON: "
                        + result.getClass().getName() + " does not round-trip through Jackson", failure);
            }
        }
        String storedType = type;
        String storedJson = json;
        return update("complete " + key, SQL_COMPLETE, key, owner, true, statement -> {
            statement.setString(1, storedType);
            statement.setString(2, storedJson);
            statement.setObject(3, expiresAt.atOffset(ZoneOffset.UTC));
            return 4;
        }) == 1;
    }

    @Override
    public void abandon(IdempotencyKey key, String owner) {
        update("abandon " + key, SQL_ABANDON, key, owner, false, statement -> 1);
    }

    /**
     * Deletes up to {@code limit} records that expired at {@code now}, in auto-commit mode.
     *
     * @param now the current time
     * @param limit the most rows to delete in this call, positive
     * @return how many were deleted; call again while it equals {@code limit}
     */
    public int purgeExpired(Instant now, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(sql(SQL_PURGE))) {
                statement.setObject(1, now.atOffset(ZoneOffset.UTC));
                statement.setInt(2, limit);
                return statement.executeUpdate();
            }
        } catch (SQLException failure) {
            throw failed("purge expired idempotency records", failure);
        }
    }

    /** Binds the leading parameters of a statement and returns the index of the key's first one. */
    private interface Binder {
        int bind(PreparedStatement statement) throws SQLException;
    }

    /** Runs one update: on the current transaction's connection when {@code joinTransaction} and one is active. */
    private int update(String what, String sql, IdempotencyKey key, String owner, boolean joinTransaction,
            Binder binder) {
        Connection joined = joinTransaction && currentConnection != null ? currentConnection.get() : null;
        try {
            if (joined != null) {
                return execute(joined, sql, key, owner, binder);
            }
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                return execute(connection, sql, key, owner, binder);
            }
        } catch (SQLException failure) {
            throw failed(what, failure);
        }
    }

    private int execute(Connection connection, String sql, IdempotencyKey key, String owner, Binder binder)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql(sql))) {
            int next = bindKey(statement, key, binder.bind(statement));
            statement.setString(next, owner);
            return statement.executeUpdate();
        }
    }

    /** Binds the key's four columns from {@code first}; returns the index after them. */
    private static int bindKey(PreparedStatement statement, IdempotencyKey key, int first) throws SQLException {
        statement.setString(first, key.requestType());
        statement.setString(first + 1, key.tenant());
        statement.setString(first + 2, key.principal());
        statement.setString(first + 3, key.value());
        return first + 4;
    }

    private JavaType typeOf(Object result) {
        if (result instanceof OperationResult<?> operation && operation.data() != null) {
            return mapper.getTypeFactory().constructParametricType(OperationResult.class, operation.data().getClass());
        }
        return mapper.getTypeFactory().constructType(result.getClass());
    }

    /** Maps a stored result and its type back to the value. */
    private Object result(String type, String json) {
        if (type == null || json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, mapper.getTypeFactory().constructFromCanonical(type));
        } catch (JacksonException | IllegalArgumentException failure) {
            throw new IdempotencyStoreException("Cannot read a stored idempotent result of type " + type, failure);
        }
    }

    private static IdempotencyStoreException failed(String what, SQLException failure) {
        return new IdempotencyStoreException("Cannot " + what + " (SQLSTATE " + failure.getSQLState() + ")", failure);
    }

    /**
     * Builds a {@link PostgresIdempotencyStore}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final DataSource dataSource;
        private CurrentConnection currentConnection;
        private MyelinSchema schema = MyelinSchema.DEFAULT;
        private JsonMapper mapper = JacksonEventSerializer.mapperBuilder().build();
        private Duration inFlightLease = DEFAULT_IN_FLIGHT_LEASE;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Sets where the connection of the transaction active on the calling thread comes from, so
         * that {@link PostgresIdempotencyStore#complete} writes in the command's transaction.
         * Without it, completions are written in auto-commit mode, after which a crash between the
         * command's commit and the completion lets a repeat run again.
         *
         * @param value the port, such as a {@code JdbcTransactionRunner} or the Spring Boot starter's
         * @return this builder
         */
        public Builder currentConnection(CurrentConnection value) {
            this.currentConnection = Objects.requireNonNull(value, "currentConnection");
            return this;
        }

        /**
         * Sets the framework schema the table is in.
         *
         * @param value the schema, {@link MyelinSchema#DEFAULT} unless set
         * @return this builder
         */
        public Builder schema(MyelinSchema value) {
            this.schema = Objects.requireNonNull(value, "schema");
            return this;
        }

        /**
         * Sets the mapper that writes and reads results.
         *
         * @param value the mapper; {@link JacksonEventSerializer#mapperBuilder()}'s unless set
         * @return this builder
         */
        public Builder mapper(JsonMapper value) {
            this.mapper = Objects.requireNonNull(value, "mapper");
            return this;
        }

        /**
         * Sets how long an in-flight record holds its key before another caller may take it.
         *
         * @param value a positive {@code Duration}; 5 minutes unless set
         * @return this builder
         */
        public Builder inFlightLease(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("The in-flight lease is positive, was " + value);
            }
            this.inFlightLease = value;
            return this;
        }

        /**
         * Builds the store. The schema must have been migrated ({@link MyelinSchema#migrate}).
         *
         * @return the store
         */
        public PostgresIdempotencyStore build() {
            return new PostgresIdempotencyStore(this);
        }
    }
}
