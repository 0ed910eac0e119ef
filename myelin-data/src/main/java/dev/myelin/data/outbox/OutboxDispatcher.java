package dev.myelin.data.outbox;

import dev.myelin.core.DomainEvent;
import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.internal.BackgroundLoop;
import dev.myelin.data.internal.HandlerTypes;
import dev.myelin.data.transaction.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers committed events to in-process {@link EventHandler}s through an {@link OutboxStore}:
 * at least once, per handler in position order, with per-handler retries, exponential backoff and
 * dead letters.
 *
 * <pre>{@code
 * OutboxDispatcher dispatcher = OutboxDispatcher.builder(outboxStore, transactions)
 *         .handler(new NotifyKitchenHandler(kitchen))
 *         .inbox(inbox)
 *         .build();
 * dispatcher.start(Duration.ofSeconds(1));   // or call dispatchPending() from a scheduler or a test
 * }</pre>
 *
 * <p><b>One route.</b> A handler registered here is the outbox's: register it nowhere else. Events reach
 * it by being stored: saved by a repository ({@link #enqueue}) or published by hand ({@link #publish}),
 * never both for one event instance, so it runs once per event (see {@link #publish}).
 *
 * <p><b>Routing.</b> {@link #enqueue} creates one delivery per (event, handler) for every handler
 * whose event type the event is an instance of: a handler of a supertype or an interface receives
 * every subtype, unless it is a {@link SelectiveEventHandler} that does not want the event. Handlers are
 * known by a stable name: the one given, else the class's
 * {@link HandlerName}, else its class name ({@link #nameOf}).
 *
 * <p><b>Versions.</b> A dispatcher claims only deliveries of the handler names it has. Deliveries of
 * other names (enqueued by another version of the application during a rolling deploy, or kept under
 * the name of a handler since removed) stay pending, untouched, until a dispatcher that has the name
 * claims them; they are never dead-lettered for want of a handler. {@link #backlog()} counts them.
 *
 * <p><b>Delivery, in batches.</b> A round claims up to {@link Builder#batch a batch} of due deliveries
 * (the claim is a short transaction of its own, see {@link OutboxStore#claim}) and delivers them all in ONE
 * transaction of the {@link TransactionRunner}: for each delivery, in position order per handler, the inbox
 * row (when an {@link Inbox} is set; an event already recorded for the handler is skipped) and the
 * handler's own writes; then the removal of every delivery of the batch. They commit together or not at
 * all. Each handler runs under a {@link RequestContext} built from its event's metadata: same correlation
 * id, principal and tenant, the event's id as causation id. With a {@link Builder#batchWindow batch
 * window}, the background thread runs at most one round per window under load, so one transaction carries
 * the deliveries of many commands.
 *
 * <p><b>Failures.</b> When anything in a batch throws, the batch's transaction rolls back (nothing of it
 * commits; after-commit callbacks of its handlers never run) and its deliveries are delivered again, one
 * per transaction: the deliveries before the failing one commit, the failing one is retried after
 * {@code initialBackoff}, doubled per attempt up to {@code maxBackoff}; meanwhile the handler's later
 * deliveries wait, other handlers go on. So the handlers of a failed batch may run twice (their database
 * writes once: the first run rolled back); effects outside the database must be idempotent, as at least
 * once already requires. After {@code maxAttempts} failures the delivery moves to the dead letters with the
 * error (class, message, stack trace) and the handler's later deliveries flow again.
 * {@link #deadLetters()} lists, replays and drops them. A {@code VirtualMachineError} is no handler
 * failure: it rolls the batch back and ends the round, and the batch comes again when its claim expires.
 *
 * <p><b>Threading.</b> Thread-safe. Run {@link #dispatchPending()} from one thread per instance
 * (the background runner or a scheduler); several instances may share a store, whose claims keep
 * them from taking the same delivery.
 *
 * @since 0.1
 */
public final class OutboxDispatcher implements Outbox {

    /** The start of the stream id of each event published by hand. */
    public static final String PUBLISHED_STREAM_PREFIX = Publications.STREAM_PREFIX;

    private final OutboxStore store;
    private final TransactionRunner transactions;
    private final Publications publications;
    private final Clock clock;
    private final HandlerRoutes routes;
    private final Duration claimTimeout;
    private final int batchSize;
    private final Duration batchWindow;
    private final OutboxDeliveries deliveries;
    private volatile BackgroundLoop loop;

    private OutboxDispatcher(Builder builder) {
        this.store = builder.store;
        this.transactions = builder.transactions;
        this.publications = new Publications(builder.transactions, builder.eventStore, this::enqueueRows);
        this.clock = builder.clock;
        this.routes = new HandlerRoutes(builder.routes);
        this.claimTimeout = builder.claimTimeout;
        this.batchSize = builder.batchSize;
        this.batchWindow = builder.batchWindow;
        this.deliveries = new OutboxDeliveries(builder.store, builder.transactions, routes, builder.inbox, builder.clock,
                builder.maxAttempts, builder.initialBackoff, builder.maxBackoff);
    }

    /**
     * Starts a builder.
     *
     * @param store where deliveries and dead letters are kept
     * @param transactions the runner whose transactions the deliveries run in
     * @return a builder
     */
    public static Builder builder(OutboxStore store, TransactionRunner transactions) {
        return new Builder(store, transactions);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when one of the events is an instance already published by hand with
     *     {@link #publish}: it was stored then, and would be stored and delivered a second time
     */
    @Override
    public void enqueue(List<StoredEvent> events) {
        publications.checkSaved(events);
        enqueueRows(events);
    }

    /**
     * Publishes a domain event through the outbox: it is stored in the event log (a stream of its own,
     * {@code published-<uuid>}, with the current {@link RequestContext} as metadata) and one delivery per
     * matching handler is created, so its handlers run after commit, at least once, deduplicated by the
     * inbox, exactly as for an event an aggregate recorded.
     *
     * <ul>
     *   <li><b>Inside a transaction</b> of this dispatcher's runner, the event and its deliveries are
     *       written in it: delivered after it commits, never if it rolls back.</li>
     *   <li><b>Outside a transaction</b>, they are written in a transaction of their own, committed when
     *       this method returns; the handlers run afterwards, on the dispatcher's thread.</li>
     *   <li><b>An instance already stored</b> (saved by a repository through {@link #enqueue}, or published
     *       before), in this transaction or an earlier one, is not stored again: its handlers run once, when
     *       its own transaction commits (never, if that one rolled back). Identity decides, not
     *       {@code equals}: a new instance is a new event.</li>
     *   <li>Saving an aggregate whose recorded event was published by hand before is refused
     *       ({@link #enqueue} throws): publish recorded events, if at all, after saving.</li>
     * </ul>
     * Handlers never run on the caller's thread. Needs the {@link Builder#eventStore event store}; when
     * that store enqueues what it appends in this outbox itself (an after-append step), the published event
     * is enqueued by it, once.
     *
     * @param event the event
     * @throws IllegalStateException when the dispatcher has no event store
     */
    public void publish(DomainEvent event) {
        publications.publish(Objects.requireNonNull(event, "event"));
    }

    private void enqueueRows(List<StoredEvent> events) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (StoredEvent event : events) {
            for (HandlerRoutes.Route route : routes.matching(event.event().getClass())) {
                if (route.wants(event.event())) {
                    entries.add(new OutboxEntry(event, route.name()));
                }
            }
        }
        if (!entries.isEmpty()) {
            store.enqueue(entries);
            transactions.afterCommit(this::wakeUp);
        }
    }

    /**
     * Delivers every due delivery, round after round, until none is due; returns when done. Failed
     * deliveries that are not due yet wait for a later call. Call it outside a transaction: each round
     * needs its own.
     *
     * @return how many deliveries were attempted
     */
    public int dispatchPending() {
        int attempted = 0;
        while (true) {
            Round round = dispatchRound();
            attempted += round.attempted();
            if (round.claimed() == 0) {
                return attempted;
            }
        }
    }

    /**
     * One round: claims up to a batch of due deliveries and delivers them (in one transaction, else one at a
     * time, see {@link OutboxDeliveries}).
     */
    private Round dispatchRound() {
        Instant now = clock.instant();
        List<OutboxDelivery> claimed = transactions.inTransaction(
                () -> store.claim(routes.names(), now, now.plus(claimTimeout), batchSize), result -> true);
        return new Round(claimed.size(), claimed.isEmpty() ? 0 : deliveries.deliver(claimed));
    }

    private record Round(int claimed, int attempted) {
    }

    /** Runs a delivery's handler and the acknowledgement in one transaction, under the event's context. */
    void handleInTransaction(OutboxDelivery delivery, Runnable acknowledge) {
        deliveries.handleInTransaction(delivery, acknowledge);
    }

    /**
     * Reads the backlog of this dispatcher's store, counting as waiting for absent handlers the pending
     * deliveries of names this dispatcher does not have: for health checks and gauges.
     *
     * @return the backlog, measured at this dispatcher's clock
     */
    public OutboxBacklog backlog() {
        return store.backlog(clock.instant(), routes.names());
    }

    /**
     * Returns the names of this dispatcher's handlers: the deliveries it claims.
     *
     * @return the names, unmodifiable
     */
    public Set<String> handlerNames() {
        return routes.names();
    }

    /**
     * Returns the name a handler class is registered under by {@link Builder#handler(EventHandler)}: its
     * {@link HandlerName}, or its fully qualified class name.
     *
     * @param handlerClass the handler's class (the target class, not a proxy's)
     * @return the name
     * @throws IllegalArgumentException when its {@code HandlerName} is blank
     */
    public static String nameOf(Class<?> handlerClass) {
        HandlerName annotation = handlerClass.getAnnotation(HandlerName.class);
        if (annotation == null) {
            return handlerClass.getName();
        }
        if (annotation.value().isBlank()) {
            throw new IllegalArgumentException("The @HandlerName of " + handlerClass.getName() + " is blank");
        }
        return annotation.value();
    }

    /**
     * Returns the dead letters of this dispatcher's store; replaying one delivers it to its handler
     * now, in a transaction, as a normal delivery does.
     *
     * @return the dead letters
     */
    public DeadLetters deadLetters() {
        return new OutboxDeadLetters(this, store, transactions, clock);
    }

    /**
     * Starts a background thread that calls {@link #dispatchPending()} after every commit that
     * enqueued deliveries and at least every {@code pollInterval} (to retry backed-off ones).
     *
     * @param pollInterval the longest wait between rounds
     */
    public synchronized void start(Duration pollInterval) {
        if (loop == null) {
            // A short claim took every due delivery: the next round waits for a wake-up (a commit that enqueued).
            loop = BackgroundLoop.start("myelin-outbox-dispatcher", () -> dispatchRound().claimed() >= batchSize,
                    pollInterval, batchWindow);
        }
    }

    /** Wakes the background thread, if started, to dispatch now. */
    public void wakeUp() {
        BackgroundLoop running = loop;
        if (running != null) {
            running.wakeUp();
        }
    }

    /**
     * Returns the {@link Error} that ended the background thread's latest round, if it ended with one
     * (the thread goes on after the poll interval, and this clears when a round completes), or why the
     * thread is gone.
     *
     * @return the failure; empty when not started or while rounds complete
     */
    public Optional<Throwable> backgroundFailure() {
        BackgroundLoop running = loop;
        return running == null ? Optional.empty() : Optional.ofNullable(running.failure());
    }

    /** Stops the background thread, if started, after its current round. */
    public synchronized void stop() {
        if (loop != null) {
            loop.close();
            loop = null;
        }
    }

    /**
     * Builds an {@link OutboxDispatcher}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        /** Attempts before a delivery goes to the dead letters, by default. */
        public static final int DEFAULT_MAX_ATTEMPTS = 5;
        /** Wait after the first failure, by default; doubled per attempt. */
        public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
        /** Longest wait between attempts, by default. */
        public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
        /** Deliveries claimed and delivered per round, and so per transaction, by default. */
        public static final int DEFAULT_BATCH_SIZE = 100;
        /** How long a claim lasts before a crashed dispatcher's deliveries are due again, by default. */
        public static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofMinutes(1);

        private final OutboxStore store;
        private final TransactionRunner transactions;
        private final Map<String, HandlerRoutes.Route> routes = new LinkedHashMap<>();
        private Inbox inbox;
        private EventStore eventStore;
        private Clock clock = Clock.systemUTC();
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration claimTimeout = DEFAULT_CLAIM_TIMEOUT;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration batchWindow = Duration.ZERO;

        private Builder(OutboxStore store, TransactionRunner transactions) {
            this.store = Objects.requireNonNull(store, "store");
            this.transactions = Objects.requireNonNull(transactions, "transactions");
        }

        /**
         * Registers a handler under its {@link HandlerName} or else its class name ({@link #nameOf}),
         * for the event type its class declares.
         *
         * @param handler the handler
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public Builder handler(EventHandler<?> handler) {
            Class<Event> eventType = (Class<Event>) HandlerTypes.eventTypeOf(handler.getClass());
            return handler(nameOf(handler.getClass()), eventType, (EventHandler<Event>) handler);
        }

        /**
         * Registers a handler under a name, for an event type and its subtypes.
         *
         * @param name the stable name deliveries are kept under; keep it across releases
         * @param eventType the events it receives
         * @param handler the handler
         * @param <E> the event type
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public <E extends Event> Builder handler(String name, Class<E> eventType, EventHandler<? super E> handler) {
            Objects.requireNonNull(handler, "handler");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A handler's name must not be blank");
            }
            if (routes.putIfAbsent(name, new HandlerRoutes.Route(name, eventType, (EventHandler<Event>) handler)) != null) {
                throw new IllegalArgumentException("Two handlers are named " + name + "; give one another name");
            }
            return this;
        }

        /**
         * Sets the inbox that makes each handler process an event at most once.
         *
         * @param value the inbox
         * @return this builder
         */
        public Builder inbox(Inbox value) {
            this.inbox = Objects.requireNonNull(value, "inbox");
            return this;
        }

        /**
         * Sets the event store that {@link OutboxDispatcher#publish} stores published events in: the one
         * the application's repositories append to.
         *
         * @param value the event store
         * @return this builder
         */
        public Builder eventStore(EventStore value) {
            this.eventStore = Objects.requireNonNull(value, "eventStore");
            return this;
        }

        /**
         * Sets the clock of backoffs and claims.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets the retry policy.
         *
         * @param attempts attempts before the dead letters, at least 1
         * @param initial the wait after the first failure, doubled per attempt
         * @param max the longest wait
         * @return this builder
         */
        public Builder retries(int attempts, Duration initial, Duration max) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * Sets how many deliveries one round claims, and how long a claim lasts before a crashed
         * dispatcher's deliveries are due again.
         *
         * @param size deliveries per round, at least 1
         * @param timeout claim duration; longer than the slowest round
         * @return this builder
         */
        public Builder batch(int size, Duration timeout) {
            if (size < 1) {
                throw new IllegalArgumentException("The batch size must be >= 1, was " + size);
            }
            this.batchSize = size;
            this.claimTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Sets the batch window of the background thread ({@link OutboxDispatcher#start}): woken up by a
         * commit sooner than this after its previous round started, it waits for the rest of the window, so
         * that under load one round (one transaction) takes the deliveries of many commits. A wake-up after a
         * quiet period runs at once. Zero (the default) runs a round per wake-up.
         *
         * @param value the window, zero or more; a few milliseconds to tens of milliseconds
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
         * Builds the dispatcher.
         *
         * @return the dispatcher
         */
        public OutboxDispatcher build() {
            return new OutboxDispatcher(this);
        }
    }
}
