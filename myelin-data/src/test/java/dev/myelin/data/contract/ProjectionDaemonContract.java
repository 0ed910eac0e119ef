package dev.myelin.data.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.contract.TestEvents.Added;
import dev.myelin.data.contract.TestEvents.Placed;
import dev.myelin.data.contract.TestEvents.Poisoned;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.CheckpointStore;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.data.projection.ProjectionLag;
import dev.myelin.data.projection.ProjectionLease;
import dev.myelin.data.projection.ProjectionRetry;
import dev.myelin.data.projection.ProjectionTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ProjectionDaemon} over a {@link CheckpointStore} and a
 * {@link ProjectionLease}. Extend it and give fresh, empty parts per test; all share
 * {@link #transactions()}, and the lease must use {@link #clock}.
 */
public abstract class ProjectionDaemonContract {

    /** The clock of leases and lag, moved by the tests. */
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));

    /**
     * Returns an empty event store.
     *
     * @return the store
     */
    protected abstract EventStore eventStore();

    /**
     * Returns the runner every part joins.
     *
     * @return the runner
     */
    protected abstract TransactionRunner transactions();

    /**
     * Returns the checkpoint store under test, empty.
     *
     * @return the store
     */
    protected abstract CheckpointStore checkpoints();

    /**
     * Returns the lease under test, free, on {@link #clock}.
     *
     * @return the lease
     */
    protected abstract ProjectionLease lease();

    /**
     * Returns the read model the test projections write, empty.
     *
     * @return the read model
     */
    protected abstract AppliedEvents appliedEvents();

    /**
     * Returns a rebuildable read model, or {@code null} to skip the rebuild test.
     *
     * @return the read model, empty
     */
    protected RebuildableEvents rebuildableEvents() {
        return null;
    }

    /** A read model that records event ids and can be rebuilt into a fresh copy and swapped in. */
    public interface RebuildableEvents extends ProjectionTarget {

        /**
         * Returns the projection that writes the live copy, whichever it is.
         *
         * @return the projection
         */
        Projection live();

        /**
         * Returns the ids of the events in the live copy, in position order.
         *
         * @return the ids
         */
        List<String> eventIds();
    }

    private static final Duration TTL = Duration.ofSeconds(30);

    /** A projection that records each event; counts its own calls; fails on Poisoned while told to. */
    private class Recording implements Projection {
        final AtomicInteger applied = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failOnPoison;

        @Override
        public void apply(StoredEvent event) {
            calls.incrementAndGet();
            if (failOnPoison && event.event() instanceof Poisoned) {
                throw new IllegalStateException("poison at " + event.position());
            }
            appliedEvents().record(name(), event);
            applied.incrementAndGet();
        }

        @Override
        public String name() {
            return "OrdersProjection";
        }
    }

    /** A second recording projection, under another name. */
    private final class OtherRecording extends Recording {
        @Override
        public String name() {
            return "OtherProjection";
        }
    }

    /** Counts the outermost transactions begun through it. */
    private static final class CountingTransactions implements TransactionRunner {
        final TransactionRunner target;
        final AtomicInteger begun = new AtomicInteger();

        CountingTransactions(TransactionRunner target) {
            this.target = target;
        }

        @Override
        public <T> T inTransaction(java.util.function.Supplier<T> work, java.util.function.Predicate<? super T> commitWhen) {
            if (!target.isActive()) {
                begun.incrementAndGet();
            }
            return target.inTransaction(work, commitWhen);
        }

        @Override
        public java.util.Optional<dev.myelin.data.transaction.UnitOfWork> current() {
            return target.current();
        }
    }

    @Test
    public void aRoundAppliesEveryProjectionInOneTransactionAndAFailingOneDoesNotHoldTheOthers() {
        append(3);
        eventStore().append("Order-9", ExpectedVersion.any(), List.of(new Poisoned("9")), EventMetadata.empty());
        append(2);
        Recording orders = new Recording();
        Recording other = new OtherRecording();
        CountingTransactions counting = new CountingTransactions(transactions());
        try (ProjectionDaemon daemon = ProjectionDaemon.builder(eventStore(), counting, checkpoints(), lease())
                .owner("a").clock(clock).batching(10, TTL).projection(orders).projection(other).build()) {
            daemon.runOnce();
            counting.begun.set(0);
            append(10);
            assertThat(daemon.runOnce()).isEqualTo(2 * 10);
            assertThat(counting.begun.get()).as("both projections' batches and checkpoints").isEqualTo(1);

            other.failOnPoison = true;
            append(1);
            eventStore().append("Order-8", ExpectedVersion.any(), List.of(new Poisoned("8")), EventMetadata.empty());
            assertThat(daemon.catchUp()).as("OrdersProjection goes on; OtherProjection applies what precedes the poison")
                    .isEqualTo(2 + 1);
            assertThat(daemon.lag("OrdersProjection").eventsBehind()).isZero();
            assertThat(daemon.lag("OtherProjection").eventsBehind()).isEqualTo(1);
        }
        assertThat(appliedEvents().eventIds("OrdersProjection")).containsExactlyElementsOf(allEventIds());
    }

    private ProjectionDaemon daemon(String owner, Projection projection) {
        return daemon(owner, projection, clock);
    }

    private ProjectionDaemon daemon(String owner, Projection projection, MutableClock daemonClock) {
        return ProjectionDaemon.builder(eventStore(), transactions(), checkpoints(), lease())
                .owner(owner)
                .clock(daemonClock)
                .batching(10, TTL)
                .projection(projection)
                .build();
    }

    private void append(int count) {
        for (int i = 0; i < count; i++) {
            eventStore().append("Order-" + (i % 4), ExpectedVersion.any(), List.of(new Added(String.valueOf(i % 4), i)),
                    EventMetadata.empty());
        }
    }

    private List<String> allEventIds() {
        return eventStore().readAll(0, 10_000).stream().map(StoredEvent::eventId).toList();
    }

    @Test
    public void everyEventIsAppliedExactlyOnceAcrossBatchesAndRestarts() {
        append(25);
        Recording projection = new Recording();
        try (ProjectionDaemon first = daemon("a", projection)) {
            assertThat(first.runOnce()).isEqualTo(10);
            assertThat(first.catchUp()).isEqualTo(15);
            assertThat(first.runOnce()).isZero();
        }
        append(3);
        try (ProjectionDaemon restarted = daemon("a", projection)) {
            assertThat(restarted.catchUp()).isEqualTo(3);
        }

        assertThat(appliedEvents().eventIds("OrdersProjection")).containsExactlyElementsOf(allEventIds());
    }

    @Test
    public void failingBatchIsHalvedUntilTheEventsBeforeTheFailingOneAreAppliedThenEachEventIsAppliedOnce() {
        append(3);
        eventStore().append("Order-9", ExpectedVersion.any(), List.of(new Poisoned("9")), EventMetadata.empty());
        append(2);
        Recording projection = new Recording();
        projection.failOnPoison = true;
        try (ProjectionDaemon daemon = daemon("a", projection)) {
            assertThat(daemon.runOnce()).as("the three events before the poisoned one").isEqualTo(3);
            assertThat(appliedEvents().eventIds("OrdersProjection")).containsExactlyElementsOf(allEventIds().subList(0, 3));
            assertThat(daemon.runOnce()).as("stuck on the poisoned event").isZero();
            assertThat(daemon.lag("OrdersProjection").eventsBehind()).isEqualTo(3);

            projection.failOnPoison = false;
            clock.advance(Duration.ofSeconds(1));
            assertThat(daemon.catchUp()).isEqualTo(3);
            assertThat(daemon.retries()).isEmpty();
        }

        assertThat(appliedEvents().eventIds("OrdersProjection")).containsExactlyElementsOf(allEventIds());
    }

    @Test
    public void aProjectionHeldBackByAFailingEventIsRetriedAfterABackOffThatDoublesAndIsSkippedMeanwhile() {
        append(2);
        eventStore().append("Order-9", ExpectedVersion.any(), List.of(new Poisoned("9")), EventMetadata.empty());
        append(1);
        Recording projection = new Recording();
        projection.failOnPoison = true;
        try (ProjectionDaemon daemon = ProjectionDaemon.builder(eventStore(), transactions(), checkpoints(), lease())
                .owner("a").clock(clock).batching(10, TTL).retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .projection(projection).build()) {
            assertThat(daemon.runOnce()).isEqualTo(2);
            long checkpoint = eventStore().readAll(0, 10).get(1).position();
            assertThat(daemon.retries()).containsOnlyKeys("OrdersProjection");
            ProjectionRetry first = daemon.retries().get("OrdersProjection");
            assertThat(first.checkpoint()).isEqualTo(checkpoint);
            assertThat(first.failures()).isEqualTo(1);
            assertThat(first.retryAt()).isEqualTo(clock.instant().plusSeconds(1));
            assertThat(first.error()).contains("poison at");
            int calls = projection.calls.get();

            assertThat(daemon.runOnce()).as("waiting: not applied at all").isZero();
            assertThat(projection.calls.get()).isEqualTo(calls);

            clock.advance(Duration.ofSeconds(1));
            assertThat(daemon.runOnce()).as("tried again, fails again").isZero();
            assertThat(projection.calls.get()).isGreaterThan(calls);
            assertThat(daemon.retries().get("OrdersProjection").failures()).isEqualTo(2);
            assertThat(daemon.retries().get("OrdersProjection").retryAt()).as("doubled")
                    .isEqualTo(clock.instant().plusSeconds(2));

            clock.advance(Duration.ofSeconds(2));
            daemon.runOnce();
            assertThat(daemon.retries().get("OrdersProjection").retryAt()).as("at most the longest")
                    .isEqualTo(clock.instant().plusSeconds(3));

            projection.failOnPoison = false;
            clock.advance(Duration.ofSeconds(1));
            assertThat(daemon.runOnce()).as("still waiting").isZero();
            clock.advance(Duration.ofSeconds(2));
            assertThat(daemon.runOnce()).isEqualTo(2);
            assertThat(daemon.retries()).isEmpty();
        }
        assertThat(appliedEvents().eventIds("OrdersProjection")).containsExactlyElementsOf(allEventIds());
    }

    @Test
    public void aDaemonWhoseFirstBatchFailsReportsTheCommittedCheckpoint() {
        append(2);
        eventStore().append("Order-9", ExpectedVersion.any(), List.of(new Poisoned("9")), EventMetadata.empty());
        Recording projection = new Recording();
        projection.failOnPoison = true;
        try (ProjectionDaemon first = daemon("a", projection)) {
            assertThat(first.runOnce()).isEqualTo(2);
        }
        try (ProjectionDaemon restarted = daemon("b", projection)) {
            assertThat(restarted.runOnce()).isZero();
            assertThat(restarted.retries().get("OrdersProjection").checkpoint()).as("not 0: the checkpoint stored")
                    .isEqualTo(eventStore().readAll(0, 10).get(1).position());
        }
    }

    /**
     * A tracked handler of {@link Added}: records each event it gets, in the round's transaction, with the
     * causation id it ran under; fails on the quantity 99 while told to.
     */
    private final class AddedHandler implements dev.myelin.core.EventHandler<Added> {
        final Map<String, StoredEvent> byId = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> causations = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean failOn99;

        @Override
        public void handle(Added event) {
            if (failOn99 && event.quantity() == 99) {
                throw new IllegalStateException("99");
            }
            String causation = dev.myelin.core.RequestContext.current().causationId().orElseThrow();
            causations.add(causation);
            appliedEvents().record("AddedHandler", byId.get(causation));
        }

        void know(List<StoredEvent> events) {
            events.forEach(event -> byId.put(event.eventId(), event));
        }
    }

    @Test
    public void aTrackedHandlerGetsEachEventOfItsTypeOnceInLogOrderUnderTheEventsContext() {
        append(3);
        eventStore().append("Order-7", ExpectedVersion.any(), List.of(new Placed("7")), EventMetadata.empty());
        append(2);
        AddedHandler handler = new AddedHandler();
        handler.know(eventStore().readAll(0, 100));
        try (ProjectionDaemon daemon = ProjectionDaemon.builder(eventStore(), transactions(), checkpoints(), lease())
                .owner("a").clock(clock).batching(4, TTL).handler("AddedHandler", Added.class, handler).build()) {
            assertThat(daemon.catchUp()).as("every event read, the Placed one ignored").isEqualTo(6);
            append(2);
            handler.know(eventStore().readAll(0, 100));
            assertThat(daemon.catchUp()).isEqualTo(2);
            assertThat(daemon.lag("AddedHandler").eventsBehind()).isZero();
        }
        List<String> added = eventStore().readAll(0, 100).stream().filter(event -> event.event() instanceof Added)
                .map(StoredEvent::eventId).toList();
        assertThat(appliedEvents().eventIds("AddedHandler")).containsExactlyElementsOf(added);
        assertThat(handler.causations).as("causation id = the event's id").containsExactlyElementsOf(added);
    }

    @Test
    public void aFailingTrackedHandlerCommitsNothingOfTheFailedEventHoldsItsPlaceAndRunsItOnceWhenItSucceeds() {
        append(2);
        eventStore().append("Order-9", ExpectedVersion.any(), List.of(new Added("9", 99)), EventMetadata.empty());
        append(2);
        AddedHandler handler = new AddedHandler();
        handler.know(eventStore().readAll(0, 100));
        handler.failOn99 = true;
        Recording orders = new Recording();
        try (ProjectionDaemon daemon = ProjectionDaemon.builder(eventStore(), transactions(), checkpoints(), lease())
                .owner("a").clock(clock).batching(10, TTL).projection(orders)
                .handler("AddedHandler", Added.class, handler).build()) {
            daemon.catchUp();
            assertThat(appliedEvents().eventIds("AddedHandler")).as("the events before the failing one")
                    .containsExactlyElementsOf(allEventIds().subList(0, 2));
            assertThat(daemon.lag("AddedHandler").eventsBehind()).isEqualTo(3);
            assertThat(daemon.lag("OrdersProjection").eventsBehind()).as("the projection goes on").isZero();

            handler.failOn99 = false;
            clock.advance(Duration.ofSeconds(1));
            assertThat(daemon.catchUp()).isEqualTo(3);
        }
        assertThat(appliedEvents().eventIds("AddedHandler")).containsExactlyElementsOf(allEventIds());
    }

    @Test
    public void aHandlerAndAProjectionUnderOneNameAreRefused() {
        assertThatThrownBy(() -> ProjectionDaemon.builder(eventStore(), transactions(), checkpoints(), lease())
                .projection(new Recording()).handler("OrdersProjection", Added.class, event -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OrdersProjection");
    }

    @Test
    public void onlyTheLeaseOwnerAppliesWhenTwoDaemonsRunTheSameProjection() {
        Recording first = new Recording();
        Recording second = new Recording();
        try (ProjectionDaemon a = daemon("a", first); ProjectionDaemon b = daemon("b", second)) {
            for (int round = 0; round < 5; round++) {
                append(7);
                a.runOnce();
                b.runOnce();
            }
            a.catchUp();
            b.catchUp();
        }

        assertThat(first.applied.get() + second.applied.get()).isEqualTo(35);
        assertThat(List.of(first.applied.get(), second.applied.get())).containsExactlyInAnyOrder(35, 0);
        assertThat(appliedEvents().eventIds("OrdersProjection")).containsExactlyElementsOf(allEventIds());
    }

    @Test
    public void expiredLeaseIsTakenOverAndTheOldOwnerStopsApplying() {
        Recording first = new Recording();
        Recording second = new Recording();
        try (ProjectionDaemon a = daemon("a", first); ProjectionDaemon b = daemon("b", second)) {
            append(5);
            assertThat(a.catchUp()).isEqualTo(5);
            assertThat(b.catchUp()).isZero();

            clock.advance(TTL.plusSeconds(1));
            append(5);
            assertThat(b.catchUp()).as("b takes the expired lease over").isEqualTo(5);
            append(5);
            assertThat(a.catchUp()).as("a's renewal fails: fenced off").isZero();
            assertThat(b.catchUp()).isEqualTo(5);
        }

        assertThat(appliedEvents().eventIds("OrdersProjection")).containsExactlyElementsOf(allEventIds());
    }

    @Test
    public void ownerThatMissedItsLeaseLossCannotCommitABatch() {
        Recording first = new Recording();
        Recording second = new Recording();
        MutableClock paused = new MutableClock(clock.instant());
        try (ProjectionDaemon a = daemon("a", first, paused); ProjectionDaemon b = daemon("b", second)) {
            append(5);
            assertThat(a.catchUp()).isEqualTo(5);
            clock.advance(TTL.plusSeconds(1));
            append(5);
            assertThat(b.catchUp()).isEqualTo(5);

            append(5);
            assertThat(a.runOnce()).as("a believes its lease is fresh; the checkpoint refuses its token").isZero();
            assertThat(b.catchUp()).isEqualTo(5);
        }

        assertThat(appliedEvents().eventIds("OrdersProjection")).containsExactlyElementsOf(allEventIds());
    }

    @Test
    public void ownerThatMissedItsLeaseLossCannotCommitAnyOfThatProjectionsBatchInARoundOfSeveral() {
        Recording first = new Recording();
        Recording other = new OtherRecording();
        Recording second = new Recording();
        MutableClock paused = new MutableClock(clock.instant());
        try (ProjectionDaemon a = ProjectionDaemon.builder(eventStore(), transactions(), checkpoints(), lease())
                .owner("a").clock(paused).batching(10, TTL).projection(first).projection(other).build();
                ProjectionDaemon b = daemon("b", second)) {
            append(5);
            assertThat(a.catchUp()).isEqualTo(2 * 5);
            clock.advance(TTL.plusSeconds(1));
            append(5);
            assertThat(b.catchUp()).as("b takes OrdersProjection over").isEqualTo(5);

            append(5);
            assertThat(a.runOnce()).as("the checkpoints refuse a's token for OrdersProjection only").isEqualTo(10);
            assertThat(a.runOnce()).as("a no longer applies OrdersProjection").isZero();
            assertThat(b.catchUp()).isEqualTo(5);
        }

        assertThat(appliedEvents().eventIds("OrdersProjection")).containsExactlyElementsOf(allEventIds());
        assertThat(appliedEvents().eventIds("OtherProjection")).containsExactlyElementsOf(allEventIds());
    }

    @Test
    public void checkpointsSavedTogetherRefuseOnlyTheOlderFencingTokens() {
        transactions().inTransaction(() -> checkpoints().save("p", 10, 2), result -> true);
        transactions().inTransaction(() -> checkpoints().save("q", 20, 1), result -> true);

        Set<String> refused = transactions().inTransaction(() -> checkpoints().saveAll(List.of(
                new CheckpointStore.Checkpoint("p", 11, 1),
                new CheckpointStore.Checkpoint("q", 21, 1),
                new CheckpointStore.Checkpoint("r", 5, 1))), result -> true);

        assertThat(refused).containsExactly("p");
        assertThat(transactions().inTransaction(() -> checkpoints().loadAll(List.of("p", "q", "r", "s")), result -> true))
                .containsExactlyInAnyOrderEntriesOf(Map.of("p", 10L, "q", 21L, "r", 5L, "s", 0L));
        assertThat(checkpoints().loadAll(List.of("q", "s"))).as("outside a transaction")
                .containsExactlyInAnyOrderEntriesOf(Map.of("q", 21L, "s", 0L));
        assertThatThrownBy(() -> checkpoints().saveAll(List.of(new CheckpointStore.Checkpoint("p", 1, 9),
                new CheckpointStore.Checkpoint("p", 2, 9)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void rebuildReplaysEveryEventOnceIntoAFreshCopyAndSwapsItIn() {
        RebuildableEvents model = rebuildableEvents();
        assumeTrue(model != null, "no rebuildable read model given");
        try (ProjectionDaemon daemon = daemon("a", model.live())) {
            append(5);
            daemon.catchUp();
            assertThat(model.eventIds()).containsExactlyElementsOf(allEventIds());
            append(3);

            assertThat(daemon.rebuild(model.live().name(), model)).isEqualTo(8);
            assertThat(model.eventIds()).containsExactlyElementsOf(allEventIds());

            append(2);
            assertThat(daemon.catchUp()).isEqualTo(2);
            assertThat(model.eventIds()).containsExactlyElementsOf(allEventIds());
        }
    }

    @Test
    public void checkpointSaveWithAnOlderFencingTokenIsRefused() {
        transactions().inTransaction(() -> checkpoints().save("p", 10, 2), result -> true);

        boolean stale = transactions().inTransaction(() -> checkpoints().save("p", 11, 1), result -> true);
        boolean current = transactions().inTransaction(() -> checkpoints().save("p", 12, 2), result -> true);

        assertThat(stale).isFalse();
        assertThat(current).isTrue();
        assertThat(transactions().inTransaction(() -> checkpoints().load("p"), result -> true)).isEqualTo(12);
    }

    @Test
    public void lagCountsEventsNotAppliedAndTheAgeOfTheOldestOne() {
        append(25);
        try (ProjectionDaemon daemon = daemon("a", new Recording())) {
            clock.advance(Duration.ofMillis(1500));
            daemon.runOnce();

            ProjectionLag lag = daemon.lag("OrdersProjection");
            assertThat(lag.eventsBehind()).isEqualTo(15);
            assertThat(lag.head() - lag.checkpoint()).isEqualTo(15);
            long oldest = eventStore().readAll(lag.checkpoint(), 1).get(0).recordedAt().toEpochMilli();
            assertThat(lag.millisBehind()).isEqualTo(Math.max(0, clock.millis() - oldest));

            daemon.catchUp();
            assertThat(daemon.lag("OrdersProjection")).satisfies(caughtUp -> {
                assertThat(caughtUp.eventsBehind()).isZero();
                assertThat(caughtUp.millisBehind()).isZero();
            });
        }
    }

    @Test
    public void lagIsReadFromTheStoredCheckpointOnEveryInstanceAndAfterARestart() {
        append(12);
        try (ProjectionDaemon owner = daemon("a", new Recording())) {
            owner.catchUp();
            // Another instance, which never applied anything (and cannot: "a" holds the lease), or this
            // one restarted: the lag comes from the checkpoint the store holds, not from memory.
            try (ProjectionDaemon other = daemon("b", new Recording())) {
                assertThat(other.lag("OrdersProjection")).satisfies(caughtUp -> {
                    assertThat(caughtUp.checkpoint()).isEqualTo(owner.lag("OrdersProjection").checkpoint());
                    assertThat(caughtUp.eventsBehind()).isZero();
                    assertThat(caughtUp.millisBehind()).isZero();
                    assertThat(caughtUp.head()).isEqualTo(caughtUp.checkpoint());
                });
                append(4);
                assertThat(other.lag("OrdersProjection").eventsBehind()).isEqualTo(4);
            }
        }
        try (ProjectionDaemon restarted = daemon("a", new Recording())) {
            assertThat(restarted.lag("OrdersProjection").eventsBehind()).isEqualTo(4);
        }
    }

    @Test
    public void twoBackgroundDaemonsApplyEveryEventExactlyOnceWhileEventsArrive() {
        Recording first = new Recording();
        Recording second = new Recording();
        try (ProjectionDaemon a = daemon("a", first); ProjectionDaemon b = daemon("b", second)) {
            a.start(Duration.ofMillis(50));
            b.start(Duration.ofMillis(50));
            for (int i = 0; i < 20; i++) {
                append(10);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> first.applied.get() + second.applied.get() >= 200);
        }

        assertThat(List.of(first.applied.get(), second.applied.get())).containsExactlyInAnyOrder(200, 0);
        assertThat(appliedEvents().eventIds("OrdersProjection")).containsExactlyElementsOf(allEventIds());
    }

    @Test
    public void backgroundDaemonIsWokenByNewEventsWithoutPolling() {
        Recording projection = new Recording();
        try (ProjectionDaemon daemon = daemon("a", projection)) {
            daemon.start(Duration.ofHours(1));
            append(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> projection.applied.get() == 1);
            eventStore().append("Order-x", ExpectedVersion.any(), List.of(new Placed("x")), EventMetadata.empty());
            await().atMost(Duration.ofSeconds(10)).until(() -> projection.applied.get() == 2);
        }
        assertThat(appliedEvents().eventIds("OrdersProjection")).containsExactlyElementsOf(allEventIds());
    }
}
