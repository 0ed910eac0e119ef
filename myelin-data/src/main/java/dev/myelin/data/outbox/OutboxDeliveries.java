package dev.myelin.data.outbox;

import dev.myelin.core.RequestContext;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.internal.EventContexts;
import dev.myelin.data.internal.HandlerTypes;
import dev.myelin.data.transaction.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the deliveries of one claim. The whole claim (the inbox records of all its deliveries at once
 * ({@link Inbox#markAllProcessed}), then each handler's deliveries recorded now in position order, then the
 * removal of them all) runs in ONE transaction; a delivery whose inbox record was there already (its effects
 * committed before) is removed without running its handler. When anything in that transaction throws,
 * that transaction rolls back and the claim is delivered again one delivery per transaction, as before
 * batching: only the failing delivery counts a failed attempt (backoff, dead letters), the deliveries before
 * it commit, the handler's later ones wait for it, other handlers go on. An {@link Error} that is not a
 * handler failure ({@code VirtualMachineError}s) rolls the batch back and ends the round: its deliveries stay
 * claimed until the claim expires, then come again, and the inbox makes each run once.
 */
final class OutboxDeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDeliveries.class);

    private final OutboxStore store;
    private final TransactionRunner transactions;
    private final HandlerRoutes routes;
    private final Inbox inbox;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    OutboxDeliveries(OutboxStore store, TransactionRunner transactions, HandlerRoutes routes, Inbox inbox, Clock clock,
            int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this.store = store;
        this.transactions = transactions;
        this.routes = routes;
        this.inbox = inbox;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Delivers claimed deliveries: in one transaction, else one at a time.
     *
     * @return how many deliveries were attempted
     */
    int deliver(List<OutboxDelivery> claimed) {
        Map<String, List<OutboxDelivery>> byHandler = new LinkedHashMap<>();
        claimed.forEach(d -> byHandler.computeIfAbsent(d.handler(), h -> new ArrayList<>()).add(d));
        if (claimed.size() > 1 && deliveredTogether(byHandler.values(), claimed)) {
            return claimed.size();
        }
        int attempted = 0;
        for (List<OutboxDelivery> deliveries : byHandler.values()) {
            attempted += deliverInOrder(deliveries);
        }
        return attempted;
    }

    private boolean deliveredTogether(Collection<List<OutboxDelivery>> byHandler, List<OutboxDelivery> claimed) {
        try {
            transactions.inTransaction(() -> {
                List<HandlerRoutes.Route> handlers = new ArrayList<>(claimed.size());
                Set<Inbox.Key> keys = new LinkedHashSet<>();
                for (List<OutboxDelivery> deliveries : byHandler) {
                    for (OutboxDelivery delivery : deliveries) {
                        HandlerRoutes.Route route = route(delivery);
                        handlers.add(route);
                        keys.add(new Inbox.Key(route.name(), delivery.event().eventId()));
                    }
                }
                // The round's inbox rows at once; a delivery whose row was there already is skipped.
                Set<Inbox.Key> marked = inbox == null ? null : new HashSet<>(inbox.markAllProcessed(keys));
                int i = 0;
                for (List<OutboxDelivery> deliveries : byHandler) {
                    for (OutboxDelivery delivery : deliveries) {
                        HandlerRoutes.Route route = handlers.get(i++);
                        // remove: a pair claimed twice runs once, as two markProcessed calls would allow.
                        if (marked == null || marked.remove(new Inbox.Key(route.name(), delivery.event().eventId()))) {
                            run(route, delivery.event());
                        }
                    }
                }
                List<Long> ids = new ArrayList<>(claimed.size());
                claimed.forEach(delivery -> ids.add(delivery.id()));
                store.delivered(ids);
                return null;
            }, result -> true);
            return true;
        } catch (Exception | LinkageError | AssertionError failure) {
            // Nothing of the batch committed: find the failing delivery one at a time, counting its attempt there.
            LOG.debug("A batch of {} deliveries failed; delivering them one at a time", claimed.size(), failure);
            return false;
        }
    }

    private int deliverInOrder(List<OutboxDelivery> deliveries) {
        for (int i = 0; i < deliveries.size(); i++) {
            if (!deliverAlone(deliveries.get(i))) {
                // The handler waits for its failed delivery: hand its later ones back, unattempted.
                for (OutboxDelivery later : deliveries.subList(i + 1, deliveries.size())) {
                    transactions.inTransaction(() -> {
                        store.release(later.id());
                        return null;
                    }, result -> true);
                }
                return i + 1;
            }
        }
        return deliveries.size();
    }

    private boolean deliverAlone(OutboxDelivery delivery) {
        try {
            handleInTransaction(delivery, () -> store.delivered(delivery.id()));
            return true;
        } catch (Exception | LinkageError | AssertionError failure) {
            // Anything a handler throws counts as a failed attempt, except VirtualMachineErrors.
            int attempts = delivery.attempts() + 1;
            Instant now = clock.instant();
            String error = HandlerTypes.describe(failure);
            transactions.inTransaction(() -> {
                if (attempts >= maxAttempts) {
                    store.moveToDeadLetters(delivery.id(), attempts, error, now);
                } else {
                    store.retryLater(delivery.id(), attempts, now.plus(backoff(attempts)), error);
                }
                return null;
            }, result -> true);
            return false;
        }
    }

    /** Runs a delivery's handler and the acknowledgement in one transaction of their own. */
    void handleInTransaction(OutboxDelivery delivery, Runnable acknowledge) {
        transactions.inTransaction(() -> {
            handle(delivery);
            acknowledge.run();
            return null;
        }, result -> true);
    }

    /** Records the event in the inbox and runs the handler under the event's context, unless recorded before. */
    private void handle(OutboxDelivery delivery) {
        HandlerRoutes.Route route = route(delivery);
        StoredEvent event = delivery.event();
        if (inbox == null || inbox.markProcessed(route.name(), event.eventId())) {
            run(route, event);
        }
    }

    /** Runs the handler under the event's context. */
    private static void run(HandlerRoutes.Route route, StoredEvent event) {
        try (RequestContext.Scope scope = EventContexts.of(event).bind()) {
            route.handler().handle(event.event());
        }
    }

    private HandlerRoutes.Route route(OutboxDelivery delivery) {
        HandlerRoutes.Route route = routes.named(delivery.handler());
        if (route == null) {
            throw new IllegalStateException("No handler named " + delivery.handler() + " is registered");
        }
        return route;
    }

    private Duration backoff(int attempts) {
        Duration delay = initialBackoff.multipliedBy(1L << Math.min(attempts - 1, 30));
        return delay.compareTo(maxBackoff) > 0 || delay.isNegative() ? maxBackoff : delay;
    }
}
