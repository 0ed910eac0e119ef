package dev.myelin.postgres;

import dev.myelin.data.transaction.CurrentConnection;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;

/**
 * The versions of streams that the transaction active on the calling thread has seen exist: the highest
 * version each stream read returned in it, and the last version each append wrote in it. An append
 * expecting {@code exactly(v)} with v at or below it needs no lookup of event v (see the store's class
 * comment, "Versions vouched for by the transaction").
 *
 * <p><b>Why it is sound.</b> A stream's versions are 1, 2, 3... without gaps, so event v seen means events
 * 1 to v exist. Inside one transaction what it has seen cannot vanish before it ends: events committed by
 * others are never deleted, and its own writes last until it ends, or until it rolls back to a savepoint,
 * when the {@link CurrentConnection} port calls back too. A lost commit (a failover, {@code
 * synchronous_commit} off) cannot make it wrong either: the transaction that saw the event dies with the
 * server, and its own commit comes after that event's in the log. So unlike {@link KnownVersions}, nothing
 * here outlives the transaction, and it needs no durability assumption.
 *
 * <p><b>Scope.</b> One scope per thread, tied to the transaction's connection (by identity) and dropped by
 * the port's {@link CurrentConnection#onTransactionEnd} callback: at the end of the transaction whatever
 * its outcome, at a rollback to a savepoint and at a suspension. A port that cannot promise that callback
 * (the interface's default) gets no scope: every {@code exactly(v)} inside its transactions keeps the
 * guard. A connection other than the scope's (another transaction begun inside it, such as Spring's
 * {@code REQUIRES_NEW}) replaces the scope. Used only on the thread that owns the transaction.
 */
final class TransactionVersions {

    private final CurrentConnection current;
    private final ThreadLocal<Scope> scopes = new ThreadLocal<>();

    TransactionVersions(CurrentConnection current) {
        this.current = current;
    }

    /** Whether the transaction of {@code connection} has seen event {@code version} of the stream. */
    boolean vouched(Connection connection, String streamId, long version) {
        Scope scope = scopes.get();
        return scope != null && scope.connection == connection && scope.version(streamId) >= version;
    }

    /** Records that the transaction of {@code connection} has seen event {@code version} of the stream. */
    void learn(Connection connection, String streamId, long version) {
        if (version < 1) {
            return;
        }
        Scope scope = scopes.get();
        if (scope == null || scope.connection != connection) {
            Scope opened = new Scope(connection);
            if (!current.onTransactionEnd(() -> forget(opened))) {
                return;
            }
            scopes.set(opened);
            scope = opened;
        }
        scope.learn(streamId, version);
    }

    private void forget(Scope scope) {
        if (scopes.get() == scope) {
            // set(null), not remove(): see ThreadBoundTransactions; the thread's next transaction sets it again.
            scopes.set(null);
        }
    }

    /** One transaction's versions; most transactions touch one stream, held without a map. */
    private static final class Scope {
        final Connection connection;
        private String firstStream;
        private long firstVersion;
        private Map<String, Long> others;

        Scope(Connection connection) {
            this.connection = connection;
        }

        long version(String streamId) {
            if (streamId.equals(firstStream)) {
                return firstVersion;
            }
            if (others == null) {
                return 0;
            }
            Long version = others.get(streamId);
            return version == null ? 0 : version;
        }

        void learn(String streamId, long version) {
            if (firstStream == null || firstStream.equals(streamId)) {
                firstStream = streamId;
                firstVersion = Math.max(firstVersion, version);
                return;
            }
            if (others == null) {
                others = new HashMap<>();
            }
            others.merge(streamId, version, Math::max);
        }
    }
}
