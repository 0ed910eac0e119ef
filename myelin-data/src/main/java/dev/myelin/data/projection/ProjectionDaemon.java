package dev.myelin.data.projection;

import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.internal.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs asynchronous projections: for each one, reads the log after its checkpoint, applies a
 * batch and saves the new checkpoint in the same transaction, so each event is applied exactly once.
 *
 * <pre>{@code
 * ProjectionDaemon daemon = ProjectionDaemon.builder(eventStore, transactions, checkpoints, leases)
 *         .projection(new KitchenQueueProjection(jdbc))
 *         .build();
 * daemon.start(Duration.ofSeconds(1));   // or call runOnce() from a test
 * }</pre>
 *
 * <p><b>Ownership.</b> A projection is applied only by the daemon holding its
 * {@link ProjectionLease}; the lease's fencing token goes with each checkpoint save, so a daemon
 * that lost its lease cannot commit a batch. Leases are renewed every third of their time to live.
 *
 * <p><b>Batches.</b> A round applies a batch (up to the batch size) to every projection it owns in ONE
 * transaction, the checkpoints included; projections at the same checkpoint share one read of the log, and
 * the checkpoints are loaded together and saved together ({@link CheckpointStore#loadAll},
 * {@link CheckpointStore#saveAll}: one statement each on PostgreSQL, however many projections).
 * With a {@link Builder#batchWindow batch window}, the background thread runs at most one round per window
 * under load, so one transaction carries the events of many commands.
 *
 * <p><b>Order and failures.</b> Events reach each projection one at a time in read order. When the
 * round's transaction throws, it rolls back whole (read models and checkpoints) and each projection is
 * applied in a transaction of its own, so the others go on; a projection whose batch throws is tried again
 * with half the batch, down to one event, so the events before a failing one are applied and committed.
 * The projection held back by the failing event is then skipped by the rounds (its lease still renewed)
 * and tried again after a back-off that doubles with each failure in a row, from 1 second up to 60 by
 * default ({@link Builder#retryBackoff}, as Axon's tracking processors do): a poison event neither
 * makes every round redo the others' work one by one nor fills the log. The first failure in a row is
 * logged at WARN with its stack trace, the next ones at WARN without it; {@link #retries()} tells which
 * projections wait, on which position, since how many failures and why.
 *
 * <p><b>Tracked event handlers.</b> An {@link EventHandler} registered with {@link Builder#handler} is run like
 * a projection: behind a checkpoint of its own, each event of its type in log order, in the round's
 * transaction, under the event's {@code RequestContext} (its correlation id, principal and tenant, the event's
 * id as causation id). Its database writes and its checkpoint commit together, so they happen exactly once,
 * with no delivery or inbox rows (the outbox writes, claims and removes one row per event and handler, and one
 * inbox row). What it does outside the transaction must wait for the commit (an after-commit callback) and be
 * idempotent: a failing round is retried. A failing event holds its handler back and is retried with the
 * back-off above, without dead letters (the events after it wait: order is kept); for handlers that call
 * remote services, the outbox's per-delivery retries and dead letters fit better.
 *
 * <p><b>Threading.</b> Thread-safe: rounds, rebuilds and the background thread are serialised.
 *
 * @since 0.1
 */
public final class ProjectionDaemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionDaemon.class);

    private final EventStore eventStore;
    private final TransactionRunner transactions;
    private final CheckpointStore checkpoints;
    private final ProjectionLease leases;
    private final Clock clock;
    private final String owner;
    private final int batchSize;
    private final Duration leaseTtl;
    private final Duration batchWindow;
    private final Duration firstRetry;
    private final Duration longestRetry;
    private final ProjectionBatches batches;
    private final Map<String, ProjectionTrack> tracks = new LinkedHashMap<>();
    /** The projections waiting to retry a failing event; read without the daemon's lock by {@link #retries()}. */
    private final Map<String, ProjectionRetry> retries = new ConcurrentHashMap<>();
    /** Written under this daemon's lock; read without it by {@link #backgroundFailure()}, which never waits for a round. */
    private volatile BackgroundLoop loop;
    private EventStore.Listening wakeUps;

    private ProjectionDaemon(Builder builder) {
        this.eventStore = builder.eventStore;
        this.transactions = builder.transactions;
        this.checkpoints = builder.checkpoints;
        this.leases = builder.leases;
        this.clock = builder.clock;
        this.owner = builder.owner;
        this.batchSize = builder.batchSize;
        this.leaseTtl = builder.leaseTtl;
        this.batchWindow = builder.batchWindow;
        this.firstRetry = builder.firstRetry;
        this.batches = new ProjectionBatches(eventStore, transactions, checkpoints, batchSize);
        this.longestRetry = builder.longestRetry;
        for (Projection projection : builder.projections) {
            if (tracks.putIfAbsent(projection.name(), new ProjectionTrack(projection)) != null) {
                throw new IllegalArgumentException("Two projections or tracked handlers are named " + projection.name()
                        + ": a name is a checkpoint, give one another name");
            }
        }
    }

    /**
     * Starts a builder.
     *
     * @param eventStore the log to read
     * @param transactions the runner whose transactions hold each batch and its checkpoint
     * @param checkpoints where checkpoints are kept
     * @param leases who owns which projection
     * @return a builder
     */
    public static Builder builder(EventStore eventStore, TransactionRunner transactions, CheckpointStore checkpoints,
            ProjectionLease leases) {
        return new Builder(eventStore, transactions, checkpoints, leases);
    }

    /**
     * Applies at most one batch to every projection this daemon owns or can acquire: all of them in one
     * transaction; when that fails, each in a transaction of its own, and a projection whose batch fails in
     * halves until the events before the failing one are applied. A projection waiting to retry a failing
     * event ({@link #retries()}) is skipped until its time comes.
     *
     * @return how many events were applied, all projections together
     */
    public synchronized int runOnce() {
        List<ProjectionTrack> owned = new ArrayList<>();
        long now = clock.millis();
        for (ProjectionTrack track : tracks.values()) {
            try {
                if (holdLease(track) == null) {
                    // Another daemon applies it now, and retries it on its own.
                    track.succeeded();
                    retries.remove(track.name());
                } else if (!track.waiting(now)) {
                    owned.add(track);
                }
            } catch (RuntimeException failure) {
                LOG.warn("Projection {} could not take or renew its lease; it will be retried", track.name(), failure);
            }
        }
        if (owned.size() > 1) {
            try {
                int applied = batches.together(owned);
                owned.forEach(this::succeeded);
                return applied;
            } catch (RuntimeException failure) {
                // Nothing committed: apply each projection on its own, so one failing does not hold the others.
                LOG.debug("A batch of {} projections failed together; applying them one by one", owned.size(), failure);
            }
        }
        int applied = 0;
        for (ProjectionTrack track : owned) {
            ProjectionBatches.Outcome outcome = batches.alone(track);
            applied += outcome.applied();
            if (outcome.failure() == null) {
                succeeded(track);
            } else {
                failed(track, outcome.failure());
            }
        }
        return applied;
    }

    /**
     * Returns the projections and tracked handlers this daemon holds back after a failing event, until
     * their retry: each one's checkpoint, failures in a row, next attempt and latest error. Never waits for
     * a round in progress.
     *
     * @return by name, in no order; empty when none fails
     */
    public Map<String, ProjectionRetry> retries() {
        return Map.copyOf(retries);
    }

    private void succeeded(ProjectionTrack track) {
        int failures = track.succeeded();
        if (failures > 0) {
            retries.remove(track.name());
            LOG.info("Projection {} applied the event that had failed {} times in a row", track.name(), failures);
        }
    }

    private void failed(ProjectionTrack track, RuntimeException failure) {
        ProjectionRetry retry = track.failed(failure, clock.millis(), firstRetry, longestRetry);
        retries.put(track.name(), retry);
        long delay = retry.retryAt().toEpochMilli() - clock.millis();
        if (retry.failures() == 1) {
            LOG.warn("Projection {} failed on the event after position {}; retried in {} ms", track.name(),
                    retry.checkpoint(), delay, failure);
        } else {
            LOG.warn("Projection {} failed again on the event after position {} ({} failures in a row: {}); retried in {} ms",
                    track.name(), retry.checkpoint(), retry.failures(), retry.error(), delay);
        }
    }

    /**
     * Runs rounds until no owned projection has anything left to apply.
     *
     * @return how many events were applied
     */
    public int catchUp() {
        int total = 0;
        for (int applied = runOnce(); applied > 0; applied = runOnce()) {
            total += applied;
        }
        return total;
    }

    private ProjectionLease.Lease holdLease(ProjectionTrack track) {
        long now = clock.millis();
        if (track.lease != null && now - track.renewedAt < leaseTtl.toMillis() / 3) {
            return track.lease;
        }
        track.lease = track.lease == null ? leases.tryAcquire(track.name(), owner, leaseTtl).orElse(null)
                : leases.renew(track.lease, leaseTtl).orElse(null);
        track.renewedAt = now;
        return track.lease;
    }

    /**
     * Rebuilds a projection without downtime: replays the whole log into {@code target}'s fresh copy,
     * then swaps the copy in and moves the checkpoint in one transaction. Readers see the old read
     * model until the swap. Needs this daemon to own the projection's lease.
     *
     * @param projection the projection's name
     * @param target the read model to rebuild; the projection registered under that name must write
     *     to whatever copy is live
     * @return how many events were replayed
     * @throws IllegalStateException when another daemon owns the projection
     */
    public synchronized long rebuild(String projection, ProjectionTarget target) {
        ProjectionTrack track = tracks.get(projection);
        if (track == null) {
            throw new NoSuchElementException("No projection named " + projection);
        }
        ProjectionLease.Lease lease = holdLease(track);
        if (lease == null) {
            throw new IllegalStateException("Projection " + projection + " is owned by another daemon");
        }
        ProjectionRebuild.Result result = new ProjectionRebuild(eventStore, transactions, checkpoints, batchSize)
                .run(projection, target, lease.fencingToken());
        track.checkpoint = result.checkpoint();
        return result.replayed();
    }

    /**
     * Returns the names of this daemon's projections and tracked handlers, in registration order: what
     * {@link #lag} answers for.
     *
     * @return the names, unmodifiable
     */
    public List<String> names() {
        return List.copyOf(tracks.keySet());
    }

    /**
     * Returns how far a projection (or a tracked handler) is behind the log, from the checkpoint the {@link CheckpointStore}
     * holds ({@link CheckpointStore#lag}): the same answer on every instance, whether or not this one owns
     * the projection, and right after a restart. Does not wait for a batch in progress (no lock of the
     * daemon or of the checkpoint is taken), so a health check stays fast under load.
     *
     * @param projection the projection's name
     * @return the lag
     */
    public ProjectionLag lag(String projection) {
        // tracks is filled by the constructor and only read afterwards: no lock needed to look a name up.
        if (!tracks.containsKey(projection)) {
            throw new NoSuchElementException("No projection named " + projection);
        }
        return checkpoints.lag(projection, eventStore, clock);
    }

    /**
     * Starts a background thread that runs rounds when the event store reports a new event, and at
     * least every {@code pollInterval} (to take over leases of crashed owners).
     *
     * @param pollInterval the longest wait between rounds
     */
    public synchronized void start(Duration pollInterval) {
        if (loop != null) {
            return;
        }
        BackgroundLoop started = BackgroundLoop.start("myelin-projections-" + owner, () -> runOnce() >= batchSize,
                pollInterval, batchWindow);
        wakeUps = eventStore.onAppended(started::wakeUp);
        loop = started;
    }

    /**
     * Returns the {@link Error} that ended the background thread's latest round, if it ended with one
     * (the thread goes on after the poll interval, and this clears when a round completes), or why the
     * thread is gone.
     *
     * Never waits for a round in progress.
     *
     * @return the failure; empty when not started or while rounds complete
     */
    public Optional<Throwable> backgroundFailure() {
        BackgroundLoop running = loop;
        return running == null ? Optional.empty() : Optional.ofNullable(running.failure());
    }

    /** Stops the background thread, if started, and releases the leases held. */
    @Override
    public void close() {
        BackgroundLoop running;
        synchronized (this) {
            running = loop;
            loop = null;
            if (wakeUps != null) {
                wakeUps.close();
                wakeUps = null;
            }
        }
        if (running != null) {
            running.close();
        }
        synchronized (this) {
            for (ProjectionTrack track : tracks.values()) {
                if (track.lease != null) {
                    leases.release(track.lease);
                    track.lease = null;
                }
            }
        }
    }

    /**
     * Builds a {@link ProjectionDaemon}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final EventStore eventStore;
        private final TransactionRunner transactions;
        private final CheckpointStore checkpoints;
        private final ProjectionLease leases;
        private final List<Projection> projections = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private String owner = UUID.randomUUID().toString();
        /** The lease time to live, by default. */
        public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(30);

        private int batchSize = 500;
        private Duration leaseTtl = DEFAULT_LEASE_TTL;
        private Duration batchWindow = Duration.ZERO;
        private Duration firstRetry = Duration.ofSeconds(1);
        private Duration longestRetry = Duration.ofSeconds(60);

        private Builder(EventStore eventStore, TransactionRunner transactions, CheckpointStore checkpoints,
                ProjectionLease leases) {
            this.eventStore = Objects.requireNonNull(eventStore, "eventStore");
            this.transactions = Objects.requireNonNull(transactions, "transactions");
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
            this.leases = Objects.requireNonNull(leases, "leases");
        }

        /**
         * Registers a projection, known by its {@link Projection#name()}.
         *
         * @param projection the projection
         * @return this builder
         */
        public Builder projection(Projection projection) {
            projections.add(Objects.requireNonNull(projection, "projection"));
            return this;
        }

        /**
         * Registers an event handler to run behind a checkpoint of its own, like a projection (see
         * {@link ProjectionDaemon}): every event of the log that is an instance of {@code eventType}, in order,
         * in the daemon's transactions, exactly once for its database writes.
         *
         * @param name the stable name of its checkpoint and lease, unique among this daemon's projections
         *     and handlers; keep it across releases (a new name starts from the log's beginning)
         * @param eventType the events it receives, subtypes included
         * @param handler the handler
         * @param <E> the event type
         * @return this builder
         */
        public <E extends Event> Builder handler(String name, Class<E> eventType, EventHandler<? super E> handler) {
            Objects.requireNonNull(eventType, "eventType");
            Objects.requireNonNull(handler, "handler");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A tracked handler's name must not be blank");
            }
            projections.add(new TrackedHandler<>(name, eventType, handler));
            return this;
        }

        /**
         * Sets this daemon's owner id in leases, a random UUID by default.
         *
         * @param value the id, unique per instance
         * @return this builder
         */
        public Builder owner(String value) {
            this.owner = Objects.requireNonNull(value, "owner");
            return this;
        }

        /**
         * Sets the clock of lease renewals and lag.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets the batch size (500 by default) and the lease time to live (30 seconds by default).
         *
         * @param size the most events per transaction
         * @param ttl how long a lease lasts unless renewed
         * @return this builder
         */
        public Builder batching(int size, Duration ttl) {
            if (size < 1) {
                throw new IllegalArgumentException("The batch size must be >= 1, was " + size);
            }
            this.batchSize = size;
            this.leaseTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /**
         * Sets the batch window of the background thread ({@link ProjectionDaemon#start}): woken up by a new
         * event sooner than this after its previous round started, it waits for the rest of the window, so
         * that under load one round (one transaction for every projection) applies the events of many
         * commits. A wake-up after a quiet period runs at once. Zero (the default) runs a round per wake-up.
         *
         * @param value the window, zero or more
         * @return this builder
         */
        public Builder batchWindow(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("The batch window must not be negative, was " + value);
            }
            this.batchWindow = value;
            return this;
        }

        /**
         * Sets how long a projection held back by a failing event waits before it is tried again: {@code first}
         * after the first failure, doubled after each next one in a row, never more than {@code longest}
         * (1 second and 60 seconds by default). Zero retries at the next round.
         *
         * @param first the wait after the first failure, zero or more
         * @param longest the longest wait, at least {@code first}
         * @return this builder
         */
        public Builder retryBackoff(Duration first, Duration longest) {
            if (first.isNegative() || longest.compareTo(first) < 0) {
                throw new IllegalArgumentException("Retry back-off must be 0 <= first <= longest, was " + first + ", " + longest);
            }
            this.firstRetry = first;
            this.longestRetry = longest;
            return this;
        }

        /**
         * Builds the daemon.
         *
         * @return the daemon
         */
        public ProjectionDaemon build() {
            return new ProjectionDaemon(this);
        }
    }
}
