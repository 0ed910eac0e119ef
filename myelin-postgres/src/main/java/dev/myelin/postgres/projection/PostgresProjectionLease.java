package dev.myelin.postgres.projection;

import dev.myelin.data.projection.ProjectionLease;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.PostgresAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link ProjectionLease} on PostgreSQL, shared by every instance on one database: one row per
 * projection in {@code projection_leases} of the framework schema (migration
 * {@code V4__projections.sql}) holding the owner, the fencing token and the expiry.
 *
 * <pre>{@code
 * ProjectionLease leases = new PostgresProjectionLease(dataSource, MyelinSchema.DEFAULT, Clock.systemUTC());
 * }</pre>
 *
 * <p><b>Guarantees.</b> Each operation is ONE statement, so PostgreSQL's row lock decides races:
 * {@link #tryAcquire} grants the lease only when the row is absent, expired or already this owner's;
 * a grant to a new owner (or after expiry or release) increments the projection's token, so tokens
 * of a projection only grow. {@link #renew} succeeds only while the row still carries the lease's
 * token; {@link #release} expires the lease but keeps the row and its token. An owner that paused
 * past its expiry and was taken over is fenced off by the {@link PostgresCheckpointStore}, which
 * refuses its lower token.
 *
 * <p><b>Time.</b> Expiry is in epoch milliseconds of the given clock, compared in SQL with the clock's
 * reading passed as a parameter: instances must have roughly synchronised clocks (skew shortens or
 * lengthens leases, never breaks fencing).
 *
 * <p><b>Transactions.</b> Every call runs on its own connection in auto-commit mode, never in the
 * caller's transaction: a grant is visible to other instances at once. Thread-safe.
 *
 * @since 0.1
 */
public final class PostgresProjectionLease implements ProjectionLease {

    /** Parameters: projection, owner, expires at, now, now. */
    private static final String SQL_ACQUIRE = """
            insert into {schema}.projection_leases as l (projection, owner, fencing_token, expires_at) values (?, ?, 1, ?)
            on conflict (projection) do update
                set fencing_token = case when l.owner = excluded.owner and l.expires_at > ? then l.fencing_token
                                         else l.fencing_token + 1 end,
                    owner = excluded.owner,
                    expires_at = excluded.expires_at
                where l.owner = excluded.owner or l.expires_at <= ?
            returning fencing_token, expires_at
            """;

    /** Parameters: expires at, projection, fencing token. */
    private static final String SQL_RENEW = """
            update {schema}.projection_leases set expires_at = ?
            where projection = ? and fencing_token = ?
            returning fencing_token, expires_at
            """;

    /** Parameters: projection, fencing token. */
    private static final String SQL_RELEASE = """
            update {schema}.projection_leases set expires_at = 0 where projection = ? and fencing_token = ?
            """;

    private final DataSource dataSource;
    private final Clock clock;
    private final String acquire;
    private final String renew;
    private final String release;

    /**
     * Creates a lease table client.
     *
     * @param dataSource where connections come from
     * @param schema the framework schema, migrated beforehand
     * @param clock the clock that expires leases
     */
    public PostgresProjectionLease(DataSource dataSource, MyelinSchema schema, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        String name = schema.name();
        this.acquire = SQL_ACQUIRE.replace("{schema}", name);
        this.renew = SQL_RENEW.replace("{schema}", name);
        this.release = SQL_RELEASE.replace("{schema}", name);
    }

    @Override
    public Optional<Lease> tryAcquire(String projection, String owner, Duration ttl) {
        long now = clock.millis();
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(acquire)) {
            statement.setString(1, projection);
            statement.setString(2, owner);
            statement.setLong(3, now + ttl.toMillis());
            statement.setLong(4, now);
            statement.setLong(5, now);
            return lease(statement, projection, owner);
        } catch (SQLException failure) {
            throw new PostgresAccessException("Cannot acquire the lease of projection " + projection, failure);
        }
    }

    @Override
    public Optional<Lease> renew(Lease lease, Duration ttl) {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(renew)) {
            statement.setLong(1, clock.millis() + ttl.toMillis());
            statement.setString(2, lease.projection());
            statement.setLong(3, lease.fencingToken());
            return lease(statement, lease.projection(), lease.owner());
        } catch (SQLException failure) {
            throw new PostgresAccessException("Cannot renew the lease of projection " + lease.projection(), failure);
        }
    }

    @Override
    public void release(Lease lease) {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(release)) {
            statement.setString(1, lease.projection());
            statement.setLong(2, lease.fencingToken());
            statement.executeUpdate();
        } catch (SQLException failure) {
            throw new PostgresAccessException("Cannot release the lease of projection " + lease.projection(), failure);
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        return connection;
    }

    /** Maps the returned row (fencing token, expires at), if any. */
    private static Optional<Lease> lease(PreparedStatement statement, String projection, String owner) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(new Lease(projection, owner, row.getLong(1), row.getLong(2))) : Optional.empty();
        }
    }
}
