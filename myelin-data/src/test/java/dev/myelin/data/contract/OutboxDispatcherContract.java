package dev.myelin.data.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.core.EventHandler;
import dev.myelin.core.RequestContext;
import dev.myelin.data.contract.TestEvents.Added;
import dev.myelin.data.contract.TestEvents.OrderEvent;
import dev.myelin.data.contract.TestEvents.Placed;
import dev.myelin.data.contract.TestEvents.Poisoned;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.outbox.DeadLetter;
import dev.myelin.data.outbox.HandlerName;
import dev.myelin.data.outbox.Inbox;
import dev.myelin.data.outbox.OutboxBacklog;
import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.outbox.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link OutboxDispatcher} over an {@link OutboxStore} and an {@link Inbox}. Extend
 * it and give fresh, empty parts per test; all share {@link #transactions()}.
 */
public abstract class OutboxDispatcherContract {

    /** The clock of backoffs, moved by the tests. */
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));

    /**
     * Returns the outbox store under test, empty.
     *
     * @return the store
     */
    protected abstract OutboxStore outboxStore();

    /**
     * Returns the inbox under test, empty.
     *
     * @return the inbox
     */
    protected abstract Inbox inbox();

    /**
     * Returns an empty event store, the source of the events delivered.
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

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private OutboxDispatcher.Builder dispatcher() {
        return OutboxDispatcher.builder(outboxStore(), transactions())
                .eventStore(eventStore())
                .inbox(inbox())
                .clock(clock)
                .retries(3, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    private EventHandler<OrderEvent> recording(String name) {
        return event -> calls.add(name + ":" + describe(event));
    }

    private static String describe(OrderEvent event) {
        return event.getClass().getSimpleName() + "(" + event.orderId() + ")";
    }

    /** Appends and enqueues in one transaction, as a repository does. */
    private List<StoredEvent> commit(OutboxDispatcher dispatcher, String stream, OrderEvent... events) {
        return transactions().inTransaction(() -> {
            var result = eventStore().append(stream, ExpectedVersion.any(), List.of(events), EventMetadata.empty());
            List<StoredEvent> stored = eventStore().readStream(stream, result.streamVersion() - result.count() + 1,
                    result.count());
            dispatcher.enqueue(stored);
            return stored;
        }, result -> true);
    }

    /**
     * Appends and enqueues as a repository does once append returns what it stored: the stored events carry
     * the instances the aggregate recorded (a read back would carry copies).
     */
    private List<StoredEvent> save(OutboxDispatcher dispatcher, String stream, OrderEvent... events) {
        var result = eventStore().append(stream, ExpectedVersion.any(), List.of(events), EventMetadata.empty());
        List<StoredEvent> read = eventStore().readStream(stream, result.streamVersion() - result.count() + 1,
                result.count());
        List<StoredEvent> stored = new java.util.ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            StoredEvent copy = read.get(i);
            stored.add(new StoredEvent(copy.position(), copy.streamId(), copy.streamVersion(), copy.eventId(), copy.type(),
                    copy.schemaVersion(), events[i], copy.metadata(), copy.recordedAt()));
        }
        dispatcher.enqueue(stored);
        return stored;
    }

    @Test
    public void eachEventReachesEveryMatchingHandlerIncludingSupertypeHandlers() {
        OutboxDispatcher dispatcher = dispatcher()
                .handler("all", OrderEvent.class, recording("all"))
                .handler("placed", Placed.class, event -> calls.add("placed:" + describe(event)))
                .build();

        commit(dispatcher, "Order-1", new Placed("1"), new Added("1", 2));
        dispatcher.dispatchPending();

        assertThat(calls).containsExactlyInAnyOrder("all:Placed(1)", "all:Added(1)", "placed:Placed(1)");
        assertThat(outboxStore().pendingCount()).isZero();
    }

    @Test
    public void aSelectiveHandlerGetsNoDeliveryOfTheEventsItDoesNotWant() {
        dev.myelin.data.outbox.SelectiveEventHandler<OrderEvent> bigOnes =
                new dev.myelin.data.outbox.SelectiveEventHandler<>() {
                    @Override
                    public boolean wants(OrderEvent event) {
                        return event instanceof Added added && added.quantity() > 10;
                    }

                    @Override
                    public void handle(OrderEvent event) {
                        calls.add("big:" + describe(event));
                    }
                };
        OutboxDispatcher dispatcher = dispatcher().handler("big", OrderEvent.class, bigOnes)
                .handler("all", OrderEvent.class, recording("all")).build();

        commit(dispatcher, "Order-1", new Placed("1"), new Added("1", 2), new Added("1", 20));
        assertThat(outboxStore().pendingCount()).as("three for 'all', one for 'big'").isEqualTo(4);
        dispatcher.dispatchPending();

        assertThat(calls).containsExactlyInAnyOrder("all:Placed(1)", "all:Added(1)", "all:Added(1)", "big:Added(1)");
        assertThat(outboxStore().pendingCount()).isZero();
    }

    @Test
    public void eachHandlerReceivesEventsInPositionOrder() {
        OutboxDispatcher dispatcher = dispatcher().handler("all", OrderEvent.class, recording("all")).build();
        for (int i = 0; i < 5; i++) {
            commit(dispatcher, "Order-" + i, new Placed(String.valueOf(i)));
        }

        dispatcher.dispatchPending();

        assertThat(calls).containsExactly("all:Placed(0)", "all:Placed(1)", "all:Placed(2)", "all:Placed(3)", "all:Placed(4)");
    }

    @Test
    public void failingHandlerIsRetriedWithBackoffThenDeadLetteredWhileOtherHandlersContinue() {
        OutboxDispatcher dispatcher = dispatcher()
                .handler("healthy", OrderEvent.class, recording("healthy"))
                .handler("picky", OrderEvent.class, event -> {
                    if (event instanceof Poisoned) {
                        calls.add("picky:failed");
                        throw new IllegalArgumentException("cannot digest " + event.orderId());
                    }
                    calls.add("picky:" + describe(event));
                })
                .build();
        commit(dispatcher, "Order-1", new Poisoned("1"));
        commit(dispatcher, "Order-2", new Placed("2"));

        dispatcher.dispatchPending();
        // The batch of four ran until picky failed and rolled back; then one delivery per transaction.
        assertThat(calls).containsExactly("healthy:Poisoned(1)", "healthy:Placed(2)", "picky:failed",
                "healthy:Poisoned(1)", "healthy:Placed(2)", "picky:failed");
        int afterFirst = calls.size();

        dispatcher.dispatchPending();
        assertThat(calls).as("not retried before the backoff").hasSize(afterFirst);

        clock.advance(Duration.ofSeconds(1));
        dispatcher.dispatchPending();
        // Claimed with the failed one, Placed(2) never ran: the batch failed first, then it waited again.
        assertThat(calls.subList(afterFirst, calls.size())).as("second attempt; Placed(2) still waits behind it")
                .isNotEmpty().containsOnly("picky:failed");
        int afterSecond = calls.size();

        clock.advance(Duration.ofSeconds(2));
        dispatcher.dispatchPending();
        assertThat(calls.subList(afterSecond, calls.size())).as("third attempt, then Placed(2) flows again")
                .endsWith("picky:failed", "picky:Placed(2)").allMatch(call -> call.startsWith("picky:"));

        List<DeadLetter> dead = dispatcher.deadLetters().list(0, 10);
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(letter.handler()).isEqualTo("picky");
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.eventType()).isNotBlank();
            assertThat(letter.error()).contains(IllegalArgumentException.class.getName(), "cannot digest 1", "at ");
        });
        assertThat(outboxStore().pendingCount()).isZero();
    }

    @Test
    public void replayedDeadLetterIsDeliveredAgainAndRemoved() {
        boolean[] fixed = {false};
        OutboxDispatcher dispatcher = dispatcher().retries(1, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .handler("flaky", OrderEvent.class, event -> {
                    if (!fixed[0]) {
                        throw new IllegalStateException("down");
                    }
                    calls.add("flaky:" + describe(event));
                })
                .build();
        commit(dispatcher, "Order-1", new Placed("1"));
        dispatcher.dispatchPending();
        long id = dispatcher.deadLetters().list(0, 10).get(0).id();

        assertThat(dispatcher.deadLetters().replay(id)).as("still failing").isFalse();
        assertThat(dispatcher.deadLetters().list(0, 10)).singleElement()
                .satisfies(letter -> assertThat(letter.attempts()).isEqualTo(2));

        fixed[0] = true;
        assertThat(dispatcher.deadLetters().replay(id)).isTrue();
        assertThat(calls).containsExactly("flaky:Placed(1)");
        assertThat(dispatcher.deadLetters().list(0, 10)).isEmpty();
        assertThatThrownBy(() -> dispatcher.deadLetters().replay(id)).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    public void droppedDeadLetterIsGoneWithoutDelivery() {
        OutboxDispatcher dispatcher = dispatcher().retries(1, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .handler("broken", OrderEvent.class, event -> {
                    throw new IllegalStateException("down");
                })
                .build();
        commit(dispatcher, "Order-1", new Placed("1"));
        dispatcher.dispatchPending();
        long id = dispatcher.deadLetters().list(0, 10).get(0).id();

        assertThat(dispatcher.deadLetters().drop(id)).isTrue();
        assertThat(dispatcher.deadLetters().drop(id)).isFalse();
        assertThat(dispatcher.deadLetters().list(0, 10)).isEmpty();
    }

    @Test
    public void inboxMakesAHandlerProcessAnEventDeliveredTwiceOnlyOnce() {
        OutboxDispatcher dispatcher = dispatcher().handler("once", OrderEvent.class, recording("once")).build();
        List<StoredEvent> events = commit(dispatcher, "Order-1", new Placed("1"));
        transactions().inTransaction(() -> {
            dispatcher.enqueue(events);
            return null;
        }, result -> true);

        dispatcher.dispatchPending();

        assertThat(calls).containsExactly("once:Placed(1)");
        assertThat(inbox().isProcessed("once", events.get(0).eventId())).isTrue();
        assertThat(outboxStore().pendingCount()).isZero();
    }

    @Test
    public void aDeliveryWhoseInboxRecordCommittedBeforeIsRemovedFromItsRoundWithoutRunningItsHandler() {
        OutboxDispatcher dispatcher = dispatcher().handler("kitchen", OrderEvent.class, recording("kitchen"))
                .handler("billing", OrderEvent.class, recording("billing")).build();
        commit(dispatcher, "Order-1", new Placed("1"));
        List<StoredEvent> second = commit(dispatcher, "Order-2", new Placed("2"));
        commit(dispatcher, "Order-3", new Placed("3"));
        // As after a crash between the commit of the handler's effects (inbox record included) and the removal.
        transactions().inTransaction(() -> inbox().markProcessed("kitchen", second.get(0).eventId()), result -> true);

        assertThat(dispatcher.dispatchPending()).isEqualTo(6);

        assertThat(calls).containsExactlyInAnyOrder("kitchen:Placed(1)", "kitchen:Placed(3)", "billing:Placed(1)",
                "billing:Placed(2)", "billing:Placed(3)");
        assertThat(calls.stream().filter(call -> call.startsWith("kitchen:")))
                .containsExactly("kitchen:Placed(1)", "kitchen:Placed(3)");
        assertThat(outboxStore().pendingCount()).isZero();
        assertThat(inbox().isProcessed("billing", second.get(0).eventId())).isTrue();
    }

    @Test
    public void failedHandlerLeavesNoInboxRecordSoTheRetryRunsIt() {
        int[] attempts = {0};
        OutboxDispatcher dispatcher = dispatcher().handler("second-time-lucky", OrderEvent.class, event -> {
            if (attempts[0]++ == 0) {
                throw new IllegalStateException("first attempt fails");
            }
            calls.add("ok");
        }).build();
        List<StoredEvent> events = commit(dispatcher, "Order-1", new Placed("1"));

        dispatcher.dispatchPending();
        assertThat(inbox().isProcessed("second-time-lucky", events.get(0).eventId())).isFalse();
        clock.advance(Duration.ofSeconds(1));
        dispatcher.dispatchPending();

        assertThat(calls).containsExactly("ok");
        assertThat(inbox().isProcessed("second-time-lucky", events.get(0).eventId())).isTrue();
    }

    @Test
    public void enqueueRolledBackWithItsTransactionIsNeverDelivered() {
        OutboxDispatcher dispatcher = dispatcher().handler("all", OrderEvent.class, recording("all")).build();

        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            commit(dispatcher, "Order-1", new Placed("1"));
            throw new IllegalStateException("the command failed");
        }, result -> true)).hasMessage("the command failed");
        dispatcher.dispatchPending();

        assertThat(calls).isEmpty();
        assertThat(outboxStore().pendingCount()).isZero();
    }

    @Test
    public void backlogCountsPendingDeliveriesTheirOldestAgeAndDeadLetters() {
        Instant later = Instant.now().plus(Duration.ofMinutes(10));
        assertThat(outboxStore().backlog(later, Set.of())).isEqualTo(new OutboxBacklog(0, Duration.ZERO, 0, 0));
        OutboxDispatcher dispatcher = dispatcher().retries(1, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .handler("healthy", OrderEvent.class, recording("healthy"))
                .handler("broken", OrderEvent.class, event -> {
                    throw new IllegalStateException("down");
                })
                .build();

        Instant recorded = commit(dispatcher, "Order-1", new Placed("1")).get(0).recordedAt();
        OutboxBacklog waiting = outboxStore().backlog(later, dispatcher.handlerNames());
        assertThat(waiting.pending()).isEqualTo(2);
        assertThat(waiting.deadLetters()).isZero();
        assertThat(waiting.waitingForAbsentHandlers()).isZero();
        Duration expected = Duration.between(recorded, later);
        assertThat(waiting.oldestPendingAge()).as("measured from the event's commit")
                .isBetween(expected.minusSeconds(1), expected.plusSeconds(1));

        dispatcher.dispatchPending();
        assertThat(outboxStore().backlog(later, dispatcher.handlerNames())).isEqualTo(new OutboxBacklog(0, Duration.ZERO, 1, 0));
    }

    @Test
    public void backgroundDispatcherDeliversSoonAfterCommitWithoutWaitingForItsPollInterval() {
        OutboxDispatcher dispatcher = dispatcher().handler("all", OrderEvent.class, recording("all")).build();
        dispatcher.start(Duration.ofHours(1));
        try {
            commit(dispatcher, "Order-1", new Placed("1"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 1);
            commit(dispatcher, "Order-2", new Placed("2"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 2);
        } finally {
            dispatcher.stop();
        }
        assertThat(calls).containsExactly("all:Placed(1)", "all:Placed(2)");
    }

    @Test
    public void handlerRunsUnderAContextCarryingTheEventsCorrelationAndItsIdAsCausation() {
        List<RequestContext> contexts = new CopyOnWriteArrayList<>();
        OutboxDispatcher dispatcher = dispatcher()
                .handler("context", OrderEvent.class, event -> contexts.add(RequestContext.current()))
                .build();
        List<StoredEvent> stored = transactions().inTransaction(() -> {
            EventMetadata metadata = new EventMetadata("corr-7", "command-1", "mario", "pizzeria", Map.of());
            eventStore().append("Order-1", ExpectedVersion.noStream(), List.of(new Placed("1")), metadata);
            List<StoredEvent> events = eventStore().readStream("Order-1", 1, 1);
            dispatcher.enqueue(events);
            return events;
        }, result -> true);

        dispatcher.dispatchPending();

        assertThat(contexts).singleElement().satisfies(context -> {
            assertThat(context.correlationId()).contains("corr-7");
            assertThat(context.causationId()).contains(stored.get(0).eventId());
            assertThat(context.principal()).hasValueSatisfying(principal -> assertThat(principal.name()).isEqualTo("mario"));
            assertThat(context.tenant()).contains("pizzeria");
        });
    }

    /** The SMS handler as the old version names its class. */
    @HandlerName("sms")
    final class SmsBeforeRename implements EventHandler<OrderEvent> {
        @Override
        public void handle(OrderEvent event) {
            calls.add("sms-before:" + describe(event));
        }
    }

    /** The same handler after its class was renamed: the explicit name keeps its deliveries. */
    @HandlerName("sms")
    final class SmsAfterRename implements EventHandler<OrderEvent> {
        @Override
        public void handle(OrderEvent event) {
            calls.add("sms-after:" + describe(event));
        }
    }

    @Test
    public void dispatchersWithDifferentHandlersDeliverOnlyTheirOwnAndTheOthersWaitInsteadOfDeadLettering() {
        // A rolling deploy: the version that wrote the events has kitchen and sms; the other only kitchen.
        OutboxDispatcher writer = dispatcher().handler("kitchen", OrderEvent.class, recording("kitchen"))
                .handler(new SmsBeforeRename()).build();
        OutboxDispatcher withoutSms = dispatcher().retries(1, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .handler("kitchen", OrderEvent.class, recording("kitchen")).build();
        commit(writer, "Order-1", new Placed("1"));
        commit(writer, "Order-2", new Placed("2"));

        assertThat(withoutSms.dispatchPending()).isEqualTo(2);
        clock.advance(Duration.ofHours(1));
        assertThat(withoutSms.dispatchPending()).as("never attempts a handler it lacks").isZero();

        assertThat(calls).containsExactly("kitchen:Placed(1)", "kitchen:Placed(2)");
        assertThat(withoutSms.backlog()).isEqualTo(new OutboxBacklog(2, withoutSms.backlog().oldestPendingAge(), 0, 2));
        assertThat(withoutSms.deadLetters().list(0, 10)).isEmpty();

        OutboxDispatcher renamed = dispatcher().handler(new SmsAfterRename()).build();
        assertThat(renamed.handlerNames()).containsExactly("sms");
        assertThat(renamed.dispatchPending()).isEqualTo(2);

        assertThat(calls).containsExactly("kitchen:Placed(1)", "kitchen:Placed(2)", "sms-after:Placed(1)",
                "sms-after:Placed(2)");
        assertThat(withoutSms.backlog()).isEqualTo(new OutboxBacklog(0, Duration.ZERO, 0, 0));
    }

    @Test
    public void aDomainEventSavedAndAlsoPublishedByHandInsideAndAfterItsTransactionRunsEachHandlerOnce() {
        OutboxDispatcher dispatcher = dispatcher().handler("kitchen", OrderEvent.class, recording("kitchen"))
                .handler("placed", Placed.class, event -> calls.add("placed:" + describe(event))).build();
        Placed placed = new Placed("1");

        transactions().inTransaction(() -> {
            save(dispatcher, "Order-1", placed);            // the repository's save
            dispatcher.publish(placed);                     // and by hand, in the same transaction
            return null;
        }, result -> true);
        dispatcher.publish(placed);                         // and again after the commit
        dispatcher.dispatchPending();

        assertThat(calls).containsExactlyInAnyOrder("kitchen:Placed(1)", "placed:Placed(1)");
        assertThat(eventStore().readAll(0, 10)).hasSize(1);
        assertThat(outboxStore().pendingCount()).isZero();
    }

    @Test
    public void publishInsideATransactionIsStoredWithItAndDeliveredOnlyAfterItCommits() {
        OutboxDispatcher dispatcher = dispatcher().handler("kitchen", OrderEvent.class, recording("kitchen")).build();

        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            dispatcher.publish(new Placed("rolled-back"));
            throw new IllegalStateException("the command failed");
        }, result -> true)).hasMessage("the command failed");
        transactions().inTransaction(() -> {
            dispatcher.publish(new Placed("2"));
            assertThat(calls).as("not before the commit").isEmpty();
            return null;
        }, result -> true);
        dispatcher.dispatchPending();

        assertThat(calls).containsExactly("kitchen:Placed(2)");
        assertThat(eventStore().readAll(0, 10)).singleElement().satisfies(stored -> {
            assertThat(stored.streamId()).startsWith(OutboxDispatcher.PUBLISHED_STREAM_PREFIX);
            assertThat(stored.event()).isEqualTo(new Placed("2"));
        });
    }

    @Test
    public void publishOutsideATransactionCommitsTheEventAndItsDeliveriesBeforeReturningAndRunsNoHandlerOnTheCaller() {
        OutboxDispatcher dispatcher = dispatcher().handler("kitchen", OrderEvent.class, recording("kitchen")).build();

        dispatcher.publish(new Placed("3"));

        assertThat(calls).isEmpty();
        assertThat(outboxStore().pendingCount()).isEqualTo(1);
        dispatcher.dispatchPending();
        dispatcher.publish(new Placed("3"));                // an equal, new instance: a second event
        dispatcher.dispatchPending();
        assertThat(calls).containsExactly("kitchen:Placed(3)", "kitchen:Placed(3)");
    }

    @Test
    public void savingAnEventAlreadyPublishedByHandIsRefusedAndRollsBackBoth() {
        OutboxDispatcher dispatcher = dispatcher().handler("kitchen", OrderEvent.class, recording("kitchen")).build();
        Placed placed = new Placed("4");

        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            dispatcher.publish(placed);
            return save(dispatcher, "Order-4", placed);
        }, result -> true)).isInstanceOf(IllegalStateException.class).hasMessageContaining("published by hand");
        dispatcher.dispatchPending();

        assertThat(calls).isEmpty();
        assertThat(eventStore().readAll(0, 10)).isEmpty();
    }
}
