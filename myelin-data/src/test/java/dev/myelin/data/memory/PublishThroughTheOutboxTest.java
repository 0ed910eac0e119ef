package dev.myelin.data.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Command;
import dev.myelin.core.DomainEvent;
import dev.myelin.core.Mediator;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.data.AfterAppend;
import dev.myelin.data.contract.TestEvents.OrderEvent;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.memory.InMemoryRepositoryTest.Cart;
import dev.myelin.data.outbox.OutboxDispatcher;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * One route for event handlers, in plain Java: a command handler that saves an aggregate and also
 * publishes its recorded event by hand through the outbox, and an event store that enqueues what it
 * appends itself (an after-append step), each deliver the event to a handler once.
 */
class PublishThroughTheOutboxTest {

    record OpenCart(String cartId) implements Command<String> {
    }

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventStore events = new InMemoryEventStore(transactions, Clock.systemUTC());
    private final InMemoryOutboxStore outbox = new InMemoryOutboxStore(transactions);
    private final List<String> handled = new CopyOnWriteArrayList<>();

    private OutboxDispatcher dispatcher(EventStore store) {
        return OutboxDispatcher.builder(outbox, transactions)
                .eventStore(store)
                .inbox(new InMemoryInbox(transactions))
                .handler("kitchen", OrderEvent.class, event -> handled.add(event.getClass().getSimpleName()))
                .build();
    }

    @Test
    void aCommandThatSavesAnAggregateAndPublishesItsEventByHandRunsTheHandlerOnce() {
        OutboxDispatcher[] self = new OutboxDispatcher[1];
        EventStore afterAppend = AfterAppend.builder(events, transactions)
                .outbox(stored -> self[0].enqueue(stored)).build();
        OutboxDispatcher dispatcher = dispatcher(afterAppend);
        self[0] = dispatcher;
        InMemoryRepository<Cart, String> carts = new InMemoryRepository<>(Cart.class, Cart::copy, transactions,
                afterAppend);
        Mediator mediator = Mediator.builder()
                .handler(OpenCart.class, command -> {
                    Cart cart = Cart.open(command.cartId());
                    DomainEvent recorded = cart.pendingEvents().get(0);
                    carts.add(cart);
                    dispatcher.publish(recorded);
                    return command.cartId();
                })
                // What the transaction behavior of myelin-behaviors does, without depending on that module.
                .behavior(Command.class, (PipelineBehavior<Command<?>, Object>) (command, next) ->
                        transactions.inTransaction(() -> next.invoke(command), result -> true))
                .build();

        mediator.send(new OpenCart("c1"));
        dispatcher.dispatchPending();

        assertThat(handled).containsExactly("Placed");
        assertThat(events.readAll(0, 10)).hasSize(1);
    }

    @Test
    void anEventStoreThatEnqueuesWhatItAppendsDoesNotMakePublishEnqueueTwice() {
        OutboxDispatcher[] self = new OutboxDispatcher[1];
        EventStore enqueuing = AfterAppend.builder(events, transactions).outbox(stored -> self[0].enqueue(stored)).build();
        OutboxDispatcher dispatcher = dispatcher(enqueuing);
        self[0] = dispatcher;

        dispatcher.publish(new dev.myelin.data.contract.TestEvents.Placed("p1"));

        assertThat(outbox.pendingCount()).isEqualTo(1);
        dispatcher.dispatchPending();
        assertThat(handled).containsExactly("Placed");
    }
}
