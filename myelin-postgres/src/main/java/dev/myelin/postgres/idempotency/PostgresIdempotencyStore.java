package dev.myelin.postgres.idempotency;

import dev.myelin.behaviors.idempotency.IdempotencyKey;
import dev.myelin.behaviors.idempotency.IdempotencyStore;
import dev.myelin.core.OperationResult;
import dev.myelin.core.meta.Experimental;
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
import javax.sql.DataSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link IdempotencyStore} on PostgreSQL: table {@code idempotency_keys} of the framework schema
 * ({@link MyelinSchema}, migrated beforehand), shared by every instance of the application.
 *
 * <pre>{@code
 * IdempotencyStore store = PostgresIdempotencyStore.builder(dataSource).build();
 * IdempotencyBehavior idempotency = new IdempotencyBehavior(store, ...);
 * }</pre>
 *
 * <p><b>Atomicity.</b> {@link #tryBegin} is one statement, {@code INSERT ... ON CONFLICT DO UPDATE
 * ... WHERE expires_at <= now RETURNING}: of concurrent calls for a free key, exactly one inserts
 * (or takes over the expired row) and gets {@code STARTED}; the others wait on the row, find it
 * taken, and read it to answer {@code IN_FLIGHT} or the stored result. An in-flight row expires
 * after the in-flight lease ({@link Builder#inFlightLease}, 5 minutes unless set), so a process that
 * dies between {@code tryBegin} and {@code complete} blocks its key only that long; the lease must
 * outlast the slowest command, or a repeat may run while the first still runs.
 *
 * <p><b>Results.</b> {@link #complete} stores the result as {@code jsonb} with its Jackson type
 * (the class name; for an {@link OperationResult}, {@code OperationResult<data class>}), and a
 * repeat gets it back through the same mapper. Limits: a result must be serializable and
 * deserializable by Jackson into an equal value (records and plain value classes are; classes
 * without a creator are not: {@link #complete} reads each result back once and throws
 * {@link IdempotencyStoreException} when it cannot, leaving the key in flight); equality is not
 * checked, so a class without {@code equals} comes back as an equal-looking copy; generic
 * type arguments other than an {@code OperationResult}'s data are not kept (a {@code List<OrderDto>}
 * comes back as a list of maps); the result class must be loadable when the repeat arrives (a
 * renamed class fails the repeat until the record expires).
 *
 * <p><b>Transactions.</b> Every call runs on a connection of its own in auto-commit mode, never in
 * the caller's transaction: a claim must be visible to other instances at once, and the
 * idempotency behavior records the result after the command's transaction has committed.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@Experimental
public final class PostgresIdempotencyStore implements IdempotencyStore {

    /** Default time an in-flight record holds its key before another caller may take it. */
    public static final Duration DEFAULT_IN_FLIGHT_LEASE = Duration.ofMinutes(5);

    /** Parameters: request type, principal, key, lease end, now. A returned row means STARTED. */
    private static final String SQL_TRY_BEGIN = """
            insert into {schema}.idempotency_keys (request_type, principal, key, state, expires_at)
            values (?, ?, ?, 'in_flight', ?)
            on conflict (request_type, principal, key) do update
                set state = 'in_flight', result_type = null, result = null, expires_at = excluded.expires_at
                where idempotency_keys.expires_at <= ?
            returning state
            """;

    /** Parameters: request type, principal, key. */
    private static final String SQL_READ = """
            select state, result_type, result::text
            from {schema}.idempotency_keys
            where request_type = ? and principal = ? and key = ?
            """;

    /** Parameters: result type, result, expires at, request type, principal, key. */
    private static final String SQL_COMPLETE = """
            update {schema}.idempotency_keys
            set state = 'completed', result_type = ?, result = ?::jsonb, expires_at = ?
            where request_type = ? and principal = ? and key = ?
            """;

    /** Parameters: request type, principal, key. */
    private static final String SQL_ABANDON = """
            delete from {schema}.idempotency_keys
            where request_type = ? and principal = ? and key = ? and state = 'in_flight'
            """;

    private final DataSource dataSource;
    private final String schemaName;
    private final JsonMapper mapper;
    private final Duration inFlightLease;

    private PostgresIdempotencyStore(Builder builder) {
        this.dataSource = builder.dataSource;
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
    public Claim tryBegin(IdempotencyKey key, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            while (true) {
                try (PreparedStatement statement = connection.prepareStatement(sql(SQL_TRY_BEGIN))) {
                    bindKey(statement, key, 1);
                    statement.setObject(4, now.plus(inFlightLease).atOffset(ZoneOffset.UTC));
                    statement.setObject(5, now.atOffset(ZoneOffset.UTC));
                    try (ResultSet rows = statement.executeQuery()) {
                        if (rows.next()) {
                            return Claim.STARTED;
                        }
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement(sql(SQL_READ))) {
                    bindKey(statement, key, 1);
                    try (ResultSet rows = statement.executeQuery()) {
                        if (rows.next()) {
                            return "in_flight".equals(rows.getString(1))
                                    ? Claim.IN_FLIGHT
                                    : new Claim.Completed(result(rows.getString(2), rows.getString(3)));
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
    public void complete(IdempotencyKey key, Object result, Instant expiresAt) {
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
        update("complete " + key, SQL_COMPLETE, key, statement -> {
            statement.setString(1, storedType);
            statement.setString(2, storedJson);
            statement.setObject(3, expiresAt.atOffset(ZoneOffset.UTC));
            return 4;
        });
    }

    @Override
    public void abandon(IdempotencyKey key) {
        update("abandon " + key, SQL_ABANDON, key, statement -> 1);
    }

    /** Binds the leading parameters of a statement and returns the index of the key's first one. */
    private interface Binder {
        int bind(PreparedStatement statement) throws SQLException;
    }

    private void update(String what, String sql, IdempotencyKey key, Binder binder) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(sql(sql))) {
                bindKey(statement, key, binder.bind(statement));
                statement.executeUpdate();
            }
        } catch (SQLException failure) {
            throw failed(what, failure);
        }
    }

    private static void bindKey(PreparedStatement statement, IdempotencyKey key, int first) throws SQLException {
        statement.setString(first, key.requestType());
        statement.setString(first + 1, key.principal());
        statement.setString(first + 2, key.value());
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
        private MyelinSchema schema = MyelinSchema.DEFAULT;
        private JsonMapper mapper = JacksonEventSerializer.mapperBuilder().build();
        private Duration inFlightLease = DEFAULT_IN_FLIGHT_LEASE;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
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
