package dev.myelin.data.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import dev.myelin.data.AfterAppend;
import dev.myelin.core.Command;
import dev.myelin.core.Mediator;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.RequestContext;
import dev.myelin.data.contract.TestEvents.OrderEvent;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.memory.InMemoryRepositoryTest.Cart;
import dev.myelin.data.outbox.OutboxDispatcher;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The whole write path in memory: mediator, transaction behavior, repository, event log, outbox, handler. */
class WritePathTest {

    record OpenCart(String cartId, boolean failAfterSave) implements Command<String> {
    }

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventStore events = new InMemoryEventStore(transactions, Clock.systemUTC());
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final OutboxDispatcher dispatcher = OutboxDispatcher.builder(new InMemoryOutboxStore(transactions), transactions)
            .inbox(new InMemoryInbox(transactions))
            .handler("kitchen", OrderEvent.class, event -> {
                RequestContext context = RequestContext.current();
                handled.add(event.getClass().getSimpleName() + " corr=" + context.correlationId().orElse("-"));
            })
            .build();
    private final InMemoryRepository<Cart, String> carts =
            new InMemoryRepository<>(Cart.class, Cart::copy, transactions,
                    AfterAppend.builder(events, transactions).outbox(dispatcher).build());
    private final Mediator mediator = Mediator.builder()
            .handler(OpenCart.class, command -> {
                carts.add(Cart.open(command.cartId()));
                if (command.failAfterSave()) {
                    throw new IllegalStateException("payment refused");
                }
                return command.cartId();
            })
            // What the transaction behavior of myelin-behaviors does, without depending on that module.
            .behavior(Command.class, (PipelineBehavior<Command<?>, Object>) (command, next) ->
                    transactions.inTransaction(() -> next.invoke(command), result -> true))
            .build();

    @Test
    void committedCommandsEventsReachTheirHandlerAfterCommitWithTheCommandsCorrelation() {
        try (RequestContext.Scope scope = RequestContext.builder().correlationId("corr-1").build().bind()) {
            mediator.send(new OpenCart("c1", false));
        }

        StoredEvent stored = events.readAll(0, 10).get(0);
        assertThat(stored.metadata().correlationId()).isEqualTo("corr-1");
        assertThat(stored.metadata().causationId()).isNotNull();
        assertThat(handled).as("nothing is delivered before the dispatcher runs").isEmpty();
        dispatcher.dispatchPending();
        assertThat(handled).containsExactly("Placed corr=corr-1");
    }

    @Test
    void failedCommandLeavesNoStateNoEventAndNoDelivery() {
        assertThatThrownBy(() -> mediator.send(new OpenCart("c1", true))).hasMessage("payment refused");

        assertThat(carts.get("c1")).isEmpty();
        assertThat(events.readAll(0, 10)).isEmpty();
        assertThat(dispatcher.dispatchPending()).isZero();
        assertThat(handled).isEmpty();
    }
}
